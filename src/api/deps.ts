import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { MartTables } from '../marts/mart-tables.ts';
import type { CacheTag } from '../cache/cache-policy.ts';
import type { MartCheck } from './mart-check.ts';
import type { FailedLoginLimiter } from '../auth/failed-login-limiter.ts';

/**
 * Everything a handler needs, built in one place per runtime (src/runtime/runtime-deps.ts, used by
 * src/runtime/node-api.ts and netlify/lib) and by tests with their own database and a frozen clock.
 */
export interface Deps {
  config: Config;
  /** For data handlers: refuses with 503 marts_* while the marts are not as configured (mart-check.ts). */
  db: Database;
  tables: MartTables;
  /** The marts' diagnosis and detected columns (`(await marts.current()).columns.payments.has('advice_code')`). */
  marts: MartCheck;
  now: () => Date;
  log: (message: string) => void;
  /**
   * Drops the cached responses of these classes: the in-process cache on Node, a purge by cache
   * tag on Netlify. Absent where nothing caches (tests, scripts).
   */
  purgeCache?: (tags: readonly CacheTag[]) => Promise<void>;
  /** Failed logins per client, one limiter per process (a function instance on Netlify). */
  loginLimiter: FailedLoginLimiter;
  /**
   * The address this request came from, for the failed-login limit: set per request by the
   * adapter (Netlify's context.ip; on Node the socket or a trusted proxy's entry, client-address.ts).
   */
  clientAddress?: string | undefined;
}

export type Handler = (request: Request, deps: Deps) => Promise<Response>;
