import type { MartSource } from './mart-source.ts';
import { recoveryActionSql } from './recovery-action-sql.ts';

/**
 * The failed charges of one currency in a date range, each flagged `lost` when its payment intent
 * never succeeded (a charge without an intent is lost: nothing can recover it). Placeholders:
 * $1 currency, $2 first day, $3 last day (reporting-zone dates: the session's TimeZone is the
 * reporting zone, so `$2::date` is local midnight). The partial index on failed charges serves
 * the range; the intent index answers each "did it ever succeed" probe. `mapping_code` is the key
 * the decline-code mapping is joined on: coalesce(decline_code, failure_code), because Stripe often
 * sends no decline code with expired_card, incorrect_cvc or processing_error. `recovery_action` is
 * the advice code's action where the mart has one.
 */
export function failedChargesCte(source: Pick<MartSource, 'tables' | 'adviceCode'>): string {
  const payments = source.tables.payments;
  return `failed as (
    select f.failure_category, coalesce(f.decline_code, f.failure_code) as mapping_code,
           ${recoveryActionSql(source, 'f.')} as recovery_action, f.amount,
           not exists (
             select 1 from ${payments} s
              where s.payment_intent_id = f.payment_intent_id and s.status = 'succeeded'
           ) as lost
      from ${payments} f
     where f.status = 'failed'
       and f.currency = $1
       and f.created_at >= $2::date
       and f.created_at < $3::date + 1
  )`;
}
