import { describe, expect, it } from 'vitest';
import { handleOverviewKpis } from '../../src/api/handlers/overview-kpis.ts';
import { handleOverviewDaily } from '../../src/api/handlers/overview-daily.ts';
import { handleOverviewFailures } from '../../src/api/handlers/overview-failures.ts';
import { handleOverviewRecovery } from '../../src/api/handlers/overview-recovery.ts';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import { handleFilters } from '../../src/api/handlers/filters.ts';
import { DRIVERS, useFixtureHandlers } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

const RANGE = 'from=2026-03-01&to=2026-03-07';

describe.each(DRIVERS)('overview endpoints on %s', (driver) => {
  const suite = useFixtureHandlers(driver, FIXTURE_CHARGES);
  const get = suite.get;

  it('kpis: the range against the 7 days before it, pending excluded from the success rate', async () => {
    // usd, 03-01..03-07: succeeded a01 1000 + a03 2000 + a08 4000 + a11 2500 = 9500;
    // failed a02 2000 + a04 3000 + a05 3000 + a07 700 + a09 1500 + a12 900 = 11100 (6 charges);
    // pending a06; 11 attempts. Success rate 4 / (4 + 6) = 0.4 (the pending one is left out).
    // Previous 02-22..02-28: p01 succeeded 1000, p02 failed 800 → rate 0.5, 2 attempts.
    expect(await get(handleOverviewKpis, `${RANGE}&currency=usd`)).toEqual({
      range: { from: '2026-03-01', to: '2026-03-07' },
      previous: { from: '2026-02-22', to: '2026-02-28' },
      inProgress: false,
      currency: 'usd',
      kpis: {
        grossRevenue: { value: 9500, previous: 1000, change: 8.5 },
        successRate: { value: 0.4, previous: 0.5, change: -0.1 }, // points, not relative
        // Per payment: A, B (recovered), E, F (recovered 03-10) and G succeeded; C, a07 and H did
        // not; D is pending only and left out → 5 / 8. Previous: P1 yes, P2 no → 1 / 2.
        uniqueSuccessRate: { value: 0.625, previous: 0.5, change: 0.125 },
        failedRevenue: { value: 11100, previous: 800, change: 12.875 },
        attempts: { value: 11, previous: 2, change: 4.5 },
      },
    });
  });

  it('kpis: jpy stays separate from usd; a change against a previous 0 is null', async () => {
    expect(await get(handleOverviewKpis, `${RANGE}&currency=JPY`)).toMatchObject({
      currency: 'jpy',
      kpis: {
        grossRevenue: { value: 120000, previous: 0, change: null },
        successRate: { value: 0.5, previous: null, change: null },
        uniqueSuccessRate: { value: 0.5, previous: null, change: null },
        failedRevenue: { value: 5000, previous: 0, change: null },
        attempts: { value: 2, previous: 0, change: null },
      },
    });
  });

  it('defaults to the currency with the most successful payments, and says which', async () => {
    // jpy has more revenue in minor units (120000 vs 9500) but yen and cents do not compare;
    // usd has 4 successful payments to jpy's 1.
    expect((await get(handleOverviewKpis, RANGE)).currency).toBe('usd');
    expect((await get(handleOverviewDaily, RANGE)).currency).toBe('usd');
  });

  it('defaults to the 30 days ending today in the reporting zone', async () => {
    const body = await get(handleOverviewKpis, 'currency=usd');
    expect(body.range).toEqual({ from: '2026-02-19', to: '2026-03-20' });
    expect(body.previous).toEqual({ from: '2026-01-20', to: '2026-02-18' });
  });

  it('totals and charts take years of the daily mart; the per-payment rate keeps the by-charge limit and says so', async () => {
    // Two years ending today (the fixture's charges are all in Feb–Mar 2026); MAX_RANGE_DAYS is 92.
    const range = 'from=2024-03-21&to=2026-03-20&currency=usd';
    expect((await get(handleOverviewDaily, range)).dates).toHaveLength(730);
    expect((await get(handleOverviewRecovery, range)).dates).toHaveLength(730);
    const { kpis } = await get(handleOverviewKpis, range);
    expect(kpis.attempts.value).toBeGreaterThan(0);
    expect(kpis.uniqueSuccessRate).toEqual({ value: null, previous: null, change: null, unavailable: 'counted per payment for ranges of at most 92 days' });
  });

  it('ends a range today at the latest, so no day that has not happened is counted or compared', async () => {
    // Today is 2026-03-20: a range to the end of March stops there and says so.
    const body = await get(handleOverviewKpis, 'from=2026-03-14&to=2026-03-31&currency=usd');
    expect(body.range).toEqual({ from: '2026-03-14', to: '2026-03-20' });
    expect((await get(handleOverviewDaily, 'from=2026-03-18&to=2026-04-30&currency=usd')).dates).toEqual(['2026-03-18', '2026-03-19', '2026-03-20']);
  });

  it('daily: every day of the range, zeros where nothing happened, null rate without decided charges', async () => {
    expect(await get(handleOverviewDaily, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd',
      dates: ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'],
      // 03-01 a01; 03-02 a03; 03-03 only failures; 03-04 only the pending a06; 03-05 failed a12; 03-06 a08; 03-07 a11
      revenue: [1000, 2000, 0, 0, 0, 4000, 2500],
      successRate: [0.5, 0.5, 0, null, 0, 0.5, 1],
      attempts: [2, 2, 2, 1, 1, 2, 1],
    });
  });

  it('daily: days with no charges at all are zeros in a range past the data', async () => {
    const body = await get(handleOverviewDaily, 'from=2026-03-13&to=2026-03-15&currency=usd');
    expect(body).toEqual({ currency: 'usd', dates: ['2026-03-13', '2026-03-14', '2026-03-15'], revenue: [0, 0, 0], successRate: [null, null, null], attempts: [0, 0, 0] });
  });

  it('failures: by category with failedAmount, lostRevenue (intent never succeeded) and share of failed charges', async () => {
    expect(await get(handleOverviewFailures, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd',
      categories: [
        // a04 + a05: pi_C never succeeded → all lost
        { category: 'card_declined', count: 2, failedAmount: 6000, lostRevenue: 6000, share: 0.333333 },
        // a02 (pi_B recovered 03-02) and a09 (pi_F recovered 03-10, after the range): nothing lost
        { category: 'insufficient_funds', count: 2, failedAmount: 3500, lostRevenue: 0, share: 0.333333 },
        // a12 has no category; pi_H never succeeded
        { category: 'other', count: 1, failedAmount: 900, lostRevenue: 900, share: 0.166667 },
        // a07 has no payment intent: lost
        { category: 'expired_card', count: 1, failedAmount: 700, lostRevenue: 700, share: 0.166667 },
      ],
    });
  });

  it('failures: jpy alone', async () => {
    expect(await get(handleOverviewFailures, `${RANGE}&currency=jpy`)).toEqual({
      currency: 'jpy',
      categories: [{ category: 'card_declined', count: 1, failedAmount: 5000, lostRevenue: 5000, share: 1 }],
    });
  });

  it('recovery: by first-failure date, the current rate over the range, recent days maturing', async () => {
    // pi_B first failed 03-01, recovered; pi_C 03-02, retried but not recovered; pi_F 03-06,
    // recovered 03-10. a07 has no intent and pi_H was never retried: neither counts as retried.
    // Today is 03-20, so first failures from 03-07 on are less than 14 days old.
    expect(await get(handleOverviewRecovery, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd',
      dates: ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'],
      rate: [1, 0, null, null, null, 1, null],
      retried: [1, 1, 0, 0, 0, 1, 0],
      recovered: [1, 0, 0, 0, 0, 1, 0],
      current: { rate: 0.666667, retried: 3, recovered: 2 },
      maturingFrom: '2026-03-07',
      maturing: [false, false, false, false, false, false, true],
    });
  });

  it('top failures: reason, counts, amounts and the recommended action', async () => {
    expect(await get(handleOverviewTopFailures, `${RANGE}&currency=usd`)).toEqual({
      currency: 'usd',
      rows: [
        { category: 'card_declined', declineCode: 'do_not_honor', count: 2, failedAmount: 6000, lostRevenue: 6000, action: 'contact_customer' },
        { category: 'insufficient_funds', declineCode: 'insufficient_funds', count: 2, failedAmount: 3500, lostRevenue: 0, action: 'retry_eligible' },
        // a12 has no decline code: the mapping key falls back to its failure code
        { category: 'other', declineCode: 'processing_error', count: 1, failedAmount: 900, lostRevenue: 900, action: null },
        { category: 'expired_card', declineCode: 'expired_card', count: 1, failedAmount: 700, lostRevenue: 700, action: 'request_card' },
      ],
      unmapped: { count: 0, codes: [] },
    });
  });

  it('filters: the values the dropdowns offer', async () => {
    expect(await get(handleFilters, '')).toEqual({
      statuses: ['succeeded', 'failed', 'pending'],
      funnels: ['checkout', 'renewal', 'upgrade'],
      brands: ['amex', 'jcb', 'mastercard', 'visa'],
      countries: ['JP', 'US'],
      currencies: ['jpy', 'usd'],
    });
  });

  it('overview responses carry the overview cache class', async () => {
    const response = await handleOverviewKpis(new Request(`http://dash.test/api/overview/kpis?${RANGE}&utm_source=x`), suite.deps);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'private, max-age=300',
      'netlify-cdn-cache-control': 'public, durable, max-age=300, stale-while-revalidate=60',
      'netlify-vary': 'query=from|to|currency',
      'netlify-cache-tag': 'overview',
      'x-generated-at': '2026-03-20T12:00:00.000Z',
    });
  });
});
