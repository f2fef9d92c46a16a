import { parseConfig } from '../config/config.ts';
import { TtlCache } from '../cache/ttl-cache.ts';
import { createRuntimeDeps, onceUntilFailure } from '../runtime/runtime-deps.ts';

/** The Node server's in-process response cache (the CDN's part on Netlify); /api/refresh empties it. */
export const nodeResponseCache = new TtlCache();

/** The Node server's deps, built once per process on first use. */
export const getNodeDeps = onceUntilFailure(async () =>
  createRuntimeDeps(parseConfig(process.env), async (tags) => {
    nodeResponseCache.clear(tags);
  }),
);
