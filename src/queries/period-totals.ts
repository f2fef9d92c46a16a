import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';

export interface PeriodTotals {
  grossRevenue: number;
  failedRevenue: number;
  attempts: number;
  succeeded: number;
  failed: number;
}

/**
 * Where the previous period stops when the current one is still in progress: its last day only
 * up to the time of day it is now (in the reporting zone). `now` is the instant, `today` its date.
 */
export interface PreviousCut {
  now: Date;
  today: string;
}

/**
 * Daily-mart sums for a range and the period before it, in one currency, in one round trip. With
 * `cut`, the previous period's last day is summed from the detail mart up to the same time of day
 * as now, so a day in progress is compared with the same part of a day, not a whole one.
 */
export async function getPeriodTotals(
  { db, tables }: MartSource,
  currency: string,
  current: DateRange,
  previous: DateRange,
  cut?: PreviousCut,
): Promise<{ current: PeriodTotals; previous: PeriodTotals }> {
  const params: unknown[] = [currency, previous.from, current.from, current.to, previous.to];
  let partialDay = '';
  if (cut) {
    params.push(cut.now.toISOString(), cut.today);
    // The session TimeZone is the reporting zone: `date + (now - today)` is that time of day on it.
    partialDay = `
      union all
      select 'previous',
             coalesce(sum(amount) filter (where status = 'succeeded'), 0),
             coalesce(sum(amount) filter (where status = 'failed'), 0),
             count(*),
             count(*) filter (where status = 'succeeded'),
             count(*) filter (where status = 'failed')
        from ${tables.payments}
       where currency = $1
         and created_at >= $5::date
         and created_at < $5::date + ($6::timestamptz - $7::date::timestamptz)`;
  }
  const rows = await db.query<PeriodTotals & { period: 'current' | 'previous' }>(
    `select period,
            sum(gross)::bigint      as "grossRevenue",
            sum(failed_rev)::bigint as "failedRevenue",
            sum(attempts)::bigint   as attempts,
            sum(succeeded)::bigint  as succeeded,
            sum(failed)::bigint     as failed
       from (
         select case when date >= $3 then 'current' else 'previous' end as period,
                gross_revenue as gross, failed_revenue as failed_rev, total_attempts as attempts,
                successful_payments as succeeded, failed_payments as failed
           from ${tables.daily}
          where currency = $1
            and (date between $3 and $4 or date between $2 and $5)${cut ? ' and date <> $5::date' : ''}
         ${partialDay}
       ) sums
      group by period`,
    params,
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
