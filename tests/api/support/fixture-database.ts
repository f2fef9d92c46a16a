import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { parseConfig, type Config } from '../../../src/config/config.ts';
import type { Database } from '../../../src/db/database.ts';
import { sessionSettingsFor } from '../../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../../src/db/pg-driver.ts';
import { pgliteDatabase } from '../../../src/db/pglite-driver.ts';
import { martTables } from '../../../src/marts/mart-tables.ts';
import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { loadMarts } from '../../../src/demo/install-marts.ts';
import { pgliteWriter } from '../../../src/demo/mart-writer.ts';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Deps, Handler } from '../../../src/api/deps.ts';
import { createMartCheck } from '../../../src/api/mart-check.ts';
import { createFailedLoginLimiter } from '../../../src/auth/failed-login-limiter.ts';
import { createMartDatabase, TEST_MART_CONFIG } from '../../helpers/postgres.ts';
import { NOW } from './payments-fixture.ts';

export type DriverName = 'postgres' | 'pglite';
export const DRIVERS: DriverName[] = ['postgres', 'pglite'];

export interface FixtureDatabase {
  db: Database;
  /** The scratch database's URL (postgres only), for servers started by a test. */
  url: string | undefined;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...parseConfig({ REPORTING_TIMEZONE: 'UTC', MAX_RANGE_DAYS: '92' }), ...overrides };
}

/**
 * The fixture in a read-only database: a scratch database on the running PostgreSQL, or PGlite in
 * process. `afterLoad` runs statements with write access first (to reshape the marts, say drop an
 * optional column).
 */
export async function openFixtureDatabase(
  driver: DriverName,
  rows: ChargeRow[],
  timeZone = 'UTC',
  afterLoad?: (exec: (sql: string) => Promise<unknown>) => Promise<void>,
): Promise<FixtureDatabase> {
  const settings = sessionSettingsFor({ statementTimeoutMs: 5000, reportingTimezone: timeZone });
  if (driver === 'postgres') {
    const scratch = await createMartDatabase(rows);
    if (afterLoad) {
      const client = new pg.Client({ connectionString: scratch.url });
      await client.connect();
      try {
        await afterLoad((sql) => client.query(sql));
      } finally {
        await client.end();
      }
    }
    const db = createPgDatabase(scratch.url, settings);
    return { db, url: scratch.url, close: async () => { await db.close(); await scratch.drop(); } };
  }
  const pglite = await PGlite.create();
  await loadMarts(pgliteWriter(pglite), rows, TEST_MART_CONFIG);
  if (afterLoad) await afterLoad((sql) => pglite.exec(sql));
  const db = await pgliteDatabase(pglite, settings);
  return { db, url: undefined, close: () => db.close() };
}

export function testDeps(db: Database, overrides: Partial<Deps> = {}, config: Config = testConfig()): Deps {
  return {
    config, db, tables: martTables(config), marts: createMartCheck(db, config), now: () => NOW, log: () => {}, loginLimiter: createFailedLoginLimiter(), ...overrides,
  };
}

/** A Database that counts the statements it runs (to see the cache spare the database). */
/** Counts queries; a COPY (the CSV export's, beside its batch-end query) is passed on uncounted. */
export function countingDatabase(db: Database): Database & { count: number } {
  const counting: Database & { count: number } = {
    kind: db.kind,
    count: 0,
    query<Row>(text: string, params?: readonly unknown[]) {
      counting.count++;
      return db.query<Row>(text, params);
    },
    close: () => db.close(),
  };
  if (db.copyCsv) counting.copyCsv = db.copyCsv.bind(db);
  return counting;
}

export async function json(response: Response): Promise<any> {
  return response.json();
}

/**
 * For a describe block: the rows in a fixture database of `driver` for the block's tests, and
 * `get(handler, query)`, which calls the handler directly and returns its 200 JSON body.
 */
export function useFixtureHandlers(driver: DriverName, rows: ChargeRow[], config: Partial<Config> = {}) {
  let fixture: FixtureDatabase | undefined;
  const suite = {
    deps: undefined as unknown as Deps,
    async get(handler: Handler, query: string): Promise<any> {
      const response = await handler(new Request(`http://dash.test/api/x?${query}`), suite.deps);
      expect(response.status).toBe(200);
      return response.json();
    },
  };
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, rows);
    suite.deps = testDeps(fixture.db, {}, testConfig(config));
  });
  afterAll(() => fixture?.close());
  return suite;
}
