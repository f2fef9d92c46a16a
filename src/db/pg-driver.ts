import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from './database.ts';
import { poolDatabase, poolOptions, type CopyOut } from './pool-database.ts';
import type { SessionSettings } from './session-settings.ts';

/** COPY TO STDOUT through pg-copy-streams, its chunks joined once it ends. */
const copyOut: CopyOut = (client, sql) => new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
  const chunks: Buffer[] = [];
  const stream = (client as unknown as pg.PoolClient).query(copyTo(sql));
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('error', reject);
  stream.on('end', () => resolve(Buffer.concat(chunks)));
});

/** node-postgres, for any PostgreSQL: Heroku Postgres, RDS, a local server. */
export function createPgDatabase(url: string, settings: SessionSettings): Database {
  return poolDatabase('pg', new pg.Pool(poolOptions(url, settings)), settings, copyOut);
}
