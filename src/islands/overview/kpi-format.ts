/**
 * How each KPI reads: its value in the right unit and its change vs the previous period, with the
 * direction and whether that is good news. Pure, so the browser test formats the API's numbers
 * with exactly this code and compares with the screen.
 */
import { directionOf, formatCount, formatPercent, formatPoints, formatRelativeChange, sentimentOf, type Direction, type Sentiment } from '../../ui/format.ts';
import { formatMoney } from '../../contract/money.ts';
import type { Kpi, KpiName } from '../../contract/overview.ts';

export interface KpiSpec {
  name: KpiName;
  label: string;
  kind: 'money' | 'rate' | 'count';
  /** More failed revenue is bad; more attempts is neither. */
  upIs: 'good' | 'bad' | 'neutral';
  /** What the figure counts that a reader would not guess, shown beside the label. */
  hint?: { short: string; long: string };
}

/** Pending charges have no outcome yet: the rate leaves them out, the attempt count does not. */
const PENDING_HINTS = {
  successRate: { short: 'pending left out', long: 'Succeeded ÷ (succeeded + failed): pending payments have no outcome yet and are left out, while Attempts counts them.' },
  attempts: { short: 'pending counted', long: 'Every attempt in the range, pending ones included (the success rate leaves those out).' },
};

export const KPI_SPECS: readonly KpiSpec[] = [
  { name: 'grossRevenue', label: 'Gross revenue', kind: 'money', upIs: 'good' },
  { name: 'successRate', label: 'Success rate', kind: 'rate', upIs: 'good', hint: PENDING_HINTS.successRate },
  { name: 'failedRevenue', label: 'Failed revenue', kind: 'money', upIs: 'bad' },
  { name: 'attempts', label: 'Attempts', kind: 'count', upIs: 'neutral', hint: PENDING_HINTS.attempts },
];

/** The per-payment success rate, shown inside the success-rate card rather than as a card of its own. */
export const PER_PAYMENT_SPEC: KpiSpec = { name: 'successRate', label: 'Success rate per payment', kind: 'rate', upIs: 'good' };

export function formatKpiValue(spec: Pick<KpiSpec, 'kind'>, value: number | null, currency: string, locale?: string): string {
  if (value == null) return '—';
  switch (spec.kind) {
    case 'money':
      return formatMoney(value, currency, { locale });
    case 'rate':
      return formatPercent(value, { locale });
    case 'count':
      return formatCount(value, { locale });
  }
}

export interface KpiChange {
  text: string;
  direction: Direction;
  sentiment: Sentiment;
  /** For screen readers: "better", "worse" or "". */
  verdict: string;
}

/** null when there is nothing to compare with (previous value 0 or missing). */
export function describeKpiChange(spec: Pick<KpiSpec, 'kind' | 'upIs'>, kpi: Kpi, locale?: string): KpiChange | null {
  if (kpi.change == null || !Number.isFinite(kpi.change)) return null;
  // Below half of the last shown digit (0.05 % or 0.05 pts) the change reads as 0.0: call it flat.
  const direction = directionOf(kpi.change, 0.0005);
  const sentiment = sentimentOf(direction, spec.upIs);
  const text = spec.kind === 'rate' ? formatPoints(kpi.change, { locale }) : formatRelativeChange(kpi.change, { locale });
  return { text, direction, sentiment, verdict: sentiment === 'good' ? 'better' : sentiment === 'bad' ? 'worse' : '' };
}

export const DIRECTION_ARROWS: Readonly<Record<Direction, string>> = { up: '▲', down: '▼', flat: '▶' };
