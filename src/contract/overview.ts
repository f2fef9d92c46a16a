/**
 * The overview endpoints' response shapes (DESIGN.md, "Definitions and response shapes"): the
 * handlers declare their bodies with `satisfies`, the Overview island reads them, so a field that
 * changes on one side fails the typecheck on the other. Money is in minor units of `currency`;
 * rates are fractions.
 */
import type { DateRange, IsoDate } from './calendar-date.ts';

/** Every overview section's currency: the one asked for, else the range's busiest; null only when the marts hold no payments. */
export interface InCurrency {
  currency: string | null;
}

/** A section's answer once there is data to show (its currency is known). */
export type WithCurrency<T extends InCurrency> = T & { currency: string };

export function hasCurrency<T extends InCurrency>(data: T): data is WithCurrency<T> {
  return data.currency !== null;
}

export interface Kpi {
  value: number | null;
  previous: number | null;
  /** Relative ((v − p) / p) for amounts and counts, a difference of rates for successRate; null when undefined. */
  change: number | null;
  /** Why there is no value although the range has data (a limit the range exceeds). */
  unavailable?: string;
}

/** successRate is per attempt; uniqueSuccessRate per payment (each intent once, by its first attempt). */
export type KpiName = 'grossRevenue' | 'successRate' | 'uniqueSuccessRate' | 'failedRevenue' | 'attempts';

export interface KpisResponse extends InCurrency {
  range: DateRange;
  previous: DateRange;
  /** The range ends today: the previous period's last day counts up to the same time of day. */
  inProgress?: boolean;
  kpis: Record<KpiName, Kpi>;
}

/** Columnar, one entry per day of the range; successRate null on days without a settled charge. */
export interface DailyResponse extends InCurrency {
  dates: IsoDate[];
  revenue: number[];
  successRate: (number | null)[];
  attempts: number[];
}

export interface FailureCategory {
  category: string;
  count: number;
  failedAmount: number;
  lostRevenue: number;
  /** Of the range's failed charges, by count. */
  share: number;
}

export interface FailuresResponse extends InCurrency {
  categories: FailureCategory[];
}

export interface RecoveryResponse extends InCurrency {
  /** By the date of the intent's first failure. */
  dates: IsoDate[];
  rate: (number | null)[];
  retried: number[];
  recovered: number[];
  current: { rate: number | null; retried: number; recovered: number };
  /** The first date whose retries may still be landing. */
  maturingFrom: IsoDate;
  /** Per day: whether its retries are still landing (date ≥ maturingFrom). */
  maturing: boolean[];
}

export interface FailureReason {
  category: string;
  declineCode: string | null;
  count: number;
  failedAmount: number;
  lostRevenue: number;
  action: string | null;
}

export interface TopFailuresResponse extends InCurrency {
  rows: FailureReason[];
  /** Failures whose coalesce(decline_code, failure_code) the decline-code mapping does not know. */
  unmapped: { count: number; codes: { code: string | null; count: number }[] };
}

/** The dimensions the success rate can be broken down by, each a column of the detail mart. */
export const BREAKDOWN_DIMENSIONS = ['card_brand', 'card_country', 'funnel', 'failure_category'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

/** One value of the dimension (null: charges without one), beside its own previous period. */
export interface BreakdownRow {
  value: string | null;
  attempts: number;
  succeeded: number;
  failed: number;
  successRate: number | null;
  failedAmount: number;
  lostRevenue: number;
  previous: { attempts: number; successRate: number | null };
}

export interface BreakdownResponse extends InCurrency {
  by: BreakdownDimension;
  rows: BreakdownRow[];
}

/** GET /api/overview/retry-hygiene. */
export interface RetryHygieneResponse {
  currency: string | null;
  recommendedMaxRetries: number;
  recommendedMaxAttempts: number;
  retries: number;
  afterHardDecline: { attempts: number; intents: number; customers: number; amount: number; succeeded: number };
  pastMaxAttempts: { attempts: number; intents: number; amount: number };
}
