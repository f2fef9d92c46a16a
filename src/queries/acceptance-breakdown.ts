import type { DateRange } from '../contract/calendar-date.ts';
import type { BreakdownDimension } from '../contract/overview.ts';
import type { MartSource } from './mart-source.ts';
import { inTwoPeriodsSql, periodOfSql, twoPeriodParams } from './two-periods-sql.ts';

/** One value's charges in one period; `value` is null for charges without one. */
export interface BreakdownTotals {
  value: string | null;
  attempts: number;
  succeeded: number;
  failed: number;
  failedAmount: number;
  /** Failed amounts whose payment intent never succeeded (current period only; 0 for the previous). */
  lostRevenue: number;
}

export interface BreakdownPeriods {
  current: BreakdownTotals[];
  previous: BreakdownTotals[];
}

/**
 * Per value of `dimension`: the charges of the range and of the period before it, in one currency,
 * in one scan of both periods. Lost revenue asks, for each failed charge of the range, whether its
 * intent ever succeeded (as the failure breakdown does; a charge without an intent is lost).
 * `dimension` is one of BREAKDOWN_DIMENSIONS, so the column name placed in the SQL is one of four
 * fixed identifiers, never request text.
 */
export async function getBreakdownFromCharges(
  { db, tables }: MartSource,
  currency: string,
  dimension: BreakdownDimension,
  current: DateRange,
  previous: DateRange,
): Promise<BreakdownPeriods> {
  const rows = await db.query<BreakdownTotals & { period: 'current' | 'previous' }>(
    `select ${periodOfSql('c.created_at', 2)}                                    as period,
            c.${dimension}                                                          as value,
            count(*)                                                                as attempts,
            count(*) filter (where c.status = 'succeeded')                          as succeeded,
            count(*) filter (where c.status = 'failed')                             as failed,
            coalesce(sum(c.amount) filter (where c.status = 'failed'), 0)::bigint   as "failedAmount",
            coalesce(sum(c.amount) filter (
              where c.status = 'failed' and c.created_at >= $3::date and not exists (
                select 1 from ${tables.payments} s
                 where s.payment_intent_id = c.payment_intent_id and s.status = 'succeeded')
            ), 0)::bigint                                                           as "lostRevenue"
       from ${tables.payments} c
      where c.currency = $1
        and ${inTwoPeriodsSql('c.created_at', 2)}
      group by 1, 2`,
    [currency, ...twoPeriodParams(current, previous)],
  );
  return splitPeriods(rows);
}

export function splitPeriods(rows: Array<BreakdownTotals & { period: 'current' | 'previous' }>): BreakdownPeriods {
  const periods: BreakdownPeriods = { current: [], previous: [] };
  for (const { period, ...totals } of rows) periods[period].push(totals);
  return periods;
}
