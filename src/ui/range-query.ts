/**
 * The date range and currency a page shows, as query parameters:
 *   ?range=last-7            a preset, recomputed from today when the link is opened later
 *   ?from=2026-10-01&to=2026-10-31   (range=custom optional) a fixed custom range
 *   &currency=eur            optional; without it the API picks the busiest currency
 * Invalid values fall back to the default view instead of failing, and are named so the page can
 * say what it shows instead.
 */
import { isCalendarDate, isValidRange, type DateRange, type IsoDate } from '../contract/calendar-date.ts';
import { isCurrencyCode } from '../contract/money.ts';
import { formatDate, formatRange, isRangePreset, rangeForPreset, type RangeChoice } from './date-range.ts';
import type { QueryValues } from './url-state.ts';

export interface RangeView {
  range: RangeChoice;
  /** Only for `custom`. */
  from?: IsoDate;
  to?: IsoDate;
  /** Lowercase ISO 4217, or undefined for the API's default. */
  currency?: string;
}

export const DEFAULT_RANGE_VIEW: RangeView = { range: 'last-30' };

const CURRENCY = /^[a-z]{3}$/;

export function isRangeView(value: unknown): value is RangeView {
  if (typeof value !== 'object' || value === null) return false;
  const view = value as Record<string, unknown>;
  if (view.currency !== undefined && !(typeof view.currency === 'string' && CURRENCY.test(view.currency))) return false;
  if (view.range === 'custom') return isValidRange({ from: view.from as string, to: view.to as string });
  return isRangePreset(view.range);
}

/** Whether the query says anything about the view (otherwise the remembered default applies). */
export function queryHasRangeView(query: URLSearchParams): boolean {
  return ['range', 'from', 'to', 'currency'].some((key) => query.has(key));
}

export interface ReadRangeQuery {
  view: RangeView;
  /**
   * What in the URL could not be used, in words for the person who opened it ("the start date,
   * Nov 20, 2026, is after the end date, Nov 1, 2026"); empty when everything was usable.
   */
  problems: string[];
}

function quoted(value: string): string {
  return `“${value.length > 24 ? `${value.slice(0, 24)}…` : value}”`;
}

/**
 * The view the query asks for, and what was wrong with it. A query that names no view at all
 * gets `fallback` (the remembered view); otherwise what is missing takes the defaults, not the
 * remembered view, so a shared link opens the same for everyone. What is invalid falls back too
 * and is named in `problems`. Given `today`, a range ends today at the latest: the days after it
 * have no payments yet, and comparing them would report a fall that did not happen.
 */
export function readRangeQuery(query: URLSearchParams, fallback: RangeView = DEFAULT_RANGE_VIEW, today?: IsoDate): ReadRangeQuery {
  if (!queryHasRangeView(query)) return { view: fallback, problems: [] };
  const problems: string[] = [];
  const rawCurrency = query.get('currency')?.trim();
  let currency: string | undefined;
  if (rawCurrency) {
    if (isCurrencyCode(rawCurrency)) currency = rawCurrency.toLowerCase();
    else problems.push(`${quoted(rawCurrency)} is not a currency (an ISO 4217 code such as USD)`);
  }
  const range = query.get('range');
  const from = query.get('from');
  const to = query.get('to');
  const named = range !== null && range !== '';
  if (named && range !== 'custom' && !isRangePreset(range)) problems.push(`${quoted(range)} is not a date range this page offers`);
  else if (named && range !== 'custom') return { view: withCurrency({ range }, currency), problems };
  else if (from !== null || to !== null || range === 'custom') {
    const dates = customDates(from, to, today, problems);
    if (dates) return { view: withCurrency({ range: 'custom', ...dates }, currency), problems };
  }
  return { view: withCurrency({ range: DEFAULT_RANGE_VIEW.range }, currency), problems };
}

/** The custom range from the query's dates, or null (with the problem said) when unusable. */
function customDates(from: string | null, to: string | null, today: IsoDate | undefined, problems: string[]): DateRange | null {
  for (const [name, value] of [['start', from], ['end', to]] as const) {
    if (!value) {
      problems.push(`the ${name} date is missing`);
      return null;
    }
    if (!isCalendarDate(value)) {
      problems.push(`${quoted(value)} is not a date (YYYY-MM-DD)`);
      return null;
    }
  }
  if (from! > to!) {
    problems.push(`the start date, ${formatDate(from!)}, is after the end date, ${formatDate(to!)}`);
    return null;
  }
  if (today && from! > today) {
    problems.push(`the range, ${formatRange({ from: from!, to: to! })}, has not begun yet`);
    return null;
  }
  if (today && to! > today) {
    problems.push(`the range ran past today, so it now ends today instead of ${formatDate(to!)}`);
    return { from: from!, to: today };
  }
  return { from: from!, to: to! };
}

function withCurrency(view: RangeView, currency: string | undefined): RangeView {
  const clean: RangeView = { range: view.range };
  if (view.range === 'custom') {
    clean.from = view.from;
    clean.to = view.to;
  }
  if (currency) clean.currency = currency;
  return clean;
}

/** The query values that describe `view` (other parameters in the URL are left alone). */
export function rangeViewToQuery(view: RangeView): QueryValues {
  const custom = view.range === 'custom';
  return { range: view.range, from: custom ? view.from : null, to: custom ? view.to : null, currency: view.currency ?? null };
}

/** The concrete dates of a view on `today`. */
export function resolveRange(view: RangeView, today: IsoDate): DateRange {
  if (view.range === 'custom' && view.from && view.to) return { from: view.from, to: view.to };
  return rangeForPreset(view.range === 'custom' ? 'last-30' : view.range, today);
}

export function sameRangeView(a: RangeView, b: RangeView): boolean {
  return a.range === b.range && a.from === b.from && a.to === b.to && a.currency === b.currency;
}
