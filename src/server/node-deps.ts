import { parseConfig } from '../config/config.ts';
import { openConfiguredDatabase } from '../db/connect.ts';
import { martTables } from '../marts/mart-tables.ts';
import { TtlCache } from '../cache/ttl-cache.ts';
import type { Deps } from '../api/deps.ts';

/** The Node server's in-process response cache (the CDN's part on Netlify); /api/refresh empties it. */
export const nodeResponseCache = new TtlCache();

let deps: Promise<Deps> | undefined;

/** The Node server's deps, built once per process on first use. */
export function getNodeDeps(): Promise<Deps> {
  deps ??= buildNodeDeps().catch((error: unknown) => {
    deps = undefined; // let the next request try again (e.g. the demo seed failed mid-way)
    throw error;
  });
  return deps;
}

async function buildNodeDeps(): Promise<Deps> {
  const config = parseConfig(process.env);
  const db = await openConfiguredDatabase(config);
  return {
    config,
    db,
    tables: martTables(config),
    now: () => new Date(),
    log: (message) => console.error(message),
    purgeCache: async (tags) => {
      nodeResponseCache.clear(tags);
    },
  };
}
