import { describe, expect, it } from 'vitest';
import { isTooSmallToTrust, rateHalfWidth } from '../../src/ui/confidence.ts';
import { breakdownModel, explorerHref, parseBreakdownBy, valueLabel } from '../../src/islands/overview/breakdown-view.ts';
import type { BreakdownResponse } from '../../src/contract/overview.ts';

const RANGE = { from: '2026-03-01', to: '2026-03-07' };
const row = (value: string | null, attempts: number, succeeded: number, failed: number, previous = { attempts: 0, successRate: null as number | null }) => ({
  value, attempts, succeeded, failed, successRate: succeeded + failed ? Math.round((succeeded / (succeeded + failed)) * 1e6) / 1e6 : null,
  failedAmount: 0, lostRevenue: 0, previous,
});

describe('the 95% interval behind the "too few attempts" flag', () => {
  it('is the Wilson score half-width', () => {
    // 9 of 10: (1.96 / (1 + 1.96²/10)) · √(0.9·0.1/10 + 1.96²/400) = 0.1931
    expect(rateHalfWidth(9, 10)).toBeCloseTo(0.1931, 4);
    // 0 of 20 is not a certain 0%: the interval still reaches 16.1%, centred at 8.1%.
    expect(rateHalfWidth(0, 20)).toBeCloseTo(0.0806, 4);
    expect(rateHalfWidth(0, 0)).toBe(1);
  });

  it('flags a rate whose interval is wider than ±5 points', () => {
    expect(isTooSmallToTrust(90, 100)).toBe(true); // ±5.9 pts
    expect(isTooSmallToTrust(180, 200)).toBe(false); // ±4.2 pts
    expect(isTooSmallToTrust(500, 1000)).toBe(false); // ±3.1 pts
    expect(isTooSmallToTrust(150, 300)).toBe(true); // ±5.6 pts: at 50% it takes ~385 attempts
  });
});

describe('the "Success rate by …" rows', () => {
  it('reads by from the URL, anything unknown as card brand', () => {
    expect(parseBreakdownBy('funnel')).toBe('funnel');
    expect(parseBreakdownBy('issuer')).toBe('card_brand');
    expect(parseBreakdownBy(null)).toBe('card_brand');
  });

  it('names values in words and the charges without one', () => {
    expect(valueLabel('card_brand', 'amex')).toBe('Amex');
    expect(valueLabel('card_country', 'DE', 'en-US')).toBe('Germany (DE)');
    expect(valueLabel('funnel', 'renewal')).toBe('Renewal');
    expect(valueLabel('failure_category', 'insufficient_funds')).toBe('Insufficient funds');
    expect(valueLabel('card_country', null)).toBe('No card country');
  });

  it('links each value to the explorer over the same range and currency; failure categories to their failed payments', () => {
    expect(explorerHref('card_brand', 'visa', RANGE, 'usd')).toBe('/payments?from=2026-03-01&to=2026-03-07&currency=usd&brand=visa');
    expect(explorerHref('card_country', 'GB', RANGE, 'eur')).toBe('/payments?from=2026-03-01&to=2026-03-07&currency=eur&country=GB');
    expect(explorerHref('funnel', 'checkout', RANGE, 'usd')).toBe('/payments?from=2026-03-01&to=2026-03-07&currency=usd&funnel=checkout');
    expect(explorerHref('failure_category', 'fraud_risk', RANGE, 'usd')).toBe('/payments?from=2026-03-01&to=2026-03-07&currency=usd&status=failed&category=fraud_risk');
    expect(explorerHref('card_brand', null, RANGE, 'usd')).toBeNull();
  });

  it('draws success rates with the change in points and flags small volumes', () => {
    const data: BreakdownResponse = {
      currency: 'usd', by: 'card_brand',
      rows: [row('visa', 1000, 900, 100, { attempts: 800, successRate: 0.875 }), row('amex', 12, 9, 3), row(null, 5, 5, 0)],
    };
    const model = breakdownModel(data, RANGE);
    expect(model.measure).toBe('rate');
    expect(model.bars.map((bar) => [bar.label, bar.measure, bar.tooSmall, bar.href])).toEqual([
      ['Visa', 0.9, false, '/payments?from=2026-03-01&to=2026-03-07&currency=usd&brand=visa'],
      ['Amex', 0.75, true, '/payments?from=2026-03-01&to=2026-03-07&currency=usd&brand=amex'],
      ['No card brand', 1, true, null],
    ]);
    expect(model.bars[0]!.change).toBeCloseTo(0.025, 9);
    expect(model.bars[1]!.change).toBeNull(); // no previous period to compare with
  });

  it('draws failure categories as their share of all attempts, the uncategorized set apart', () => {
    const data: BreakdownResponse = {
      currency: 'usd', by: 'failure_category',
      rows: [row(null, 900, 880, 10, { attempts: 700, successRate: 0.99 }), row('card_declined', 60, 0, 60, { attempts: 40, successRate: 0 }), row('fraud_risk', 40, 0, 40)],
    };
    const model = breakdownModel(data, RANGE, { previousAttempts: 800 });
    expect(model.measure).toBe('share');
    expect(model.bars.map((bar) => [bar.value, bar.measure])).toEqual([['card_declined', 0.06], ['fraud_risk', 0.04]]);
    // 60 of 1,000 now, 40 of 800 before: +1 point.
    expect(model.bars[0]!.change).toBeCloseTo(0.01, 9);
    expect(model.bars[1]!.change).toBeCloseTo(0.04, 9); // 0 attempts before
    expect(model.uncategorized).toBe(900);
    expect(breakdownModel(data, RANGE).bars[0]!.change).toBeNull(); // the previous total is unknown
  });
});
