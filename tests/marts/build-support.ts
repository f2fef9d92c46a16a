import pg from 'pg';
import type { MartBuildSettings, Loader } from '../../src/marts/build/mart-build-settings.ts';
import { createScratchDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';
import { createAirbyteTables, createFivetranTables, loadAirbyteCharges, loadFivetranCharges, type RawCharge } from './raw-loaders.ts';

export const RAW_SCHEMA = 'stripe_raw';

export function buildSettings(source: Loader, overrides: Partial<MartBuildSettings> = {}): MartBuildSettings {
  return { ...TEST_MART_CONFIG, source, rawSchema: RAW_SCHEMA, funnelMetadataKey: 'funnel', profileMetadataKey: 'profile_id', ...overrides };
}

export interface RawDatabase extends ScratchDatabase {
  client: pg.Client;
  close(): Promise<void>;
}

/** A scratch database holding `charges` in the loader's raw tables (schema stripe_raw). */
export async function createRawDatabase(loader: Loader, charges: Iterable<RawCharge>, staleAirbyteVersions: RawCharge[] = []): Promise<RawDatabase> {
  const scratch = await createScratchDatabase('dash_raw');
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  if (loader === 'fivetran') {
    await createFivetranTables(client, RAW_SCHEMA);
    await loadFivetranCharges(client, RAW_SCHEMA, charges);
  } else {
    await createAirbyteTables(client, RAW_SCHEMA);
    // The earlier sync first, as an append-mode connection would have written it.
    await loadAirbyteCharges(client, RAW_SCHEMA, staleAirbyteVersions, '2026-03-19T04:00:00Z');
    await loadAirbyteCharges(client, RAW_SCHEMA, charges);
  }
  return {
    ...scratch,
    client,
    close: async () => {
      await client.end();
      await scratch.drop();
    },
  };
}

/** A fingerprint of every raw table's contents, to show the build never changed them. */
export async function rawFingerprint(client: pg.Client): Promise<Record<string, string>> {
  const { rows } = await client.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = $1 order by table_name`, [RAW_SCHEMA]);
  const result: Record<string, string> = {};
  for (const { table_name: table } of rows) {
    const { rows: [digest] } = await client.query<{ md5: string }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${RAW_SCHEMA}.${table} t`);
    result[table] = digest!.md5;
  }
  return result;
}

/** Every row of the detail mart, normalized like the dashboard's drivers do (numbers, ISO instants). */
export async function martRows(client: pg.Client, table = 'public.mart_stripe_payments'): Promise<Record<string, unknown>[]> {
  const { rows } = await client.query(`select * from ${table} order by charge_id collate "C"`);
  return rows.map((row: Record<string, unknown>) => ({
    ...row,
    amount: Number(row.amount),
    created_at: (row.created_at as Date).toISOString(),
  }));
}

export async function dailyRows(client: pg.Client, table = 'public.mart_stripe_payments_daily'): Promise<Record<string, unknown>[]> {
  const { rows } = await client.query(
    `select to_char(date, 'YYYY-MM-DD') as date, currency, total_attempts, successful_payments, failed_payments,
            gross_revenue::text, failed_revenue::text, retried_payments, recovered_payments, recovered_revenue::text
       from ${table} order by date, currency collate "C"`);
  return rows;
}
