/**
 * Retry hygiene on the demo data (the generator's 50,000 charges, as `npm start` loads them into
 * PGlite), for the Overview's default view (the last 30 days, the main currency): numbers above
 * zero, equal to what the rows themselves give when counted in JavaScript
 * (tests/helpers/retry-hygiene-rows.ts), and the explorer's filter lists exactly those charges.
 * Generated today and on a fixed day, since the demo ends whenever it is started.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOverviewRetryHygiene } from '../../src/api/handlers/overview-retry-hygiene.ts';
import { handlePaymentsList } from '../../src/api/handlers/payments-list.ts';
import type { Deps } from '../../src/api/deps.ts';
import { parseConfig } from '../../src/config/config.ts';
import { addDays } from '../../src/contract/calendar-date.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { hygieneOf, retriesAfterHardDecline } from '../helpers/retry-hygiene-rows.ts';
import { openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';

describe.each([
  ['today', new Date()],
  ['a fixed day', new Date('2026-06-15T12:00:00Z')],
])('retry hygiene on the demo generated %s', (_name, endDate) => {
  const rows: ChargeRow[] = [...generateCharges({ charges: parseConfig({}).demoCharges, endDate })];
  const to = endDate.toISOString().slice(0, 10);
  const from = addDays(to, -29);
  let fixture: FixtureDatabase;
  let deps: Deps;
  beforeAll(async () => {
    fixture = await openFixtureDatabase('pglite', rows);
    deps = testDeps(fixture.db, { now: () => endDate }, testConfig({ maxRangeDays: 400 }));
  }, 120_000);
  afterAll(() => fixture?.close());

  async function get(path: string, from: Deps = deps): Promise<any> {
    const response = await (path.startsWith('/api/payments?') ? handlePaymentsList : handleOverviewRetryHygiene)(new Request(`http://dash.test${path}`), from);
    expect(response.status).toBe(200);
    return response.json();
  }

  it('has retries after do-not-retry declines and intents past the recommended attempts in the default view, as the rows count them', async () => {
    const body = await get(`/api/overview/retry-hygiene?from=${from}&to=${to}`);
    expect(body.currency).toBe('usd');
    const { retries, afterHardDecline, pastMaxAttempts } = hygieneOf(rows, 'usd', from, to);
    expect({ retries: body.retries, afterHardDecline: body.afterHardDecline, pastMaxAttempts: body.pastMaxAttempts }).toEqual({ retries, afterHardDecline, pastMaxAttempts });
    expect(afterHardDecline.attempts).toBeGreaterThan(0);
    expect(pastMaxAttempts.intents).toBeGreaterThan(0);
    // A small share, not the norm.
    expect(afterHardDecline.attempts + pastMaxAttempts.attempts).toBeLessThan(retries * 0.1);
  });

  it('agrees in every currency over the whole window, from the rollup and from the detail mart', async () => {
    const start = rows[0]!.created_at.slice(0, 10);
    const fromDetail = testDeps(fixture.db, { now: () => endDate }, testConfig({ maxRangeDays: 400, retryHygieneTable: 'no_retry_hygiene_rollup' }));
    for (const currency of ['usd', 'eur', 'jpy']) {
      const { retries, afterHardDecline, pastMaxAttempts } = hygieneOf(rows, currency, start, to);
      for (const source of [deps, fromDetail]) {
        const body = await get(`/api/overview/retry-hygiene?from=${start}&to=${to}&currency=${currency}`, source);
        expect({ retries: body.retries, afterHardDecline: body.afterHardDecline, pastMaxAttempts: body.pastMaxAttempts }).toEqual({ retries, afterHardDecline, pastMaxAttempts });
      }
    }
  });

  it('opens exactly those charges in the explorer', async () => {
    const expected = {
      after_hard_decline: retriesAfterHardDecline(rows, 'usd', from, to),
      past_max_attempts: rows.filter((row) => row.currency === 'usd' && row.created_at.slice(0, 10) >= from && row.created_at.slice(0, 10) <= to
        && row.payment_intent_id !== null && row.attempt_number > 9),
    };
    for (const [hygiene, charges] of Object.entries(expected)) {
      const page = await get(`/api/payments?from=${from}&to=${to}&currency=usd&hygiene=${hygiene}&size=100`);
      const newestFirst = [...charges].sort((a, b) => (a.created_at === b.created_at ? (a.charge_id < b.charge_id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1));
      expect(page.rows.map((row: { chargeId: string }) => row.chargeId)).toEqual(newestFirst.map((row) => row.charge_id));
    }
  });
});
