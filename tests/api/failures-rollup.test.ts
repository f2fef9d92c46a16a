import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOverviewFailures } from '../../src/api/handlers/overview-failures.ts';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { hasFailuresRollup } from '../../src/queries/failures-rollup.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { DRIVERS, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';

const RANGE = 'from=2026-03-01&to=2026-03-07';

const failed = (decline: string | null, failure: string | null, category: string | null, action: string | null, advice: string | null, amount: number) => ({
  status: 'failed' as const, decline_code: decline, failure_code: failure, failure_category: category, recovery_action: action, advice_code: advice, amount,
});

/**
 * Failures whose breakdown and top reasons are worked out by hand (usd, 03-01..03-07, UTC):
 *   ch_f1 pi_1 generic_decline, advice do_not_try_again, 1000      pi_1 never succeeds: lost
 *   ch_f2 pi_2 generic_decline, advice do_not_try_again, 2000      pi_2 succeeds 03-09 (after the range): not lost
 *   ch_f3 pi_3 generic_decline, no advice, 3000                    lost
 *     → card_declined / generic_decline: 3, 6000, lost 4000; actions do_not_retry ×2, contact_customer ×1
 *   ch_f4 pi_4 insufficient_funds, advice try_again_later, 1500    pi_4 succeeds the same day: not lost
 *   ch_f5 (no intent) insufficient_funds, no advice, 500           lost
 *     → insufficient_funds: 2, 2000, lost 500; retry_eligible ×1, contact_customer ×1 (a tie: the first in order)
 *   ch_f6 pi_6 no decline code, failure code expired_card, 700     pi_6 succeeded on 02-20: not lost
 *   ch_f7 pi_7 brand_new_code (not in the mapping), 900, the range's last second: lost
 *   ch_f8 pi_8 neither code, 400                                   lost
 *   outside: ch_f9 03-08 00:00, ch_f10 02-28 23:59:59, ch_f11 eur (its own currency, no intent: lost)
 */
const ROWS: ChargeRow[] = [
  charge({ charge_id: 'ch_f1', payment_intent_id: 'pi_1', created_at: '2026-03-01T00:00:00Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', 'do_not_try_again', 1000) }),
  charge({ charge_id: 'ch_f2', payment_intent_id: 'pi_2', created_at: '2026-03-02T10:00:00Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', 'do_not_try_again', 2000) }),
  charge({ charge_id: 'ch_s2', payment_intent_id: 'pi_2', created_at: '2026-03-09T10:00:00Z', amount: 2000, attempt_number: 2 }),
  charge({ charge_id: 'ch_f3', payment_intent_id: 'pi_3', created_at: '2026-03-03T10:00:00Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', null, 3000) }),
  charge({ charge_id: 'ch_f4', payment_intent_id: 'pi_4', created_at: '2026-03-04T10:00:00Z', ...failed('insufficient_funds', 'card_declined', 'insufficient_funds', 'contact_customer', 'try_again_later', 1500) }),
  charge({ charge_id: 'ch_s4', payment_intent_id: 'pi_4', created_at: '2026-03-04T18:00:00Z', amount: 1500, attempt_number: 2 }),
  charge({ charge_id: 'ch_f5', payment_intent_id: null, created_at: '2026-03-05T10:00:00Z', ...failed('insufficient_funds', 'card_declined', 'insufficient_funds', 'contact_customer', null, 500) }),
  charge({ charge_id: 'ch_s6', payment_intent_id: 'pi_6', created_at: '2026-02-20T10:00:00Z', amount: 700 }),
  charge({ charge_id: 'ch_f6', payment_intent_id: 'pi_6', created_at: '2026-03-06T10:00:00Z', attempt_number: 2, ...failed(null, 'expired_card', 'expired_card', 'request_card', null, 700) }),
  charge({ charge_id: 'ch_f7', payment_intent_id: 'pi_7', created_at: '2026-03-07T23:59:59Z', ...failed('brand_new_code', 'card_declined', null, null, null, 900) }),
  charge({ charge_id: 'ch_f8', payment_intent_id: 'pi_8', created_at: '2026-03-07T12:00:00Z', ...failed(null, null, null, null, null, 400) }),
  charge({ charge_id: 'ch_f9', payment_intent_id: 'pi_9', created_at: '2026-03-08T00:00:00Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', null, 5000) }),
  charge({ charge_id: 'ch_f10', payment_intent_id: 'pi_10', created_at: '2026-02-28T23:59:59Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', null, 5000) }),
  charge({ charge_id: 'ch_f11', payment_intent_id: null, currency: 'eur', created_at: '2026-03-03T10:00:00Z', ...failed('generic_decline', 'card_declined', 'card_declined', 'contact_customer', null, 800) }),
];

const CATEGORIES = [
  { category: 'card_declined', count: 3, failedAmount: 6000, lostRevenue: 4000, share: 0.375 },
  { category: 'other', count: 2, failedAmount: 1300, lostRevenue: 1300, share: 0.25 },
  { category: 'insufficient_funds', count: 2, failedAmount: 2000, lostRevenue: 500, share: 0.25 },
  { category: 'expired_card', count: 1, failedAmount: 700, lostRevenue: 0, share: 0.125 },
];

const topRows = (generic: string, insufficient: string) => [
  { category: 'card_declined', declineCode: 'generic_decline', count: 3, failedAmount: 6000, lostRevenue: 4000, action: generic },
  { category: 'insufficient_funds', declineCode: 'insufficient_funds', count: 2, failedAmount: 2000, lostRevenue: 500, action: insufficient },
  { category: 'other', declineCode: 'brand_new_code', count: 1, failedAmount: 900, lostRevenue: 900, action: null },
  { category: 'other', declineCode: null, count: 1, failedAmount: 400, lostRevenue: 400, action: null },
  { category: 'expired_card', declineCode: 'expired_card', count: 1, failedAmount: 700, lostRevenue: 0, action: 'request_card' },
];
const UNMAPPED = { count: 2, codes: [{ code: 'brand_new_code', count: 1 }, { code: null, count: 1 }] };

/** The rollup as the seed builds it, and a configuration naming a rollup that is not there (the detail mart answers). */
const SOURCES = [['the failures rollup', true], ['the detail mart', false]] as const;
const CASES = DRIVERS.flatMap((driver) => SOURCES.map(([source, rollup]) => [driver, source, rollup] as const));

async function get(handler: Handler, deps: Deps, query: string): Promise<any> {
  const response = await handler(new Request(`http://dash.test/api/overview/x?${query}`), deps);
  expect(response.status).toBe(200);
  return response.json();
}

const depsFor = (fixture: FixtureDatabase, rollup: boolean) =>
  testDeps(fixture.db, {}, testConfig(rollup ? {} : { failuresTable: 'no_failures_rollup' }));

describe.each(CASES)('failure sections on %s from %s (answers worked out above)', (driver, _source, rollup) => {
  let fixture: FixtureDatabase;
  let deps: Deps;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, ROWS);
    deps = depsFor(fixture, rollup);
  });
  afterAll(() => fixture?.close());

  it('reads the source under test', async () => {
    expect(await hasFailuresRollup(deps)).toBe(rollup);
  });

  it('failures: by category, lost revenue only where the intent never succeeded', async () => {
    expect(await get(handleOverviewFailures, deps, `${RANGE}&currency=usd`)).toEqual({ currency: 'usd', categories: CATEGORIES });
    expect(await get(handleOverviewFailures, deps, `${RANGE}&currency=eur`)).toEqual({
      currency: 'eur', categories: [{ category: 'card_declined', count: 1, failedAmount: 800, lostRevenue: 800, share: 1 }],
    });
    expect(await get(handleOverviewFailures, deps, 'from=2026-01-01&to=2026-01-07&currency=usd')).toEqual({ currency: 'usd', categories: [] });
  });

  it('top failures: keyed on coalesce(decline_code, failure_code), the advice code overriding the action by majority', async () => {
    expect(await get(handleOverviewTopFailures, deps, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd', rows: topRows('do_not_retry', 'contact_customer'), unmapped: UNMAPPED,
    });
  });
});

describe.each(CASES)('failure sections on %s from %s, a mart without advice_code', (driver, _source, rollup) => {
  let fixture: FixtureDatabase;
  let deps: Deps;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, ROWS, 'UTC', async (exec) => {
      await exec('alter table public.mart_stripe_payments drop column advice_code');
    });
    deps = depsFor(fixture, rollup);
  });
  afterAll(() => fixture?.close());

  it('top failures: the mapped action', async () => {
    expect(await get(handleOverviewTopFailures, deps, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd', rows: topRows('contact_customer', 'contact_customer'), unmapped: UNMAPPED,
    });
  });
});

describe.each(DRIVERS)('failures rollup against the detail mart on generated demo data, %s', (driver) => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    const rows = [...generateCharges({ charges: 20_000, endDate: new Date('2026-03-19T23:59:59Z'), days: 90, seed: 17 })];
    fixture = await openFixtureDatabase(driver, rows);
  });
  afterAll(() => fixture?.close());

  const ranges = ['from=2026-03-13&to=2026-03-19', 'from=2026-02-18&to=2026-03-19', 'from=2025-12-20&to=2026-03-19'];
  it.each(ranges)('the same answers for %s in every currency', async (range) => {
    const withRollup = depsFor(fixture, true);
    const fromDetail = depsFor(fixture, false);
    for (const currency of ['usd', 'eur', 'jpy']) {
      for (const handler of [handleOverviewFailures, handleOverviewTopFailures]) {
        const query = `${range}&currency=${currency}`;
        const expected = await get(handler, fromDetail, query);
        expect(expected.rows ?? expected.categories).not.toEqual([]);
        expect(await get(handler, withRollup, query)).toEqual(expected);
      }
    }
  });
});
