import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from './database.ts';
import { poolDatabase, poolOptions, type CopyOut } from './pool-database.ts';
import type { SessionSettings } from './session-settings.ts';

/**
 * COPY TO STDOUT through pg-copy-streams, its chunks joined once it ends.
 *
 * node-postgres arms a timer per query (query_timeout) that only the query's callback clears, and a
 * COPY stream has no callback of its own: the timer kept the stream, and through its listener
 * every chunk of the batch, for the whole timeout. An export reads a batch every few milliseconds,
 * so memory grew with the export (1.3 GB for 1.6M rows). The callback pg wraps around the query is
 * called once the stream is done, which clears the timer, and the chunks are let go either way.
 */
const copyOut: CopyOut = (client, sql) => new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
  let chunks: Buffer[] = [];
  const stream = (client as unknown as pg.PoolClient).query(copyTo(sql));
  const done = () => {
    chunks = [];
    (stream as { callback?: () => void }).callback?.();
  };
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('error', (error) => {
    done();
    reject(error);
  });
  stream.on('end', () => {
    const bytes = Buffer.concat(chunks);
    done();
    resolve(bytes);
  });
});

/** node-postgres, for any PostgreSQL: Heroku Postgres, RDS, a local server. */
export function createPgDatabase(url: string, settings: SessionSettings): Database {
  return poolDatabase('pg', new pg.Pool(poolOptions(url, settings)), settings, copyOut);
}
