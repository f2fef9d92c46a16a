import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { openConfiguredDatabase } from './open-database.ts';
import { martTables } from '../marts/mart-tables.ts';
import type { Deps } from '../api/deps.ts';
import { createMartCheck, martCheckedDatabase } from '../api/mart-check.ts';
import { createFailedLoginLimiter } from '../auth/failed-login-limiter.ts';

/**
 * A runtime's deps from its parsed config: the configured database behind the mart check, the
 * marts' names, the process's failed-login limiter, the real clock and stderr. Only the cache
 * purge differs between the Node server and Netlify; the client address is added per request.
 */
export function createRuntimeDeps(config: Config, purgeCache: NonNullable<Deps['purgeCache']>): Deps {
  const db = openedOnFirstQuery(config);
  const marts = createMartCheck(db, config);
  return {
    config,
    db: martCheckedDatabase(db, marts),
    tables: martTables(config),
    marts,
    now: () => new Date(),
    log: (message) => console.error(message),
    purgeCache,
    loginLimiter: createFailedLoginLimiter(),
  };
}

/**
 * The configured database, opened by the first query that needs it: login and logout read no data,
 * so they never wait for a connection or for the embedded demo database to be seeded (seconds).
 * A failed open (a database down at start, a demo seed that failed) fails that query, and the
 * next query tries again.
 */
function openedOnFirstQuery(config: Config): Database {
  const open = onceUntilFailure(() => openConfiguredDatabase(config));
  let opening: Promise<Database> | undefined;
  const opened = () => (opening = open());
  const db: Database = {
    kind: config.databaseKind,
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await opened()).query<Row>(text, params);
    },
    async close() {
      // Never opened, or the last open failed: nothing to close.
      const current = await opening?.catch(() => undefined);
      await current?.close();
    },
  };
  // Known before the database is opened, since the CSV export picks its path by it: node-postgres
  // streams COPY (src/db/pg-driver.ts); Neon's and PGlite's drivers have no COPY.
  if (config.databaseKind === 'pg') {
    db.copyCsv = async (text, params) => {
      const current = await opened();
      if (!current.copyCsv) throw new Error(`the ${current.kind} driver has no COPY`);
      return current.copyCsv(text, params);
    };
  }
  return db;
}

/**
 * Builds once per process on first use and shares the promise; a failed build is forgotten so
 * the next call tries again. The argument of the call that starts a build is the one it gets.
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
