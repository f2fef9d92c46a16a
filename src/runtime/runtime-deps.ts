import type { Config } from '../config/config.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { martTables } from '../marts/mart-tables.ts';
import type { Deps } from '../api/deps.ts';
import { createMartCheck, martCheckedDatabase } from '../api/mart-check.ts';

/**
 * A runtime's deps from its parsed config: the configured database behind the mart check, the marts' names, the real
 * clock and stderr. Only the cache purge differs between the Node server and Netlify.
 */
export async function createRuntimeDeps(config: Config, purgeCache: NonNullable<Deps['purgeCache']>): Promise<Deps> {
  const db = await openConfiguredDatabase(config);
  const marts = createMartCheck(db, config);
  return {
    config,
    db: martCheckedDatabase(db, marts),
    tables: martTables(config),
    marts,
    now: () => new Date(),
    log: (message) => console.error(message),
    purgeCache,
  };
}

/**
 * Builds once per process on first use and shares the promise; a failed build is forgotten so
 * the next request tries again (a database that was down at start, a demo seed that failed).
 * The argument of the call that starts a build is the one it gets.
 */
export function onceUntilFailure<A extends unknown[], T>(build: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (...args) => {
    pending ??= build(...args).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
