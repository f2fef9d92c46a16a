/**
 * Where the acceptance figures come from: the acceptance rollup (src/marts/dbt/
 * mart_stripe_payments_acceptance.sql) when it exists and can be read, else the detail mart. Both
 * give the same answers (tests/api/acceptance.test.ts runs every case both ways); the rollup reads a
 * few thousand rows where the detail query scans every charge of both periods and probes each
 * failed one's intent (1M charges: milliseconds instead of seconds, README "Benchmarks").
 */
import type { DateRange } from '../contract/calendar-date.ts';
import type { BreakdownDimension } from '../contract/overview.ts';
import { getBreakdownFromCharges, splitPeriods, type BreakdownPeriods, type BreakdownTotals } from './acceptance-breakdown.ts';
import type { MartSource } from './mart-source.ts';
import { hasReadableRollup } from './rollup-presence.ts';
import { inTwoPeriodsSql, periodOfSql, twoPeriodParams } from './two-periods-sql.ts';
import { getUniquePaymentTotals, uniqueTotalsByPeriod, type UniquePaymentTotals } from './unique-payment-totals.ts';

/** Whether the acceptance rollup exists and this role may read it (asked once a minute per database). */
export function hasAcceptanceRollup({ db, tables }: MartSource, now?: number): Promise<boolean> {
  return hasReadableRollup(db, tables.acceptance, now);
}

export async function getAcceptanceBreakdown(
  source: MartSource,
  currency: string,
  dimension: BreakdownDimension,
  current: DateRange,
  previous: DateRange,
): Promise<BreakdownPeriods> {
  if (!(await hasAcceptanceRollup(source))) return getBreakdownFromCharges(source, currency, dimension, current, previous);
  const rows = await source.db.query<BreakdownTotals & { period: 'current' | 'previous' }>(
    `select ${periodOfSql('date', 3)}                                      as period,
            value,
            sum(attempts)::bigint                                           as attempts,
            sum(succeeded)::bigint                                          as succeeded,
            sum(failed)::bigint                                             as failed,
            sum(failed_amount)::bigint                                      as "failedAmount",
            coalesce(sum(lost_revenue) filter (where date >= $4::date), 0)::bigint as "lostRevenue"
       from ${source.tables.acceptance}
      where currency = $1 and dimension = $2 and ${inTwoPeriodsSql('date', 3)}
      group by 1, 2`,
    [currency, dimension, ...twoPeriodParams(current, previous)],
  );
  return splitPeriods(rows);
}

export async function getUniquePayments(
  source: MartSource,
  currency: string,
  current: DateRange,
  previous: DateRange,
): Promise<{ current: UniquePaymentTotals; previous: UniquePaymentTotals }> {
  if (!(await hasAcceptanceRollup(source))) return getUniquePaymentTotals(source, currency, current, previous);
  const rows = await source.db.query<UniquePaymentTotals & { period: 'current' | 'previous' }>(
    `select ${periodOfSql('date', 2)}         as period,
            sum(payments)::bigint            as payments,
            sum(payments_succeeded)::bigint  as succeeded
       from ${source.tables.acceptance}
      where currency = $1 and dimension = 'all' and ${inTwoPeriodsSql('date', 2)}
      group by 1`,
    [currency, ...twoPeriodParams(current, previous)],
  );
  return uniqueTotalsByPeriod(rows);
}
