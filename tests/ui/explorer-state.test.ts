/** The Payments explorer's reducer and what it puts on screen: every action the island dispatches. */
import { describe, expect, it } from 'vitest';
import type { PaymentRow, PaymentsPageResponse } from '../../src/contract/payments.ts';
import { ApiError } from '../../src/ui/fetch-json.ts';
import {
  explorerReducer, explorerScreen, initialExplorerState, toApiError, type ExplorerAction, type ExplorerState,
} from '../../src/islands/payments/explorer-state.ts';

function row(chargeId: string, createdAt: string): PaymentRow {
  return {
    chargeId, paymentIntentId: null, customerId: null, createdAt, amount: 1000, currency: 'usd', status: 'succeeded',
    failureCode: null, declineCode: null, failureCategory: null, recoveryAction: null, cardBrand: 'visa', cardLast4: '4242',
    cardCountry: 'US', funnel: 'checkout', attemptNumber: 1,
  };
}

function pageOf(rows: PaymentRow[], total = rows.length, page = 1): PaymentsPageResponse {
  return { rows, page, size: 25, total, totalCapped: false, lastPage: Math.max(1, Math.ceil(total / 25)), nextCursor: null };
}

const WINTER_PARIS = pageOf([row('ch_a', '2026-01-15T10:00:00+01:00'), row('ch_b', '2026-01-15T09:00:00+01:00')], 1234);
const INVALID = new ApiError(400, 'invalid_parameter', 'status must be one of succeeded, failed, pending', 'status');
const DOWN = new ApiError(503, 'database_unavailable', 'The database is not reachable. Please try again.');

function run(state: ExplorerState, ...actions: ExplorerAction[]): ExplorerState {
  return actions.reduce((current, action) => explorerReducer(Object.freeze(current), action), state);
}

const start = initialExplorerState('?status=failed&sort=amount&page=3&size=50');
const loaded = run(start, { type: 'page-requested', request: { page: 3, size: 50, sort: { field: 'amount', descending: false } } }, { type: 'page-loaded', page: WINTER_PARIS, timeZone: undefined });

describe('explorer state: loading pages', () => {
  it('starts from the URL, loading, with no page and no zone', () => {
    expect(start.view).toMatchObject({ status: 'failed', sort: { field: 'amount', descending: false }, page: 3, size: 50 });
    expect(start.load).toEqual({ kind: 'loading', previous: undefined });
    expect([start.options, start.zone, start.generation]).toEqual([{ kind: 'loading' }, '', 0]);
    expect(explorerScreen(start)).toMatchObject({ page: undefined, loading: true, count: 'Loading payments…', exportDisabledReason: undefined });
  });

  it('takes the page, size and sort the grid asks for into the view, filters untouched', () => {
    const next = run(start, { type: 'page-requested', request: { page: 1, size: 100, sort: { field: 'createdAt', descending: true } } });
    expect(next.view).toEqual({ ...start.view, page: 1, size: 100, sort: { field: 'createdAt', descending: true } });
  });

  it('shows the loaded page and counts it', () => {
    expect(loaded.load).toEqual({ kind: 'ready', page: WINTER_PARIS });
    expect(explorerScreen(loaded)).toMatchObject({ page: WINTER_PARIS, loading: false, empty: false, count: 'Showing 1,234 payments' });
  });

  it('keeps the previous page on screen while the next one loads', () => {
    const next = run(loaded, { type: 'page-requested', request: { page: 4, size: 50, sort: loaded.view.sort } });
    expect(next.load).toEqual({ kind: 'loading', previous: WINTER_PARIS });
    expect(explorerScreen(next)).toMatchObject({ page: WINTER_PARIS, loading: true, count: 'Showing 1,234 payments' });
  });

  it('shows no page after an error, nor while the retry loads', () => {
    const failed = run(loaded, { type: 'page-failed', error: DOWN });
    expect(explorerScreen(failed)).toMatchObject({ page: undefined, loading: false, count: 'Payments not loaded' });
    const retrying = run(failed, { type: 'page-requested', request: { page: 3, size: 50, sort: loaded.view.sort } });
    expect(retrying.load).toEqual({ kind: 'loading', previous: undefined });
  });

  it('is empty only when the API answered with no payments', () => {
    expect(explorerScreen(run(start, { type: 'page-loaded', page: pageOf([]), timeZone: undefined }))).toMatchObject({ empty: true, count: 'Showing 0 payments' });
    expect(explorerScreen(start).empty).toBe(false);
    expect(explorerScreen(run(start, { type: 'page-failed', error: DOWN })).empty).toBe(false);
  });
});

describe('explorer state: the reporting zone', () => {
  it('names the offset the rows carry, or the built-in zone when every row agrees with it', () => {
    expect(loaded.zone).toBe('UTC+01:00');
    expect(run(start, { type: 'page-loaded', page: WINTER_PARIS, timeZone: 'Europe/Paris' }).zone).toBe('Europe/Paris');
    expect(run(start, { type: 'page-loaded', page: WINTER_PARIS, timeZone: 'America/New_York' }).zone).toBe('UTC+01:00');
  });

  it('keeps the zone it knows when a page has no rows to tell', () => {
    expect(run(loaded, { type: 'page-loaded', page: pageOf([]), timeZone: undefined }).zone).toBe('UTC+01:00');
  });
});

describe('explorer state: filters', () => {
  it('a filter change starts again from page 1, sort and page size kept', () => {
    const next = run(loaded, { type: 'filters-changed', filters: { brand: 'visa' } });
    expect(next.view).toEqual({ ...loaded.view, brand: 'visa', page: 1 });
    expect(next.load).toBe(loaded.load);
  });

  it('clearing empties every filter, back to page 1, sort and page size kept', () => {
    const filtered = run(loaded, { type: 'filters-changed', filters: { q: 'ch_a', currency: 'usd', hygiene: 'past_max_attempts' } });
    expect(explorerScreen(filtered).filtered).toBe(true);
    const cleared = run(filtered, { type: 'filters-cleared' });
    expect(cleared.view).toEqual(initialExplorerState('?sort=amount&size=50').view);
    expect(explorerScreen(cleared).filtered).toBe(false);
  });

  it('invalid filters disable the export, saying why; any other error disables it until the payments load', () => {
    expect(explorerScreen(run(loaded, { type: 'page-failed', error: INVALID })).exportDisabledReason).toBe('Nothing to export: the filters are not valid.');
    expect(explorerScreen(run(loaded, { type: 'page-failed', error: DOWN })).exportDisabledReason).toBe('Nothing to export until the payments load.');
    expect(explorerScreen(run(loaded, { type: 'page-failed', error: toApiError(new TypeError('x')) })).exportDisabledReason).toBe('Nothing to export until the payments load.');
    expect(explorerScreen(loaded).exportDisabledReason).toBeUndefined();
  });
});

describe('explorer state: sort, URL and filter choices', () => {
  it('says amounts sort within each currency, naming those the filter choices offer', () => {
    expect(explorerScreen(loaded).sortNote).toBe('Sorted by amount within each currency; choose a currency to compare amounts in one.');
    const withChoices = run(loaded, { type: 'options-loaded', options: { statuses: ['succeeded', 'failed', 'pending'], funnels: [], brands: [], countries: [], currencies: ['usd', 'eur'] } });
    expect(explorerScreen(withChoices).sortNote).toBe('Sorted by amount within each currency (EUR, then USD); choose a currency to compare amounts in one.');
    expect(explorerScreen(run(withChoices, { type: 'filters-changed', filters: { currency: 'usd' } })).sortNote).toBe('');
    const byDate = run(withChoices, { type: 'page-requested', request: { page: 1, size: 50, sort: { field: 'createdAt', descending: true } } });
    expect(explorerScreen(byDate).sortNote).toBe('');
  });

  it('back / forward: the view is the URL\'s and the grid is rebuilt', () => {
    const next = run(loaded, { type: 'url-changed', query: new URLSearchParams('currency=eur&page=2') });
    expect(next.view).toEqual(initialExplorerState('?currency=eur&page=2').view);
    expect(next.generation).toBe(loaded.generation + 1);
    expect(next.load).toBe(loaded.load);
  });

  it('filter choices: loading again on retry, ready, or the reason they failed', () => {
    const failed = run(start, { type: 'options-failed', error: DOWN });
    expect(failed.options).toEqual({ kind: 'error', message: 'The database is not reachable. Please try again.' });
    expect(run(failed, { type: 'options-requested' }).options).toEqual({ kind: 'loading' });
    expect(run(start, { type: 'options-failed', error: toApiError('boom') }).options).toEqual({ kind: 'error', message: 'The payments could not be loaded. Please try again.' });
  });
});
