import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { inTwoPeriodsSql, periodOfSql, twoPeriodParams } from './two-periods-sql.ts';

/** Payments (not attempts) whose first attempt fell in a period: those with an outcome, and those that succeeded. */
export interface UniquePaymentTotals {
  /** Payments with at least one succeeded or failed attempt (pending-only payments are left out). */
  payments: number;
  succeeded: number;
}

/**
 * Each payment counted once, as Stripe's deduplicated rate does: a payment intent (or a charge
 * without one, which is a payment of its own) belongs to the period of its first attempt
 * (`attempt_number = 1`, as the daily mart's recovery dates it) and counts as succeeded when any
 * of its attempts ever succeeded, even after the period. Payments whose attempts are all still
 * pending have no outcome yet and are left out. Only failed or pending first attempts probe the
 * payment's other attempts (the intent indexes), so a period costs one range scan plus a probe per
 * unsuccessful first attempt.
 */
export async function getUniquePaymentTotals(
  { db, tables }: MartSource,
  currency: string,
  current: DateRange,
  previous: DateRange,
): Promise<{ current: UniquePaymentTotals; previous: UniquePaymentTotals }> {
  const rows = await db.query<UniquePaymentTotals & { period: 'current' | 'previous' }>(
    `with firsts as (
       select ${periodOfSql('f.created_at', 2)} as period,
              case
                when f.status = 'succeeded' then 'succeeded'
                when exists (select 1 from ${tables.payments} s
                              where s.payment_intent_id = f.payment_intent_id and s.status = 'succeeded') then 'succeeded'
                when f.status = 'failed' then 'failed'
                when exists (select 1 from ${tables.payments} o
                              where o.payment_intent_id = f.payment_intent_id and o.status = 'failed') then 'failed'
                else 'pending'
              end as outcome
         from ${tables.payments} f
        where f.currency = $1
          and ${inTwoPeriodsSql('f.created_at', 2)}
          and (f.attempt_number = 1 or f.payment_intent_id is null)
     )
     select period,
            count(*) filter (where outcome <> 'pending')   as payments,
            count(*) filter (where outcome = 'succeeded')  as succeeded
       from firsts
      group by 1`,
    [currency, ...twoPeriodParams(current, previous)],
  );
  return uniqueTotalsByPeriod(rows);
}

/** The two periods' totals from rows labelled by period; a period without a row had no payments. */
export function uniqueTotalsByPeriod(
  rows: Array<UniquePaymentTotals & { period: 'current' | 'previous' }>,
): { current: UniquePaymentTotals; previous: UniquePaymentTotals } {
  const pick = (period: 'current' | 'previous'): UniquePaymentTotals => {
    const row = rows.find((r) => r.period === period);
    return { payments: row?.payments ?? 0, succeeded: row?.succeeded ?? 0 };
  };
  return { current: pick('current'), previous: pick('previous') };
}
