import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMartCheck, martCheckedDatabase, RECHECK_MS } from '../../src/api/mart-check.ts';
import { routeApiRequest } from '../../src/api/router.ts';
import type { Deps } from '../../src/api/deps.ts';
import type { Config } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { describeDiagnosis, diagnoseMarts } from '../../src/queries/mart-diagnosis.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { countingDatabase, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

const SETTINGS = sessionSettingsFor({ statementTimeoutMs: 5000, reportingTimezone: 'UTC' });
const RANGE = 'from=2026-03-01&to=2026-03-07&currency=usd';

/** Deps as a runtime builds them (src/runtime/runtime-deps.ts): the data handlers' database behind the mart check. */
function checkedDeps(db: Database, config: Config, clock: () => number = Date.now): Deps {
  const marts = createMartCheck(db, config, clock);
  return { ...testDeps(db, {}, config), db: martCheckedDatabase(db, marts), marts };
}

async function get(deps: Deps, path: string) {
  const response = await routeApiRequest(new Request(`http://dash.test${path}`), deps);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

describe('mart diagnosis on PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let admin: pg.Client;
  let db: Database;
  const role = `dash_noread_${process.pid}`;
  let roleDb: Database;

  beforeAll(async () => {
    scratch = await createMartDatabase(FIXTURE_CHARGES);
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await admin.query(`
      create schema partial;
      create table partial.mart_stripe_payments (like public.mart_stripe_payments);
      alter table partial.mart_stripe_payments drop column failure_category, drop column funnel;
      create table partial.mart_stripe_payments_daily (like public.mart_stripe_payments_daily);
      create schema noadvice;
      create table noadvice.mart_stripe_payments (like public.mart_stripe_payments);
      alter table noadvice.mart_stripe_payments drop column advice_code;
      create table noadvice.mart_stripe_payments_daily (like public.mart_stripe_payments_daily);
      create schema locked;
      create table locked.mart_stripe_payments (like public.mart_stripe_payments);
      create table locked.mart_stripe_payments_daily (like public.mart_stripe_payments_daily);
      create schema volatile;
      create table volatile.mart_stripe_payments as select * from public.mart_stripe_payments;
      create table volatile.mart_stripe_payments_daily as select * from public.mart_stripe_payments_daily;
      drop role if exists ${role};
      create role ${role} login;
      grant select (charge_id, amount) on public.mart_stripe_payments to ${role};`);
    db = createPgDatabase(scratch.url, SETTINGS);
    const url = new URL(scratch.url);
    url.username = role;
    roleDb = createPgDatabase(url.toString(), SETTINGS);
  });
  afterAll(async () => {
    await db?.close();
    await roleDb?.close();
    await admin?.end();
    await scratch?.drop();
    const cleanup = new pg.Client({ connectionString: new URL('/postgres', scratch.url).toString() });
    await cleanup.connect();
    await cleanup.query(`drop role if exists ${role}`);
    await cleanup.end();
  });

  it('ok: both marts, every required column readable; the seed schema has the optional advice_code', async () => {
    const diagnosis = await diagnoseMarts(db, testConfig());
    expect(diagnosis.status).toBe('ok');
    expect(diagnosis.problems).toEqual([]);
    expect(diagnosis.columns.payments.has('failure_category')).toBe(true);
    expect(diagnosis.columns.payments.has('advice_code')).toBe(true);
    expect(diagnosis.columns.daily.has('recovered_revenue')).toBe(true);
    expect(describeDiagnosis(diagnosis, testConfig())).toBe('Marts ok: public.mart_stripe_payments and public.mart_stripe_payments_daily (with advice_code).');
  });

  it('ok without the optional advice_code column', async () => {
    const config = testConfig({ martSchema: 'noadvice' });
    const diagnosis = await diagnoseMarts(db, config);
    expect(diagnosis.status).toBe('ok');
    expect(diagnosis.columns.payments.has('advice_code')).toBe(false);
    expect(describeDiagnosis(diagnosis, config)).toBe('Marts ok: noadvice.mart_stripe_payments and noadvice.mart_stripe_payments_daily.');
  });

  it('missing schema: names MART_SCHEMA and the schema that does hold the tables', async () => {
    const diagnosis = await diagnoseMarts(db, testConfig({ martSchema: 'analytics' }));
    expect(diagnosis.status).toBe('missing');
    expect(diagnosis.problems[0]).toMatchObject({ status: 'missing', table: 'analytics.mart_stripe_payments', setting: 'MART_SCHEMA' });
    expect(diagnosis.problems[0]!.message).toMatch(/Schema analytics \(MART_SCHEMA\) does not exist.*exists in schema locked, noadvice, partial, public, volatile/);
  });

  it('missing table: names schema.table and MART_DAILY_TABLE', async () => {
    const diagnosis = await diagnoseMarts(db, testConfig({ dailyTable: 'stripe_daily' }));
    expect(diagnosis.status).toBe('missing');
    expect(diagnosis.problems).toHaveLength(1);
    expect(diagnosis.problems[0]).toMatchObject({ table: 'public.stripe_daily', setting: 'MART_DAILY_TABLE' });
  });

  it('incomplete: names each missing column', async () => {
    const diagnosis = await diagnoseMarts(db, testConfig({ martSchema: 'partial' }));
    expect(diagnosis.status).toBe('incomplete');
    expect(diagnosis.problems[0]).toMatchObject({
      table: 'partial.mart_stripe_payments', columns: ['failure_category', 'funnel'], setting: 'MART_PAYMENTS_TABLE',
    });
    expect(diagnosis.problems[0]!.message).toContain('has no column failure_category, funnel');
  });

  it('forbidden: a role without USAGE on the schema, or without SELECT on the columns', async () => {
    const schema = await diagnoseMarts(roleDb, testConfig({ martSchema: 'locked' }));
    expect(schema.status).toBe('forbidden');
    expect(schema.problems[0]).toMatchObject({ table: 'locked.mart_stripe_payments', setting: 'DATABASE_URL' });
    expect(schema.problems[0]!.message).toContain('no USAGE on schema locked');
    // information_schema would hide these tables from this role; the catalog does not.
    const columns = await diagnoseMarts(roleDb, testConfig());
    expect(columns.status).toBe('forbidden');
    expect(columns.problems[0]!.columns).not.toContain('charge_id');
    expect(columns.problems[0]!.columns).toContain('failure_category');
    expect(columns.problems[1]).toMatchObject({ table: 'public.mart_stripe_payments_daily', status: 'forbidden' });
  });

  it('data routes answer 503 marts_* naming the table and setting; health reports the marts', async () => {
    const deps = checkedDeps(db, testConfig({ martSchema: 'analytics' }));
    for (const path of [`/api/overview/kpis?${RANGE}`, `/api/payments?${RANGE}`, '/api/filters', `/api/payments.csv?${RANGE}`, '/api/payments/ch_a01']) {
      const { status, headers, body } = await get(deps, path);
      expect(status, path).toBe(503);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toMatchObject({ error: 'marts_missing', table: 'analytics.mart_stripe_payments', setting: 'MART_SCHEMA' });
      expect(body.message).toContain('MART_SCHEMA');
    }
    const health = await get(deps, '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'ok' }, marts: { status: 'missing', setting: 'MART_SCHEMA' } });
    expect(JSON.stringify(health.body)).not.toContain(scratch.url);

    const incomplete = await get(checkedDeps(db, testConfig({ martSchema: 'partial' })), `/api/payments?${RANGE}`);
    expect(incomplete.body).toMatchObject({ error: 'marts_incomplete', columns: ['failure_category', 'funnel'] });
    const forbidden = await get(checkedDeps(roleDb, testConfig()), `/api/overview/kpis?${RANGE}`);
    expect(forbidden.body).toMatchObject({ error: 'marts_forbidden', setting: 'DATABASE_URL' });

    const ok = checkedDeps(db, testConfig());
    expect((await get(ok, `/api/payments?${RANGE}`)).status).toBe(200);
    expect((await get(ok, '/api/health')).body).toMatchObject({ status: 'ok', marts: { status: 'ok' } });
  });

  it('a mart that breaks while running is named on the request that hit it, and heals after the re-check', async () => {
    let clock = 0;
    const counted = countingDatabase(db);
    const deps = checkedDeps(counted, testConfig({ martSchema: 'volatile' }), () => clock);
    expect((await get(deps, `/api/payments?${RANGE}`)).status).toBe(200);
    const afterFirst = counted.count;
    expect((await get(deps, `/api/payments?${RANGE}`)).status).toBe(200);
    // The catalog is asked once per process: the second request runs only its own statements.
    expect(counted.count - afterFirst).toBeLessThan(afterFirst);

    await admin.query('alter table volatile.mart_stripe_payments rename column funnel to source');
    const broken = await get(deps, `/api/payments?${RANGE}`);
    expect(broken.status).toBe(503);
    expect(broken.body).toMatchObject({ error: 'marts_incomplete', table: 'volatile.mart_stripe_payments', columns: ['funnel'] });

    await admin.query('alter table volatile.mart_stripe_payments rename column source to funnel');
    clock += RECHECK_MS - 1;
    expect((await get(deps, `/api/payments?${RANGE}`)).status).toBe(503); // still the remembered diagnosis
    clock += 1;
    expect((await get(deps, `/api/payments?${RANGE}`)).status).toBe(200);
  });
});

describe('mart diagnosis on PGlite', () => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    fixture = await openFixtureDatabase('pglite', FIXTURE_CHARGES);
  });
  afterAll(() => fixture?.close());

  it('ok with the seeded marts, missing for another schema', async () => {
    expect((await diagnoseMarts(fixture.db, testConfig())).status).toBe('ok');
    const missing = await diagnoseMarts(fixture.db, testConfig({ martSchema: 'analytics' }));
    expect(missing.problems[0]).toMatchObject({ status: 'missing', setting: 'MART_SCHEMA' });
    expect(missing.problems[0]!.message).toContain('exists in schema public');
  });

  it('a database that does not answer is not remembered', async () => {
    let fail = true;
    const flaky: Database = {
      kind: 'pglite',
      query: (text, params) => (fail ? Promise.reject(new (class extends Error {})('down')) : fixture.db.query(text, params)),
      close: async () => {},
    };
    const check = createMartCheck(flaky, testConfig());
    await expect(check.current()).rejects.toThrow('down');
    fail = false;
    expect((await check.current()).status).toBe('ok');
  });
});
