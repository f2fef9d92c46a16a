import type { MartSource } from './mart-source.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';

/** One charge as the payments API returns it (DESIGN.md "payments" rows). */
export interface PaymentRow {
  chargeId: string;
  paymentIntentId: string | null;
  customerId: string | null;
  /** ISO 8601 with the reporting zone's offset. */
  createdAt: string;
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed' | 'pending';
  failureCode: string | null;
  declineCode: string | null;
  failureCategory: string | null;
  recoveryAction: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  cardCountry: string | null;
  funnel: string | null;
  attemptNumber: number;
}

/** The charge in full, for the detail view. */
export interface PaymentDetailRow extends PaymentRow {
  profileId: string | null;
  failureMessage: string | null;
  /** Stripe `outcome.advice_code`; null when absent or when the mart has no such column. */
  adviceCode: string | null;
}

/** A row's columns; `recoveryAction` is the advice code's action where there is one (recovery-action-sql.ts). */
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
