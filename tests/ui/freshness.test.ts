import { describe, expect, it } from 'vitest';
import type { FreshnessResponse } from '../../src/contract/freshness.ts';
import { describeFreshness } from '../../src/ui/freshness.ts';

const NOW = new Date('2026-11-26T12:00:00Z');
const MARTS = { payments: 'analytics.mart_stripe_payments', daily: 'analytics.mart_stripe_payments_daily' };
const fresh: FreshnessResponse = {
  newestChargeAt: '2026-11-26T11:46:00+00:00', dailyMartThrough: '2026-11-26', staleAfterHours: 26, stale: false, marts: MARTS,
};

describe('describeFreshness', () => {
  it('fresh: both ages, no warning', () => {
    expect(describeFreshness(fresh, '2026-11-26T11:59:50Z', NOW)).toEqual({ summary: 'Newest charge 14 min ago · fetched just now', warnings: [] });
    expect(describeFreshness(fresh, null, NOW).summary).toBe('Newest charge 14 min ago');
    // A daily mart through yesterday is normal for a nightly job.
    expect(describeFreshness({ ...fresh, dailyMartThrough: '2026-11-25' }, null, NOW).warnings).toEqual([]);
  });

  it('stale: says how old and which mart\'s job to check', () => {
    const view = describeFreshness({ ...fresh, newestChargeAt: '2026-11-23T09:00:00+00:00', dailyMartThrough: '2026-11-23', stale: true }, '2026-11-26T11:58:00Z', NOW);
    expect(view.summary).toBe('Newest charge 3 days ago · fetched 2 min ago');
    expect(view.warnings).toEqual(['Stale data: the newest charge was 3 days ago, more than 26 h. Check the job that builds analytics.mart_stripe_payments.']);
  });

  it('a daily mart more than a day behind the detail mart: which one to rebuild', () => {
    const view = describeFreshness({ ...fresh, dailyMartThrough: '2026-11-22' }, null, NOW);
    expect(view.warnings).toEqual([
      'The daily mart ends Nov 22, 2026, 4 days before the newest charge (Nov 26, 2026): the overview\'s totals miss those days. Rebuild analytics.mart_stripe_payments_daily.',
    ]);
    // The reporting zone's day of the newest charge, from its offset: 00:30+09:00 is the 27th there.
    const tokyo = describeFreshness({ ...fresh, newestChargeAt: '2026-11-27T00:30:00+09:00', dailyMartThrough: '2026-11-25' }, null, NOW);
    expect(tokyo.warnings[0]).toMatch(/^The daily mart ends Nov 25, 2026, 2 days before/);
    expect(describeFreshness({ ...fresh, dailyMartThrough: null }, null, NOW).warnings[0]).toMatch(/is empty while charges reach Nov 26, 2026: rebuild analytics\.mart_stripe_payments_daily/);
  });

  it('no charges at all', () => {
    const view = describeFreshness({ ...fresh, newestChargeAt: null, dailyMartThrough: null, stale: true }, null, NOW);
    expect(view).toEqual({ summary: 'No charges yet', warnings: ['Stale data: analytics.mart_stripe_payments has no charges. Check the job that builds it.'] });
  });
});
