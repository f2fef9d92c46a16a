import pg from 'pg';
import type { Database } from './database.ts';
import { poolDatabase, poolOptions } from './pool-database.ts';
import type { SessionSettings } from './session-settings.ts';

/** node-postgres, for any PostgreSQL: Heroku Postgres, RDS, a local server. */
export function createPgDatabase(url: string, settings: SessionSettings): Database {
  return poolDatabase('pg', new pg.Pool(poolOptions(url, settings)), settings);
}
