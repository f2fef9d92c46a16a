import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ChargeRow } from '../marts/charge-row.ts';
import { copyLine, COPY_COLUMN_LIST } from './copy-format.ts';

/**
 * A writable connection used only to build the marts (seed, tests, benchmarks); the dashboard
 * itself only ever holds the read-only Database. Charges go in with COPY, the fastest path on
 * both PostgreSQL and PGlite.
 */
export interface MartWriter {
  exec(sql: string): Promise<void>;
  copyCharges(table: string, rows: Iterable<ChargeRow>): Promise<number>;
  close(): Promise<void>;
}

const PGLITE_COPY_BATCH = 20_000;

/**
 * `freeze`: the caller creates the table in the same transaction as the load (the seed), so COPY
 * may write the rows already frozen and all-visible (COPY … FREEZE): the VACUUM that follows has
 * nothing left to do, and index-only scans work at once.
 */
export async function pgWriter(url: string, options: { freeze?: boolean } = {}): Promise<MartWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async exec(sql) {
      await client.query(sql);
    },
    async copyCharges(table, rows) {
      let count = 0;
      // A generator keeps memory flat: lines are produced as COPY consumes them.
      const lines = Readable.from((function* () {
        let chunk = '';
        for (const row of rows) {
          chunk += copyLine(row);
          count++;
          if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
        }
        if (chunk) yield chunk;
      })());
      await pipeline(lines, client.query(copyFrom(`copy ${table} (${COPY_COLUMN_LIST}) from stdin${options.freeze ? ' with (freeze)' : ''}`)));
      return count;
    },
    async close() {
      await client.end();
    },
  };
}

export function pgliteWriter(pglite: PGlite): MartWriter {
  return {
    async exec(sql) {
      await pglite.exec(sql);
    },
    async copyCharges(table, rows) {
      let count = 0;
      let batch: string[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await pglite.query(`copy ${table} (${COPY_COLUMN_LIST}) from '/dev/blob'`, [], { blob: new Blob(batch) });
        batch = [];
      };
      for (const row of rows) {
        batch.push(copyLine(row));
        count++;
        if (batch.length >= PGLITE_COPY_BATCH) await flush();
      }
      await flush();
      return count;
    },
    async close() {
      // The caller owns the PGlite instance (it becomes the read-only demo database next).
    },
  };
}
