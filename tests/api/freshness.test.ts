import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleFreshness } from '../../src/api/handlers/freshness.ts';
import { routeApiRequest } from '../../src/api/router.ts';
import { parseConfig } from '../../src/config/config.ts';
import { DRIVERS, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES, NOW } from './support/payments-fixture.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

describe('STALE_AFTER_HOURS', () => {
  it('defaults to 26 and is parsed by the one config parser', () => {
    expect(parseConfig({}).staleAfterHours).toBe(26);
    expect(parseConfig({ STALE_AFTER_HOURS: '48' }).staleAfterHours).toBe(48);
    expect(() => parseConfig({ STALE_AFTER_HOURS: 'soon' })).toThrow(/^STALE_AFTER_HOURS: must be a whole number/);
    expect(() => parseConfig({ STALE_AFTER_HOURS: '0' })).toThrow(/^STALE_AFTER_HOURS: must be between 1/);
  });
});

describe.each(DRIVERS)('GET /api/freshness on %s', (driver) => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES);
  });
  afterAll(() => fixture?.close());

  it('the newest charge and the daily mart\'s last date; stale 8 days after the last charge', async () => {
    // The fixture's newest charge is ch 2026-03-12T08:00:00Z; the clock is frozen at 2026-03-20T12:00Z.
    const response = await handleFreshness(new Request('http://dash.test/api/freshness'), testDeps(fixture.db));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    expect(response.headers.get('netlify-cache-tag')).toBe('overview');
    expect(response.headers.get('netlify-vary')).toBe('query=_');
    expect(await response.json()).toEqual({
      newestChargeAt: '2026-03-12T08:00:00+00:00',
      dailyMartThrough: '2026-03-12',
      staleAfterHours: 26,
      stale: true,
      marts: { payments: 'public.mart_stripe_payments', daily: 'public.mart_stripe_payments_daily' },
    });
  });

  it('not stale within STALE_AFTER_HOURS (8 days 4 h old, limit 200 h)', async () => {
    const deps = testDeps(fixture.db, {}, testConfig({ staleAfterHours: 200 }));
    const body = await (await routeApiRequest(new Request('http://dash.test/api/freshness'), deps)).json();
    expect(body).toMatchObject({ staleAfterHours: 200, stale: false });
    const limit = testDeps(fixture.db, { now: () => new Date(Date.parse('2026-03-12T08:00:00Z') + 196 * 3_600_000 + 1) }, testConfig({ staleAfterHours: 196 }));
    expect(await (await handleFreshness(new Request('http://dash.test/api/freshness'), limit)).json()).toMatchObject({ stale: true });
  });
});

describe('freshness is answered by indexes', () => {
  let scratch: ScratchDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    scratch = await createMartDatabase(FIXTURE_CHARGES);
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    // Enough rows that a sequential scan would cost the planner far more than the index.
    await client.query(`insert into mart_stripe_payments (charge_id, created_at, amount, currency, status)
      select 'ch_bulk' || i, timestamptz '2025-01-01' + i * interval '1 minute', 100, 'usd', 'succeeded' from generate_series(1, 50000) i`);
    await client.query('analyze');
  });
  afterAll(async () => {
    await client?.end();
    await scratch?.drop();
  });

  it('EXPLAIN: an index-only scan of each mart, no sequential scan', async () => {
    let statement = '';
    const capturing = { kind: 'pg' as const, query: async <Row>(text: string) => { statement = text; return [] as Row[]; }, close: async () => {} };
    await handleFreshness(new Request('http://dash.test/api/freshness'), testDeps(capturing));
    const plan = (await client.query(`explain ${statement}`)).rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Only Scan using mart_stripe_payments_created_idx/);
    expect(plan).toMatch(/Index Only Scan Backward using mart_stripe_payments_daily_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
