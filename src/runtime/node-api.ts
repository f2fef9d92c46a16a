import { routeApiRequest } from '../api/router.ts';
import { authSettings } from '../auth/auth-settings.ts';
import { clientAddressBehindProxies } from '../auth/client-address.ts';
import { protect } from '../auth/protect.ts';
import { TtlCache } from '../cache/ttl-cache.ts';
import { parseConfig, type Config } from '../config/config.ts';
import { errorResponse } from '../http/app-error.ts';
import { createRuntimeDeps, onceUntilFailure } from './runtime-deps.ts';

/** The Node host's configuration, parsed from the environment on first use (a failed parse is tried again). */
let config: Config | undefined;
const nodeConfig = (): Config => (config ??= parseConfig(process.env));

/** The Node host's in-process response cache (the CDN's part on Netlify); /api/refresh empties it. */
const nodeResponseCache = new TtlCache();

/** The Node host's deps, built once per process on first use. */
const getNodeDeps = onceUntilFailure(async () =>
  createRuntimeDeps(nodeConfig(), async (tags) => {
    nodeResponseCache.clear(tags);
  }),
);

/**
 * What the Netlify edge function does, on the Node host: refuse a request without a valid session,
 * else answer it with `next`, and put the security headers on the answer (src/auth/protect.ts).
 * Astro's middleware (pages, and /api when the Node build runs on its own) and src/cli/serve.ts
 * (/api on the Procfile's server) both guard with it.
 */
export function protectNodeRequest(request: Request, next: () => Promise<Response>): Promise<Response> {
  return protect(request, { loadSettings: async () => authSettings(nodeConfig()), now: new Date(), next });
}

/**
 * An /api request on the Node host, already past the session guard: the same handlers the
 * Netlify functions mount, with this request's client address (the socket's, or the trusted
 * proxy's entry) in its deps and the in-process cache in front. Astro's API route (the Node build
 * run on its own) and src/cli/serve.ts (the Procfile's server) both answer /api with it.
 */
export function routeNodeApiRequest(request: Request, socketAddress: string | undefined): Promise<Response> {
  return getNodeDeps().then(
    (deps) => {
      const clientAddress = clientAddressBehindProxies(request.headers.get('x-forwarded-for'), socketAddress, deps.config.trustProxyHops);
      return routeApiRequest(request, { ...deps, clientAddress }, { cache: nodeResponseCache });
    },
    (error: unknown) => errorResponse(error),
  );
}
