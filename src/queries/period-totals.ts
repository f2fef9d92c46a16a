import type { DayRange, MartSource } from './mart-source.ts';

export interface PeriodTotals {
  grossRevenue: number;
  failedRevenue: number;
  attempts: number;
  succeeded: number;
  failed: number;
}

/** Daily-mart sums for a range and the period before it, in one currency, in one round trip. */
export async function getPeriodTotals(
  { db, tables }: MartSource,
  currency: string,
  current: DayRange,
  previous: DayRange,
): Promise<{ current: PeriodTotals; previous: PeriodTotals }> {
  const rows = await db.query<PeriodTotals & { period: 'current' | 'previous' }>(
    `select case when date >= $3 then 'current' else 'previous' end as period,
            coalesce(sum(gross_revenue), 0)::bigint        as "grossRevenue",
            coalesce(sum(failed_revenue), 0)::bigint       as "failedRevenue",
            coalesce(sum(total_attempts), 0)::bigint       as attempts,
            coalesce(sum(successful_payments), 0)::bigint  as succeeded,
            coalesce(sum(failed_payments), 0)::bigint      as failed
       from ${tables.daily}
      where currency = $1 and date between $2 and $4
      group by 1`,
    // The previous period ends the day before the current one starts, so one range covers both.
    [currency, previous.from, current.from, current.to],
  );
  const empty: PeriodTotals = { grossRevenue: 0, failedRevenue: 0, attempts: 0, succeeded: 0, failed: 0 };
  const pick = (period: 'current' | 'previous'): PeriodTotals => {
    const row = rows.find((r) => r.period === period);
    if (!row) return { ...empty };
    const { period: _, ...totals } = row;
    return totals;
  };
  return { current: pick('current'), previous: pick('previous') };
}
