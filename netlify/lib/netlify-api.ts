/**
 * Everything the API functions share on Netlify: deps built once per function instance (config
 * from the environment, the database for DATABASE_URL, the embedded demo database without one
 * outside production), the CDN purge for /api/refresh, and the wrapper that mounts a handler.
 */
import { purgeCache, type Context } from '@netlify/functions';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { runHandler } from '../../src/api/respond.ts';
import { createRuntimeDeps, onceUntilFailure } from '../../src/runtime/runtime-deps.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';
import { errorResponse } from '../../src/http/app-error.ts';

// The deploy context comes with each request, not the environment (see src/auth/netlify-env.ts).
export const getNetlifyDeps = onceUntilFailure((deployContext: string | undefined) =>
  createRuntimeDeps(netlifyConfig(process.env, deployContext), (tags) => purgeCache({ tags: [...tags] })),
);

/** `export default netlifyApi(handleX)`: the whole of an API function. */
export function netlifyApi(handler: Handler) {
  return async (request: Request, context: Context): Promise<Response> => {
    let built: Deps;
    try {
      built = await getNetlifyDeps(context?.deploy?.context);
    } catch (error) {
      return errorResponse(error);
    }
    return runHandler(handler, request, built);
  };
}
