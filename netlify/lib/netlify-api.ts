/**
 * Everything the API functions share on Netlify: deps built once per function instance (config
 * from the environment, the database for DATABASE_URL or the embedded demo database without one
 * outside production, opened by the first query; the failed-login limiter), the CDN purge for
 * /api/refresh, and the wrapper that mounts a handler.
 */
import { purgeCache, type Context } from '@netlify/functions';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { runHandler } from '../../src/api/respond.ts';
import { createRuntimeDeps, onceUntilFailure } from '../../src/runtime/runtime-deps.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';
import { errorResponse } from '../../src/http/app-error.ts';

// The deploy context comes with each request, not the environment (see src/auth/netlify-env.ts).
export const getNetlifyDeps = onceUntilFailure(async (deployContext: string | undefined) =>
  createRuntimeDeps(netlifyConfig(process.env, deployContext), (tags) => purgeCache({ tags: [...tags] })),
);

/**
 * `export default netlifyApi(handleX)`: the whole of an API function. A configuration error is
 * the JSON error response, like any other. The client address is Netlify's `context.ip`, which
 * its edge sets from the connection (clients cannot forge it). `handler` is kept on the function
 * so tests/api/route-table.test.ts can check it is the route table's.
 */
export function netlifyApi(handler: Handler) {
  const mounted = async (request: Request, context: Context): Promise<Response> => {
    let built: Deps;
    try {
      built = await getNetlifyDeps(context?.deploy?.context);
    } catch (error) {
      return errorResponse(error);
    }
    return runHandler(handler, request, { ...built, clientAddress: context?.ip });
  };
  return Object.assign(mounted, { handler });
}
