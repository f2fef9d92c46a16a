import pg from 'pg';
import type { Config } from '../../src/config/config.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { loadMarts } from '../../src/demo/install-marts.ts';
import { pgWriter } from '../../src/demo/mart-writer.ts';

/**
 * Each test file gets its own database on the running PostgreSQL, created from the server named
 * by TEST_DATABASE_URL (CI's throwaway database) or the local default, and dropped afterwards.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const TEST_MART_CONFIG = {
  martSchema: 'public',
  paymentsTable: 'mart_stripe_payments',
  dailyTable: 'mart_stripe_payments_daily',
  reportingTimezone: 'UTC',
} satisfies Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'>;

export interface ScratchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(prefix = 'dash_test'): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin((client) => client.query(`create database "${name}"`));
  return {
    url: urlFor(name),
    name,
    drop: () => admin((client) => client.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/** A scratch database holding exactly `rows` in the detail mart, with indexes and the daily mart built. */
export async function createMartDatabase(rows: Iterable<ChargeRow>, config = TEST_MART_CONFIG): Promise<ScratchDatabase> {
  const scratch = await createScratchDatabase();
  const writer = await pgWriter(scratch.url);
  try {
    await loadMarts(writer, rows, config);
  } finally {
    await writer.close();
  }
  return scratch;
}
