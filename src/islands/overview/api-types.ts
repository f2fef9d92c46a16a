/** The overview endpoints' response shapes (DESIGN.md, "Definitions and response shapes"). */
import type { DateRange } from '../../ui/date-range.ts';

export interface Kpi {
  value: number | null;
  previous: number | null;
  /** Relative ((v − p) / p) for amounts and counts, a difference of rates for successRate; null when undefined. */
  change: number | null;
}

export type KpiName = 'grossRevenue' | 'successRate' | 'failedRevenue' | 'attempts';

/** `currency` is null only when the marts are empty. */
export interface KpisResponse {
  range: DateRange;
  previous: DateRange;
  /** The range ends today: the previous period's last day counts up to the same time of day. */
  inProgress?: boolean;
  currency: string;
  /** uniqueSuccessRate: per payment (each payment once, by its first attempt), beside the per-attempt successRate. */
  kpis: Record<KpiName, Kpi> & { uniqueSuccessRate?: Kpi };
}

export interface DailyResponse {
  currency: string;
  dates: string[];
  revenue: number[];
  successRate: (number | null)[];
  attempts: number[];
}

export interface FailureCategory {
  category: string;
  count: number;
  failedAmount: number;
  lostRevenue: number;
  share: number;
}

export interface FailuresResponse {
  currency: string;
  categories: FailureCategory[];
}

export interface RecoveryResponse {
  currency: string;
  dates: string[];
  rate: (number | null)[];
  retried: number[];
  recovered: number[];
  current: { rate: number | null; retried: number; recovered: number };
  /** Per day: whether its retries are still landing. */
  maturing?: boolean[];
  /** Alternatively, the first maturing date. */
  maturingFrom?: string | null;
}

export interface FailureReason {
  category: string;
  declineCode: string | null;
  count: number;
  failedAmount: number;
  lostRevenue: number;
  action: string | null;
}

export interface TopFailuresResponse {
  currency: string;
  rows: FailureReason[];
  /** Failures whose coalesce(decline_code, failure_code) the decline-code mapping does not know. */
  unmapped?: { count: number; codes: { code: string | null; count: number }[] };
}

export type { BreakdownResponse, BreakdownRow } from '../../queries/acceptance-breakdown.ts';
export type { BreakdownDimension as BreakdownBy } from '../../queries/acceptance-breakdown.ts';

export interface FiltersResponse {
  currencies: string[];
}

/** The per-day maturing flags, whichever way the API marks them. */
export function maturingFlags(recovery: Pick<RecoveryResponse, 'dates' | 'maturing' | 'maturingFrom'>): boolean[] {
  if (Array.isArray(recovery.maturing) && recovery.maturing.length === recovery.dates.length) return recovery.maturing.map(Boolean);
  const from = recovery.maturingFrom;
  return recovery.dates.map((date) => typeof from === 'string' && date >= from);
}

/** GET /api/overview/alerts (README "Failure-spike alerts"); types only, nothing of the handler is bundled. */
export type { OverviewAlertEpisode as AlertEpisode, OverviewAlertsResponse as AlertsResponse } from '../../api/handlers/overview-alerts.ts';
