import { RECOMMENDED_MAX_ATTEMPTS } from '../marts/recovery-advice.ts';
import type { MartSource } from './mart-source.ts';
import { recoveryActionSql } from './recovery-action-sql.ts';

/**
 * The two kinds of retry that break the rules, as SQL conditions on a row of the payments mart,
 * shared by the Overview's retry-hygiene section and the explorer's `hygiene` filter so that each
 * number opens exactly its payments.
 *
 * - after_hard_decline: a later attempt of an intent, on the same card (brand and last 4), after an
 *   earlier attempt of it failed with a do-not-retry action (the mapped decline code, or Stripe's
 *   advice code do_not_try_again). Networks charge for such reattempts (Visa category 1,
 *   Mastercard "do not try again"); an attempt with another card is what Stripe asks for instead.
 * - past_max_attempts: an attempt beyond Stripe's recommended maximum of eight retries.
 */
export const RETRY_HYGIENE_FILTERS = ['after_hard_decline', 'past_max_attempts'] as const;
export type RetryHygieneFilter = (typeof RETRY_HYGIENE_FILTERS)[number];

export function afterHardDeclineSql(source: Pick<MartSource, 'tables' | 'adviceCode'>): string {
  // The row under test is named by its unaliased table (the quoted, qualified name), so the
  // subquery's alias `earlier` cannot shadow it.
  const row = source.tables.payments;
  return `(${row}.payment_intent_id is not null and ${row}.attempt_number > 1 and exists (
    select 1 from ${source.tables.payments} earlier
     where earlier.payment_intent_id = ${row}.payment_intent_id
       and earlier.attempt_number < ${row}.attempt_number
       and earlier.status = 'failed'
       and earlier.card_brand is not distinct from ${row}.card_brand
       and earlier.card_last4 is not distinct from ${row}.card_last4
       and ${recoveryActionSql(source, 'earlier.')} = 'do_not_retry'))`;
}

export function pastMaxAttemptsSql(row: string): string {
  return `(${row}.payment_intent_id is not null and ${row}.attempt_number > ${RECOMMENDED_MAX_ATTEMPTS})`;
}

export function retryHygieneSql(filter: RetryHygieneFilter, source: Pick<MartSource, 'tables' | 'adviceCode'>): string {
  return filter === 'after_hard_decline' ? afterHardDeclineSql(source) : pastMaxAttemptsSql(source.tables.payments);
}
