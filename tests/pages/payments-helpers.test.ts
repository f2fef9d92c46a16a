/** The explorer's pure pieces: URL state, labels, reporting-zone times, retry-history summaries. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SORT } from '../../src/contract/payments.ts';
import { applyQuery } from '../../src/ui/url-state.ts';
import { ApiError } from '../../src/ui/fetch-json.ts';
import { problemText } from '../../src/islands/payments/filter-problems.ts';
import { humanizeCode } from '../../src/ui/code-labels.ts';
import { amountSortNote, attemptReason, cardLabel, showingText, statusLabel } from '../../src/islands/payments/payment-labels.ts';
import {
  clearedFilters, hasActiveFilters, parsePaymentsView, paymentDetailUrl, paymentsApiUrl, paymentsCsvUrl,
  paymentsViewToQuery, withFilters,
} from '../../src/islands/payments/payments-view.ts';
import { formatReportingDateTime, offsetInZone, reportingZoneLabel, wallClock } from '../../src/islands/payments/reporting-time.ts';
import { attemptAgainstLimit, summarizeRetryHistory, type PaymentAttempt } from '../../src/islands/payments/retry-history.ts';

describe('payments view in the URL', () => {
  it('reads every filter, the sort, page and size', () => {
    expect(parsePaymentsView('?status=failed&from=2026-04-01&to=2026-06-30&q=%20pi_123%20&funnel=renewal&brand=visa&country=gb&category=card_declined&decline=do_not_honor&currency=USD&hygiene=after_hard_decline&sort=amount&page=3&size=50')).toEqual({
      status: 'failed', from: '2026-04-01', to: '2026-06-30', q: 'pi_123', funnel: 'renewal', brand: 'visa', country: 'GB', category: 'card_declined', decline: 'do_not_honor', currency: 'usd', hygiene: 'after_hard_decline',
      sort: { field: 'amount', descending: false }, page: 3, size: 50,
    });
  });

  it('falls back to the defaults for what the API would refuse outright', () => {
    const view = parsePaymentsView('?from=2026-02-30&to=yesterday&sort=-password&page=0&size=1000');
    expect([view.from, view.to, view.sort, view.page, view.size]).toEqual(['', '', DEFAULT_SORT, 1, 25]);
    // An unknown status is the server's to judge (its 400 names the parameter).
    expect(parsePaymentsView('?status=refunded').status).toBe('refunded');
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    const view = parsePaymentsView('?status=failed&brand=visa&sort=-amount&page=2&size=100');
    const search = applyQuery('', paymentsViewToQuery(view));
    expect(search).toBe('?status=failed&brand=visa&sort=-amount&page=2&size=100');
    expect(parsePaymentsView(search)).toEqual(view);
    expect(applyQuery('?status=failed&page=2', paymentsViewToQuery(parsePaymentsView('')))).toBe('');
  });

  it('keeps parameters of other features when it writes its own', () => {
    expect(applyQuery('?debug=1&status=failed', paymentsViewToQuery(parsePaymentsView('?currency=eur')))).toBe('?debug=1&currency=eur');
  });

  it('carries the retry-hygiene filter into the URL, the page and the CSV export', () => {
    const view = parsePaymentsView('?from=2026-03-01&to=2026-03-07&currency=usd&hygiene=past_max_attempts');
    expect(applyQuery('', paymentsViewToQuery(view))).toBe('?from=2026-03-01&to=2026-03-07&currency=usd&hygiene=past_max_attempts');
    expect(paymentsApiUrl(view)).toBe('/api/payments?from=2026-03-01&to=2026-03-07&currency=usd&hygiene=past_max_attempts&sort=-createdAt&page=1&size=25');
    expect(paymentsCsvUrl(view)).toBe('/api/payments.csv?from=2026-03-01&to=2026-03-07&currency=usd&hygiene=past_max_attempts');
    expect(hasActiveFilters(parsePaymentsView('?hygiene=after_hard_decline'))).toBe(true);
  });

  it('builds the API, CSV and detail URLs with the same filters', () => {
    const view = parsePaymentsView('?status=failed&q=cus_9&sort=amount&page=4&size=50');
    expect(paymentsApiUrl(view)).toBe('/api/payments?status=failed&q=cus_9&sort=amount&page=4&size=50');
    expect(paymentsCsvUrl(view)).toBe('/api/payments.csv?status=failed&q=cus_9&sort=amount');
    expect(paymentsCsvUrl(parsePaymentsView(''))).toBe('/api/payments.csv');
    expect(paymentDetailUrl('ch_1/..')).toBe('/api/payments/ch_1%2F..');
  });

  it('starts again from page 1 when the filters change or are cleared, keeping sort and size', () => {
    const view = parsePaymentsView('?status=failed&sort=amount&page=7&size=50');
    expect(withFilters(view, { brand: 'visa' })).toMatchObject({ status: 'failed', brand: 'visa', page: 1, size: 50, sort: { field: 'amount', descending: false } });
    const cleared = clearedFilters(view);
    expect(hasActiveFilters(cleared)).toBe(false);
    expect(cleared).toMatchObject({ page: 1, size: 50, sort: { field: 'amount', descending: false } });
  });
});

describe('labels', () => {
  it('pairs each status with a glyph, so colour is never the only signal', () => {
    expect(statusLabel('failed')).toEqual({ text: 'Failed', icon: '✕' });
    expect(statusLabel('succeeded')).toEqual({ text: 'Succeeded', icon: '✓' });
    expect(statusLabel('disputed').text).toBe('Disputed');
  });

  it('counts the result, saying when the count is capped', () => {
    expect(showingText({ total: 1234, totalCapped: false })).toBe('Showing 1,234 payments');
    expect(showingText({ total: 1, totalCapped: false })).toBe('Showing 1 payment');
    expect(showingText({ total: 0, totalCapped: false })).toBe('Showing 0 payments');
    expect(showingText({ total: 10000, totalCapped: true })).toBe('Showing 10,000+ payments');
  });

  it('shows cards as brand ****last4 and codes as words', () => {
    expect(cardLabel('visa', '4242')).toBe('Visa ****4242');
    expect(cardLabel('amex', null)).toBe('Amex');
    expect(cardLabel(null, null)).toBe('');
    expect(humanizeCode('incorrect_cvc')).toBe('Incorrect CVC');
    expect(attemptReason({ status: 'failed', failureCode: 'card_declined', declineCode: 'do_not_honor' })).toBe('Do not honor');
    expect(attemptReason({ status: 'failed', failureCode: 'expired_card', declineCode: null })).toBe('Expired card');
    expect(attemptReason({ status: 'succeeded', failureCode: null, declineCode: null })).toBe('');
  });
});

describe('reporting-zone times', () => {
  it('shows the wall-clock time the API wrote, whatever the viewer\'s zone', () => {
    expect(wallClock('2026-03-29T01:30:00+01:00')).toEqual({ date: '2026-03-29', time: '01:30:00', offset: '+01:00' });
    expect(formatReportingDateTime('2026-06-10T08:00:00.123Z')).toBe('2026-06-10 08:00:00');
    expect(formatReportingDateTime('garbage')).toBe('garbage');
  });

  it('names the configured zone only when the offsets agree with it', () => {
    expect(offsetInZone('Europe/Paris', new Date('2026-01-15T12:00:00Z'))).toBe('+01:00');
    expect(offsetInZone('Europe/Paris', new Date('2026-07-15T12:00:00Z'))).toBe('+02:00');
    expect(offsetInZone('UTC', new Date())).toBe('+00:00');
    // A zone Intl does not know (a page built with a misspelt one) names no zone, rather than failing.
    expect(offsetInZone('Europe/Pariss', new Date())).toBeUndefined();
    expect(reportingZoneLabel('Europe/Pariss', ['2026-01-15T13:00:00+01:00'])).toBe('UTC+01:00');
    expect(reportingZoneLabel('Europe/Paris', ['2026-01-15T13:00:00+01:00', '2026-07-15T14:00:00+02:00'])).toBe('Europe/Paris');
    // Built with UTC, served in Paris: the offsets win.
    expect(reportingZoneLabel('UTC', ['2026-01-15T13:00:00+01:00'])).toBe('UTC+01:00');
    expect(reportingZoneLabel(undefined, ['2026-01-15T13:00:00+01:00', '2026-07-15T14:00:00+02:00'])).toBe('UTC+01:00 / UTC+02:00');
    expect(reportingZoneLabel(undefined, ['2026-01-15T13:00:00Z'])).toBe('UTC');
  });
});

describe('retry history', () => {
  const attempt = (chargeId: string, status: string, declineCode: string | null = null, failureCategory: string | null = null): PaymentAttempt => ({
    chargeId, createdAt: '2026-06-10T08:00:00+00:00', amount: 4900, status, failureCode: status === 'failed' ? 'card_declined' : null, declineCode, failureCategory,
  });

  it('numbers the attempts in the API\'s order, marks the current one and states the recovery', () => {
    const history = summarizeRetryHistory([
      attempt('ch_1', 'failed', 'insufficient_funds', 'insufficient_funds'),
      attempt('ch_2', 'failed', 'withdrawal_count_limit_exceeded', 'insufficient_funds'),
      attempt('ch_3', 'failed', 'do_not_honor', 'card_declined'),
      attempt('ch_4', 'failed', null, null),
      attempt('ch_5', 'succeeded'),
    ], 'ch_2');
    // Each failure by its category, as the list says it; the issuer's reason only when it adds something.
    expect(history.attempts.map((a) => [a.number, a.chargeId, a.isCurrent, a.failure, a.reason])).toEqual([
      [1, 'ch_1', false, 'Insufficient funds', ''],
      [2, 'ch_2', true, 'Insufficient funds', 'Withdrawal count limit exceeded'],
      [3, 'ch_3', false, 'Card declined', 'Do not honor'],
      [4, 'ch_4', false, 'Uncategorized', 'Card declined'],
      [5, 'ch_5', false, '', ''],
    ]);
    expect([history.outcome, history.summary]).toEqual(['recovered', 'Recovered — succeeded on attempt 5 of 5.']);
  });

  it('states a recovery on the third of three attempts', () => {
    const history = summarizeRetryHistory([attempt('ch_1', 'failed'), attempt('ch_2', 'failed'), attempt('ch_3', 'succeeded')], 'ch_2');
    expect([history.outcome, history.summary]).toEqual(['recovered', 'Recovered — succeeded on attempt 3 of 3.']);
  });

  it('says when an intent never recovered, is still pending, or succeeded at once', () => {
    expect(summarizeRetryHistory([attempt('ch_1', 'failed'), attempt('ch_2', 'failed')], 'ch_1').summary).toBe('Not recovered — all 2 attempts failed.');
    expect(summarizeRetryHistory([attempt('ch_1', 'failed')], 'ch_1').summary).toBe('Not recovered — the only attempt failed.');
    expect(summarizeRetryHistory([attempt('ch_1', 'failed'), attempt('ch_2', 'pending')], 'ch_1')).toMatchObject({ outcome: 'pending', summary: 'Still pending — attempt 2 has no result yet.' });
    expect(summarizeRetryHistory([attempt('ch_1', 'succeeded')], 'ch_1')).toMatchObject({ outcome: 'succeeded', summary: 'Succeeded on the first attempt.' });
  });
});

describe('problems the API finds in the view, in the filter bar\'s words', () => {
  const refused = (param: string, message: string) => new ApiError(400, 'invalid_parameter', message, param);

  it('says how long the search is and how long an id can be, never the parameter name', () => {
    const view = parsePaymentsView(`?q=${'x'.repeat(3000)}`);
    const text = problemText(refused('q', 'q must be at most 100 characters'), view);
    expect(text).toBe('The search is 3,000 characters long; ids are at most 100. Search for the charge, payment intent or customer id, or its beginning.');
    expect(problemText(refused('q', 'q must not contain control characters'), parsePaymentsView('?q=ch_1%0Ach_2'))).toMatch(/^The search holds characters no id has/);
  });

  it('names the date boxes and the list a choice comes from', () => {
    expect(problemText(refused('from', 'from (2026-03-10) must not be after to (2026-03-01)'), parsePaymentsView('?from=2026-03-10&to=2026-03-01')))
      .toBe('The From date is after the To date. Choose a From date on or before the To date.');
    expect(problemText(refused('from', 'the range from 2025-01-01 to 2026-06-01 is 517 days; at most 400 days are allowed'), parsePaymentsView('?from=2025-01-01&to=2026-06-01')))
      .toBe('The dates cover more days than the explorer shows at once (517 days). Choose a shorter range.');
    expect(problemText(refused('status', 'status must be one of succeeded, failed, pending'), parsePaymentsView('?status=refunded')))
      .toBe('Status “refunded” is not one the payments have. Choose another in the Status list, or Any.');
    expect(problemText(refused('brand', 'brand must not contain control characters'), parsePaymentsView('?brand=vi%07sa'))).toMatch(/^Card brand “vi.sa” is not one/);
  });

  it('has no field to name for settings nobody typed, and passes other errors through', () => {
    for (const param of ['sort', 'page', 'size', 'after', 'something_newer']) {
      const text = problemText(refused(param, `${param} is wrong`), parsePaymentsView(''));
      expect(text).toBe('This page’s address holds a setting the explorer cannot use. Clear the filters to start again.');
    }
    const down = new ApiError(503, 'database_unavailable', 'The database is not reachable right now. Please try again in a moment.');
    expect(problemText(down, parsePaymentsView(''))).toBe(down.message);
  });
});

describe('the amount sort note', () => {
  const view = (query: string) => parsePaymentsView(query);
  it('says amounts sort within each currency, in which order, only when no currency is chosen', () => {
    expect(amountSortNote(view('?sort=amount'), ['usd', 'eur', 'jpy'])).toBe('Sorted by amount within each currency (EUR, then JPY, then USD); choose a currency to compare amounts in one.');
    expect(amountSortNote(view('?sort=-amount'), ['usd', 'eur', 'jpy'])).toBe('Sorted by amount within each currency (USD, then JPY, then EUR); choose a currency to compare amounts in one.');
    expect(amountSortNote(view('?sort=amount'), [])).toBe('Sorted by amount within each currency; choose a currency to compare amounts in one.');
    expect(amountSortNote(view('?sort=amount&currency=usd'), ['usd', 'eur'])).toBe('');
    expect(amountSortNote(view('?sort=-createdAt'), ['usd', 'eur'])).toBe('');
  });
});

describe('attemptAgainstLimit', () => {
  const limit = { maxRetries: 8, maxAttempts: 9 };
  it('shows the attempt against Stripe’s recommended ceiling, and past it', () => {
    const title = 'Stripe recommends at most 8 retries (9 attempts) of a charge that permits retries';
    expect(attemptAgainstLimit(1, limit)).toEqual({ text: 'attempt 1 (max 9)', title, over: false });
    expect(attemptAgainstLimit(9, limit).over).toBe(false);
    expect(attemptAgainstLimit(10, limit)).toEqual({ text: 'attempt 10 (max 9)', title, over: true });
  });
});
