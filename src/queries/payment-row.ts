import type { MartSource } from './mart-source.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';

/**
 * The payments mart's columns under the API's names (src/contract/payments.ts PaymentRow,
 * PaymentDetailRow); `recoveryAction` is the advice code's action where there is one (recovery-action-sql.ts).
 */
export function paymentColumnsSql(source: Pick<MartSource, 'adviceCode'>): string {
  return `charge_id as "chargeId", payment_intent_id as "paymentIntentId", customer_id as "customerId",
  created_at as "createdAt", amount, currency, status, failure_code as "failureCode", decline_code as "declineCode",
  failure_category as "failureCategory", ${recoveryActionSql(source)} as "recoveryAction", card_brand as "cardBrand",
  card_last4 as "cardLast4", card_country as "cardCountry", funnel, attempt_number as "attemptNumber"`;
}

export function paymentDetailColumnsSql(source: Pick<MartSource, 'adviceCode'>): string {
  return `${paymentColumnsSql(source)}, profile_id as "profileId", failure_message as "failureMessage",
  ${adviceCodeSql(source)} as "adviceCode"`;
}
