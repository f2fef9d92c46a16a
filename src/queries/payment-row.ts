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

/** The charge in full, for the detail view and the CSV export. */
export interface PaymentDetailRow extends PaymentRow {
  profileId: string | null;
  failureMessage: string | null;
}

export const PAYMENT_COLUMNS_SQL = `charge_id as "chargeId", payment_intent_id as "paymentIntentId", customer_id as "customerId",
  created_at as "createdAt", amount, currency, status, failure_code as "failureCode", decline_code as "declineCode",
  failure_category as "failureCategory", recovery_action as "recoveryAction", card_brand as "cardBrand",
  card_last4 as "cardLast4", card_country as "cardCountry", funnel, attempt_number as "attemptNumber"`;

export const PAYMENT_DETAIL_COLUMNS_SQL = `${PAYMENT_COLUMNS_SQL}, profile_id as "profileId", failure_message as "failureMessage"`;
