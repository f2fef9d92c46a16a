import { describe, expect, it } from 'vitest';
import { handleOverviewBreakdown } from '../../src/api/handlers/overview-breakdown.ts';
import { handleOverviewKpis } from '../../src/api/handlers/overview-kpis.ts';
import { hasAcceptanceRollup } from '../../src/queries/acceptance-source.ts';
import { DRIVERS, useFixtureHandlers } from './support/fixture-database.ts';
import { ACCEPTANCE_CHARGES } from './support/acceptance-fixture.ts';

const RANGE = 'from=2026-03-01&to=2026-03-07&currency=usd';
const none = { attempts: 0, successRate: null };

/** The rollup as the seed builds it, and a configuration naming a rollup that is not there (the detail mart answers). */
const SOURCES = [['the acceptance rollup', {}], ['the detail mart', { acceptanceTable: 'no_acceptance_rollup' }]] as const;
const CASES = DRIVERS.flatMap((driver) => SOURCES.map(([source, config]) => [driver, source, config] as const));

describe.each(CASES)('acceptance analytics on %s from %s (answers worked out in acceptance-fixture.ts)', (driver, _source, config) => {
  const suite = useFixtureHandlers(driver, ACCEPTANCE_CHARGES, config);
  const get = suite.get;

  it('reads the source under test', async () => {
    expect(await hasAcceptanceRollup(suite.deps)).toBe(!('acceptanceTable' in config));
  });

  it('kpis: per attempt and per payment, each against the previous period', async () => {
    // Attempts 03-01..03-07: 4 succeeded (ch_1, ch_13, ch_3, ch_14), 6 failed, 2 pending → 4 / 10.
    // Previous: ch_15 succeeded, ch_12 and ch_16 failed → 1 / 3.
    // Payments first attempted in the range: pi_A, pi_B (recovered), pi_E (recovered after the
    // range) and ch_14 succeeded; pi_C, ch_6 (no intent) and pi_F (pending, then failed) did not;
    // pi_D is pending only and left out; pi_G began 02-27 and belongs to the previous period
    // → 4 / 7. Previous: pi_G (recovered 03-01) and pi_P1 succeeded, pi_P2 failed → 2 / 3.
    expect((await get(handleOverviewKpis, RANGE)).kpis).toEqual({
      grossRevenue: { value: 5000, previous: 1000, change: 4 },
      successRate: { value: 0.4, previous: 0.333333, change: 0.066667 },
      uniqueSuccessRate: { value: 0.571429, previous: 0.666667, change: -0.095238 },
      failedRevenue: { value: 10800, previous: 2000, change: 4.4 },
      attempts: { value: 12, previous: 3, change: 3 },
    });
  });

  it('kpis: the per-payment rate is per currency and null without an earlier payment', async () => {
    const { kpis } = await get(handleOverviewKpis, 'from=2026-03-01&to=2026-03-07&currency=eur');
    expect(kpis.uniqueSuccessRate).toEqual({ value: 1, previous: null, change: null });
  });

  it('kpis: a range with only a pending payment has no per-payment rate', async () => {
    const { kpis } = await get(handleOverviewKpis, 'from=2026-03-04&to=2026-03-04&currency=usd');
    // 03-04: pi_D pending only; the day before (03-03) has only ch_6, failed without an intent.
    expect(kpis.uniqueSuccessRate).toEqual({ value: null, previous: 0, change: null });
  });

  it('breakdown by card brand: most attempts first, ties by name, no brand last', async () => {
    expect(await get(handleOverviewBreakdown, `${RANGE}&by=card_brand`)).toEqual({
      currency: 'usd',
      by: 'card_brand',
      rows: [
        // ch_1, ch_13 succeeded; ch_4, ch_5 (pi_C, lost), ch_8 (pi_E, recovered), ch_11 (pi_F, lost) failed; ch_10 pending
        { value: 'visa', attempts: 7, succeeded: 2, failed: 4, successRate: 0.333333, failedAmount: 8100, lostRevenue: 6600, previous: { attempts: 2, successRate: 0.5 } },
        { value: 'amex', attempts: 2, succeeded: 0, failed: 1, successRate: 0, failedAmount: 700, lostRevenue: 700, previous: none },
        { value: 'mastercard', attempts: 2, succeeded: 1, failed: 1, successRate: 0.5, failedAmount: 2000, lostRevenue: 0, previous: { attempts: 1, successRate: 0 } },
        { value: null, attempts: 1, succeeded: 1, failed: 0, successRate: 1, failedAmount: 0, lostRevenue: 0, previous: none },
      ],
    });
  });

  it('breakdown by card country', async () => {
    expect((await get(handleOverviewBreakdown, `${RANGE}&by=card_country`)).rows).toEqual([
      { value: 'US', attempts: 7, succeeded: 2, failed: 3, successRate: 0.4, failedAmount: 6600, lostRevenue: 6600, previous: { attempts: 2, successRate: 0.5 } },
      { value: 'GB', attempts: 2, succeeded: 1, failed: 1, successRate: 0.5, failedAmount: 2000, lostRevenue: 0, previous: { attempts: 1, successRate: 0 } },
      { value: null, attempts: 2, succeeded: 1, failed: 1, successRate: 0.5, failedAmount: 700, lostRevenue: 700, previous: none },
      { value: 'DE', attempts: 1, succeeded: 0, failed: 1, successRate: 0, failedAmount: 1500, lostRevenue: 0, previous: none },
    ]);
  });

  it('breakdown by funnel: a value with only pending charges has no rate', async () => {
    expect((await get(handleOverviewBreakdown, `${RANGE}&by=funnel`)).rows).toEqual([
      { value: 'checkout', attempts: 7, succeeded: 2, failed: 4, successRate: 0.333333, failedAmount: 8100, lostRevenue: 6600, previous: { attempts: 2, successRate: 0.5 } },
      { value: 'renewal', attempts: 2, succeeded: 1, failed: 1, successRate: 0.5, failedAmount: 2000, lostRevenue: 0, previous: { attempts: 1, successRate: 0 } },
      { value: null, attempts: 2, succeeded: 1, failed: 1, successRate: 0.5, failedAmount: 700, lostRevenue: 700, previous: none },
      { value: 'upgrade', attempts: 1, succeeded: 0, failed: 0, successRate: null, failedAmount: 0, lostRevenue: 0, previous: none },
    ]);
  });

  it('breakdown by failure category: charges without one (every success, the pending) are the null row', async () => {
    expect((await get(handleOverviewBreakdown, `${RANGE}&by=failure_category`)).rows).toEqual([
      { value: null, attempts: 6, succeeded: 4, failed: 0, successRate: 1, failedAmount: 0, lostRevenue: 0, previous: { attempts: 1, successRate: 1 } },
      { value: 'card_declined', attempts: 2, succeeded: 0, failed: 2, successRate: 0, failedAmount: 6000, lostRevenue: 6000, previous: { attempts: 1, successRate: 0 } },
      { value: 'expired_card', attempts: 1, succeeded: 0, failed: 1, successRate: 0, failedAmount: 700, lostRevenue: 700, previous: none },
      { value: 'fraud_risk', attempts: 1, succeeded: 0, failed: 1, successRate: 0, failedAmount: 600, lostRevenue: 600, previous: none },
      { value: 'insufficient_funds', attempts: 1, succeeded: 0, failed: 1, successRate: 0, failedAmount: 2000, lostRevenue: 0, previous: { attempts: 1, successRate: 0 } },
      { value: 'processing_error', attempts: 1, succeeded: 0, failed: 1, successRate: 0, failedAmount: 1500, lostRevenue: 0, previous: none },
    ]);
  });

  it('breakdown: another currency stays apart; by defaults to card_brand', async () => {
    expect(await get(handleOverviewBreakdown, 'from=2026-03-01&to=2026-03-07&currency=eur&by=card_country')).toEqual({
      currency: 'eur',
      by: 'card_country',
      rows: [{ value: 'FR', attempts: 1, succeeded: 1, failed: 0, successRate: 1, failedAmount: 0, lostRevenue: 0, previous: none }],
    });
    expect((await get(handleOverviewBreakdown, 'from=2026-03-01&to=2026-03-07')).by).toBe('card_brand');
  });

  it('breakdown: a range without charges has no rows', async () => {
    expect(await get(handleOverviewBreakdown, 'from=2026-01-01&to=2026-01-07&currency=usd&by=funnel')).toEqual({ currency: 'usd', by: 'funnel', rows: [] });
  });

  it('breakdown: the overview cache class, keyed on by as well', async () => {
    const response = await handleOverviewBreakdown(new Request(`http://dash.test/api/overview/breakdown?${RANGE}&by=funnel&utm=x`), suite.deps);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'private, max-age=300',
      'netlify-vary': 'query=from|to|currency|by',
      'netlify-cache-tag': 'overview',
    });
  });
});
