import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMarts } from '../../src/marts/build/build-marts.ts';
import { LOADERS } from '../../src/marts/build/mart-build-settings.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { buildSettings, createRawDatabase, dailyRows, martRows, RAW_SCHEMA, rawFingerprint, type RawDatabase } from './build-support.ts';
import { expectedRows, RAW_CHARGES, STALE_AIRBYTE_VERSIONS } from './raw-fixture.ts';
import { rawFromMartRow } from './raw-from-mart.ts';

/** The column types schema.sql gives the marts (advice_code: the optional column, text). */
const PAYMENT_COLUMN_TYPES = {
  charge_id: 'text', payment_intent_id: 'text', customer_id: 'text', profile_id: 'text', created_at: 'timestamp with time zone',
  amount: 'bigint', currency: 'text', status: 'text', failure_code: 'text', decline_code: 'text', failure_message: 'text',
  failure_category: 'text', recovery_action: 'text', card_brand: 'text', card_last4: 'text', card_country: 'text',
  funnel: 'text', attempt_number: 'integer', advice_code: 'text',
};
const DAILY_COLUMN_TYPES = {
  date: 'date', currency: 'text', total_attempts: 'integer', successful_payments: 'integer', failed_payments: 'integer',
  gross_revenue: 'bigint', failed_revenue: 'bigint', retried_payments: 'integer', recovered_payments: 'integer', recovered_revenue: 'bigint',
};

async function columnTypes(client: pg.Client, table: string): Promise<Record<string, string>> {
  const { rows } = await client.query<{ column_name: string; data_type: string }>(
    `select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`, [table]);
  return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
}

describe.each(LOADERS)('marts built from %s raw tables', (loader) => {
  let raw: RawDatabase;
  let direct: ScratchDatabase;
  let before: Record<string, string>;
  let result: Awaited<ReturnType<typeof buildMarts>>;

  beforeAll(async () => {
    raw = await createRawDatabase(loader, RAW_CHARGES, STALE_AIRBYTE_VERSIONS);
    if (loader === 'fivetran') {
      // An older payment_method_card row for the same payment method: the latest one counts,
      // and no charge is repeated by the join.
      await raw.client.query(`insert into ${RAW_SCHEMA}.payment_method_card (payment_method_id, _fivetran_synced, brand) values ('pm_h9', '2025-01-01', 'Visa')`);
    }
    before = await rawFingerprint(raw.client);
    result = await buildMarts(raw.client, buildSettings(loader));
    // The same charges, loaded straight into the marts the way the seed does.
    direct = await createMartDatabase(expectedRows(loader));
  });
  afterAll(async () => {
    await raw?.close();
    await direct?.drop();
  });

  it('holds exactly the expected rows, column by column', async () => {
    expect(await martRows(raw.client)).toEqual(expectedRows(loader));
  });

  it('gives the marts the types of the data contract', async () => {
    expect(await columnTypes(raw.client, 'mart_stripe_payments')).toEqual(PAYMENT_COLUMN_TYPES);
    expect(await columnTypes(raw.client, 'mart_stripe_payments_daily')).toEqual(DAILY_COLUMN_TYPES);
  });

  it('reports the row counts it built', () => {
    expect(result.payments).toBe(expectedRows(loader).length);
    expect(result.daily).toBeGreaterThan(0);
    expect(result.failures).toBeGreaterThan(0);
    expect(result.retryHygiene).toBeGreaterThan(0);
    expect(result.alertSlots).toBeGreaterThan(0);
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('builds the daily mart and the rollups the seed builds from the same detail rows', async () => {
    const directClient = new pg.Client({ connectionString: direct.url });
    await directClient.connect();
    try {
      const built = await dailyRows(raw.client);
      expect(built).toEqual(await dailyRows(directClient));
      const acceptance = 'select * from mart_stripe_payments_acceptance order by date, currency, dimension, value collate "C" nulls first';
      const builtAcceptance = (await raw.client.query(acceptance)).rows;
      expect(builtAcceptance.length).toBeGreaterThan(0);
      expect(builtAcceptance).toEqual((await directClient.query(acceptance)).rows);
      const failures = `select * from mart_stripe_payments_failures
        order by date, currency, failure_category collate "C" nulls first, decline_code collate "C" nulls first,
                 recovery_action collate "C" nulls first, advice_code collate "C" nulls first`;
      const builtFailures = (await raw.client.query(failures)).rows;
      expect(builtFailures.length).toBeGreaterThan(0);
      expect(builtFailures).toEqual((await directClient.query(failures)).rows);
      const retries = `select * from mart_stripe_payments_retry_hygiene
        order by date, currency, payment_intent_id collate "C" nulls first, customer_id collate "C" nulls first, status collate "C" nulls first,
                 after_hard_decline, past_max_attempts`;
      const builtRetries = (await raw.client.query(retries)).rows;
      expect(builtRetries.length).toBeGreaterThan(0);
      expect(builtRetries).toEqual((await directClient.query(retries)).rows);
      const slots = 'select * from mart_stripe_payments_alert_slots order by currency, slot_start';
      const builtSlots = (await raw.client.query(slots)).rows;
      expect(builtSlots.length).toBeGreaterThan(0);
      expect(builtSlots).toEqual((await directClient.query(slots)).rows);
      // 03-02 usd: ch_rec_1 failed and was retried (twice) until it succeeded on 03-06.
      expect(built.find((row) => row.date === '2026-03-02' && row.currency === 'usd')).toMatchObject({
        total_attempts: 1, failed_payments: 1, retried_payments: 1, recovered_payments: 1, recovered_revenue: '1000',
      });
    } finally {
      await directClient.end();
    }
  });

  it('creates the indexes of indexes.sql and the keys of schema.sql', async () => {
    const { rows } = await raw.client.query<{ indexname: string }>(
      `select indexname from pg_indexes where schemaname = 'public' order by indexname`);
    expect(rows.map((row) => row.indexname)).toEqual(expect.arrayContaining([
      'mart_stripe_payments_pkey', 'mart_stripe_payments_daily_pkey', 'mart_stripe_payments_created_idx',
      'mart_stripe_payments_intent_idx', 'mart_stripe_payments_succeeded_intent_idx', 'mart_stripe_payments_failed_created_idx',
      'mart_stripe_payments_acceptance_idx', 'mart_stripe_payments_failures_idx', 'mart_stripe_payments_retry_hygiene_idx',
      'mart_stripe_payments_alert_slots_idx',
    ]));
    // Built beside the live tables and swapped in: nothing keeps the building names.
    const { rows: tables } = await raw.client.query<{ name: string }>(
      `select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`);
    expect(tables.filter((table) => table.name.includes('__build'))).toEqual([]);
    expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['mart_stripe_payments', 'mart_stripe_payments_daily']));
  });

  it('never changes the raw tables', async () => {
    expect(await rawFingerprint(raw.client)).toEqual(before);
  });

  it('rebuilds in place, keeping the grants readers had', async () => {
    const reader = `dash_reader_${process.pid}_${loader}`;
    await raw.client.query(`create role ${reader} nologin`);
    try {
      await raw.client.query(`grant usage on schema public to ${reader}; grant select on mart_stripe_payments, mart_stripe_payments_daily to ${reader}`);
      await buildMarts(raw.client, buildSettings(loader));
      const { rows } = await raw.client.query(
        `select has_table_privilege($1, 'public.mart_stripe_payments', 'SELECT') as payments,
                has_table_privilege($1, 'public.mart_stripe_payments_daily', 'SELECT') as daily`, [reader]);
      expect(rows[0]).toEqual({ payments: true, daily: true });
      expect(await martRows(raw.client)).toEqual(expectedRows(loader));
    } finally {
      await raw.client.query(`drop owned by ${reader}; drop role ${reader}`);
    }
  });
});

describe('while a rebuild runs', () => {
  let raw: RawDatabase;
  beforeAll(async () => {
    const rows = generateCharges({ charges: 30_000, endDate: new Date('2026-03-31T23:59:59Z'), days: 90, seed: 3 });
    raw = await createRawDatabase('airbyte', [...rows].map((row) => rawFromMartRow(row, 'airbyte')));
    await buildMarts(raw.client, buildSettings('airbyte'));
  });
  afterAll(() => raw?.close());

  it('the dashboard keeps reading the previous marts, never waiting on the build', async () => {
    const reader = new pg.Client({ connectionString: raw.url });
    await reader.connect();
    try {
      // A reader that would rather fail than wait: the build must never hold the live tables long.
      await reader.query("set lock_timeout = '1s'");
      let done = false;
      const build = buildMarts(raw.client, buildSettings('airbyte')).finally(() => { done = true; });
      const counts: number[] = [];
      while (!done) {
        const { rows } = await reader.query<{ n: string }>('select count(*) as n from mart_stripe_payments');
        counts.push(Number(rows[0]!.n));
      }
      await build;
      expect(counts.length).toBeGreaterThan(1);
      expect(new Set(counts)).toEqual(new Set([30_000]));
    } finally {
      await reader.end();
    }
  });
});
