/**
 * The explorer's whole view — filters, sort, page and page size — as one value that round-trips
 * through the page URL (shareable, back button) and becomes the query of /api/payments and
 * /api/payments.csv. Pure: no DOM, no fetch.
 */
import { isCalendarDate } from '../../contract/calendar-date.ts';
import { DEFAULT_SORT, parseSortText, sameSort, sortText, type PaymentSort } from '../../contract/payments.ts';
import type { QueryValues } from '../../ui/url-state.ts';

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
const DEFAULT_PAGE_SIZE: PageSize = 25;

/** Filter values; '' means "any". Dates are YYYY-MM-DD in the reporting time zone, inclusive. */
export interface PaymentsFilters {
  status: string;
  from: string;
  to: string;
  q: string;
  funnel: string;
  brand: string;
  /** Card country, ISO 3166-1 alpha-2 (uppercase). */
  country: string;
  /** Failure category (card_declined, …). */
  category: string;
  /** Decline code (insufficient_funds, …), or `none`; set by links from the Overview. */
  decline: string;
  currency: string;
  /** Retries that break the rules: after_hard_decline or past_max_attempts (the Overview's retry hygiene). */
  hygiene: string;
}
const FILTER_KEYS = ['status', 'from', 'to', 'q', 'funnel', 'brand', 'country', 'category', 'decline', 'currency', 'hygiene'] as const satisfies readonly (keyof PaymentsFilters)[];

export interface PaymentsView extends PaymentsFilters {
  sort: PaymentSort;
  page: number;
  size: PageSize;
}

/**
 * The longest search the API takes (its text parameters' limit; tests/api/validation.test.ts holds
 * the two together), which the search box enforces; every id is far shorter.
 */
export const SEARCH_MAX_LENGTH = 100;

const EMPTY_FILTERS: PaymentsFilters = { status: '', from: '', to: '', q: '', funnel: '', brand: '', country: '', category: '', decline: '', currency: '', hygiene: '' };

/** The URL's sort (a leading + tolerated); anything the API does not sort by falls back to its default order. */
function parseSortParam(raw: string | null | undefined): PaymentSort {
  return (raw && parseSortText(raw.replace(/^\+/, ''))) || DEFAULT_SORT;
}

function positiveInt(raw: string | null): number | undefined {
  if (!raw || !/^\d{1,7}$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 ? n : undefined;
}

/**
 * Reads a view from a query string. Values the API would reject outright (a malformed date, a page
 * size it does not offer) are dropped here so a hand-edited URL still opens a working page; values
 * only the server can judge (an unknown status) are kept and the API's 400 explains them.
 */
export function parsePaymentsView(search: string | URLSearchParams): PaymentsView {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const text = (key: string) => (params.get(key) ?? '').trim();
  const size = positiveInt(params.get('size'));
  return {
    status: text('status'),
    from: isCalendarDate(text('from')) ? text('from') : '',
    to: isCalendarDate(text('to')) ? text('to') : '',
    q: text('q'),
    funnel: text('funnel'),
    brand: text('brand'),
    country: text('country').toUpperCase(),
    category: text('category'),
    decline: text('decline'),
    currency: text('currency').toLowerCase(),
    hygiene: text('hygiene'),
    sort: parseSortParam(params.get('sort')),
    page: positiveInt(params.get('page')) ?? 1,
    size: (PAGE_SIZES as readonly number[]).includes(size ?? 0) ? (size as PageSize) : DEFAULT_PAGE_SIZE,
  };
}

function appendFilters(params: URLSearchParams, filters: PaymentsFilters): void {
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
}

function isDefaultSort(sort: PaymentSort): boolean {
  return sameSort(sort, DEFAULT_SORT);
}

/**
 * The view as page-URL query values for src/ui/url-state.ts writeQuery: every key the explorer
 * owns, null where the value is the default (so it leaves the URL).
 */
export function paymentsViewToQuery(view: PaymentsView): QueryValues {
  const values: Record<string, string | null> = {};
  for (const key of FILTER_KEYS) values[key] = view[key].trim() || null;
  values.sort = isDefaultSort(view.sort) ? null : sortText(view.sort);
  values.page = view.page > 1 ? String(view.page) : null;
  values.size = view.size !== DEFAULT_PAGE_SIZE ? String(view.size) : null;
  return values;
}

/** /api/payments for one page of the view. */
export function paymentsApiUrl(view: PaymentsView): string {
  const params = new URLSearchParams();
  appendFilters(params, view);
  params.set('sort', sortText(view.sort));
  params.set('page', String(view.page));
  params.set('size', String(view.size));
  return `/api/payments?${params}`;
}

/** /api/payments.csv for the whole filtered result, in the order on screen. */
export function paymentsCsvUrl(view: PaymentsView): string {
  const params = new URLSearchParams();
  appendFilters(params, view);
  if (!isDefaultSort(view.sort)) params.set('sort', sortText(view.sort));
  const query = params.toString();
  return `/api/payments.csv${query ? `?${query}` : ''}`;
}

export function paymentDetailUrl(chargeId: string): string {
  return `/api/payments/${encodeURIComponent(chargeId)}`;
}

export function hasActiveFilters(filters: PaymentsFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key].trim() !== '');
}

/** A filter change starts again from page 1; sort and page size stay. */
export function withFilters(view: PaymentsView, filters: Partial<PaymentsFilters>): PaymentsView {
  return { ...view, ...filters, page: 1 };
}

export function clearedFilters(view: PaymentsView): PaymentsView {
  return { ...view, ...EMPTY_FILTERS, page: 1 };
}
