/**
 * The date range and currency a page shows, as query parameters:
 *   ?range=last-7            a preset, recomputed from today when the link is opened later
 *   ?from=2026-10-01&to=2026-10-31   (range=custom optional) a fixed custom range
 *   &currency=eur            optional; without it the API picks the busiest currency
 * Invalid values fall back to the remembered or default view instead of failing.
 */
import { isIsoDate, isRangePreset, isValidRange, rangeForPreset, type DateRange, type IsoDate, type RangeChoice } from './date-range.ts';
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

/** The view the query asks for; parts that are missing or invalid come from `fallback`. */
export function parseRangeQuery(query: URLSearchParams, fallback: RangeView = DEFAULT_RANGE_VIEW): RangeView {
  const rawCurrency = query.get('currency')?.toLowerCase();
  const currency = rawCurrency && CURRENCY.test(rawCurrency) ? rawCurrency : query.has('currency') ? undefined : fallback.currency;
  const range = query.get('range');
  const from = query.get('from');
  const to = query.get('to');
  if ((range === 'custom' || range === null) && isIsoDate(from) && isIsoDate(to) && from <= to) {
    return withCurrency({ range: 'custom', from, to }, currency);
  }
  if (isRangePreset(range)) return withCurrency({ range }, currency);
  return withCurrency({ range: fallback.range, from: fallback.from, to: fallback.to }, currency);
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
