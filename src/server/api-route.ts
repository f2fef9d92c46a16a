import type { APIRoute } from 'astro';
import { routeApiRequest } from '../api/router.ts';
import { clientAddressBehindProxies } from '../auth/client-address.ts';
import { errorResponse } from '../http/app-error.ts';
import { getNodeDeps, nodeResponseCache } from './node-deps.ts';

// Node build only: every /api request goes to the same handlers the Netlify functions mount, with
// this request's client address (socket, or the trusted proxy's entry) in its deps.
export const prerender = false;

export const ALL: APIRoute = ({ request, clientAddress }) =>
  getNodeDeps().then(
    (deps) => {
      const address = clientAddressBehindProxies(request.headers.get('x-forwarded-for'), clientAddress, deps.config.trustProxyHops);
      return routeApiRequest(request, { ...deps, clientAddress: address }, { cache: nodeResponseCache });
    },
    (error: unknown) => errorResponse(error),
  );
