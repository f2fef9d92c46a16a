/**
 * What the "Success rate by …" section shows for each value of a dimension: its label, the bar,
 * the change vs the previous period, whether its volume is too small to trust, and the explorer
 * link that opens its payments. Pure, so the browser test computes the expected rows with it.
 */
import type { DateRange } from '../../contract/calendar-date.ts';
import { explorerLink } from '../../ui/explorer-link.ts';
import { cardCountryLabel, failureCategoryLabel } from '../../ui/labels.ts';
import { cardBrandLabel, funnelLabel } from '../../ui/code-labels.ts';
import { isTooSmallToTrust, rateHalfWidth } from '../../ui/confidence.ts';
import type { BreakdownDimension as BreakdownBy, BreakdownResponse, BreakdownRow } from '../../contract/overview.ts';

export interface DimensionSpec {
  by: BreakdownBy;
  label: string;
  /** The explorer's filter parameter for this dimension. */
  filter: 'brand' | 'country' | 'funnel' | 'category';
}

export const BREAKDOWN_SPECS: readonly DimensionSpec[] = [
  { by: 'card_brand', label: 'Card brand', filter: 'brand' },
  { by: 'card_country', label: 'Card country', filter: 'country' },
  { by: 'funnel', label: 'Funnel', filter: 'funnel' },
  { by: 'failure_category', label: 'Failure category', filter: 'category' },
];

export const DEFAULT_BREAKDOWN: BreakdownBy = 'card_brand';
/** Rows shown; the rest are summed in a note so the card keeps a readable size. */
export const BREAKDOWN_ROWS = 10;

export function specFor(by: BreakdownBy): DimensionSpec {
  return BREAKDOWN_SPECS.find((spec) => spec.by === by) ?? BREAKDOWN_SPECS[0]!;
}

/** `by` from the page URL; anything else is the default. */
export function parseBreakdownBy(raw: string | null | undefined): BreakdownBy {
  return BREAKDOWN_SPECS.some((spec) => spec.by === raw) ? (raw as BreakdownBy) : DEFAULT_BREAKDOWN;
}

export function valueLabel(by: BreakdownBy, value: string | null, locale?: string): string {
  // "No card brand": the row of charges without a value.
  if (value === null) return `No ${specFor(by).label.toLowerCase()}`;
  switch (by) {
    case 'card_brand':
      return cardBrandLabel(value);
    case 'card_country':
      return cardCountryLabel(value, locale);
    case 'funnel':
      return funnelLabel(value);
    case 'failure_category':
      return failureCategoryLabel(value);
  }
}

/** The explorer filtered to one value over the same range and currency; null for the "none" row (no filter selects it). */
export function explorerHref(by: BreakdownBy, value: string | null, range: DateRange, currency: string): string | null {
  if (value === null) return null;
  return explorerLink(range, currency, { ...(by === 'failure_category' ? { status: 'failed' } : {}), [specFor(by).filter]: value });
}

export interface BreakdownBar {
  value: string | null;
  label: string;
  href: string | null;
  /** The measure drawn: the success rate, or for failure categories the share of all attempts. */
  measure: number | null;
  attempts: number;
  /** The measure minus the previous period's, in points (null without a previous figure). */
  change: number | null;
  /** Half-width of the measure's 95% interval, and whether that is too wide to read the value. */
  halfWidth: number;
  tooSmall: boolean;
}

export interface BreakdownModel {
  by: BreakdownBy;
  /** 'rate' (success rate per value) or 'share' (share of the range's attempts, for failure categories). */
  measure: 'rate' | 'share';
  bars: BreakdownBar[];
  /** Values beyond BREAKDOWN_ROWS: how many and their attempts. */
  rest: { values: number; attempts: number };
  /** For failure categories: the attempts without one (succeeded, pending or uncategorized), not drawn. */
  uncategorized: number;
}

/**
 * A failure category's success rate is 0 by definition, so categories are drawn as their share of
 * the range's attempts (the points of success rate each one costs); the previous period's share
 * needs that period's total attempts, which the KPIs give (`previousAttempts`, null when unknown).
 */
export function breakdownModel(
  data: BreakdownResponse,
  range: DateRange,
  options: { previousAttempts?: number | null; locale?: string } = {},
): BreakdownModel {
  const share = data.by === 'failure_category';
  const totalAttempts = data.rows.reduce((sum, row) => sum + row.attempts, 0);
  const rows = share ? data.rows.filter((row) => row.value !== null) : data.rows;
  const shown = rows.slice(0, BREAKDOWN_ROWS);
  const hidden = rows.slice(BREAKDOWN_ROWS);
  const bar = (row: BreakdownRow): BreakdownBar => {
    const decided = row.succeeded + row.failed;
    const [k, n] = share ? [row.attempts, totalAttempts] : [row.succeeded, decided];
    const measure = n > 0 ? k / n : null;
    const previousMeasure = share
      ? (options.previousAttempts ? row.previous.attempts / options.previousAttempts : null)
      : row.previous.successRate;
    return {
      value: row.value,
      label: valueLabel(data.by, row.value, options.locale),
      href: data.currency ? explorerHref(data.by, row.value, range, data.currency) : null,
      measure: share ? measure : row.successRate,
      attempts: row.attempts,
      change: measure !== null && previousMeasure !== null && previousMeasure !== undefined ? measure - previousMeasure : null,
      halfWidth: rateHalfWidth(k, n),
      tooSmall: isTooSmallToTrust(k, n),
    };
  };
  return {
    by: data.by,
    measure: share ? 'share' : 'rate',
    bars: shown.map(bar),
    rest: { values: hidden.length, attempts: hidden.reduce((sum, row) => sum + row.attempts, 0) },
    uncategorized: share ? (data.rows.find((row) => row.value === null)?.attempts ?? 0) : 0,
  };
}
