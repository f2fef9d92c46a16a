/**
 * Everything the API functions share on Netlify: deps built once per function instance (config
 * from the environment, the database for DATABASE_URL, the embedded demo database without one
 * outside production), the CDN purge for /api/refresh, and the wrapper that mounts a handler.
 */
import { purgeCache, type Context } from '@netlify/functions';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { runHandler } from '../../src/api/respond.ts';
import { netlifyConfig } from '../../src/auth/netlify-env.ts';
import { openConfiguredDatabase } from '../../src/db/connect.ts';
import { errorResponse } from '../../src/http/app-error.ts';
import { martTables } from '../../src/marts/mart-tables.ts';

let deps: Promise<Deps> | undefined;

async function buildDeps(deployContext: string | undefined): Promise<Deps> {
  const config = netlifyConfig(process.env, deployContext);
  const db = await openConfiguredDatabase(config);
  return {
    config,
    db,
    tables: martTables(config),
    now: () => new Date(),
    log: (message) => console.error(message),
    // Drops the CDN's copies everywhere; locally (netlify dev/serve) it logs and does nothing.
    purgeCache: (tags) => purgeCache({ tags: [...tags] }),
  };
}

function getDeps(context: Context | undefined): Promise<Deps> {
  deps ??= buildDeps(context?.deploy?.context).catch((error: unknown) => {
    deps = undefined; // the next request tries again
    throw error;
  });
  return deps;
}

/** `export default netlifyApi(handleX)`: the whole of an API function. */
export function netlifyApi(handler: Handler) {
  return async (request: Request, context: Context): Promise<Response> => {
    let built: Deps;
    try {
      built = await getDeps(context);
    } catch (error) {
      return errorResponse(error);
    }
    return runHandler(handler, request, built);
  };
}
