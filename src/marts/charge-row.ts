/** One row of mart_stripe_payments as the seed writes it (snake_case, as in the table). */
export interface ChargeRow {
  charge_id: string;
  payment_intent_id: string | null;
  customer_id: string | null;
  profile_id: string | null;
  /** ISO 8601 with offset. */
  created_at: string;
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed' | 'pending';
  failure_code: string | null;
  decline_code: string | null;
  failure_message: string | null;
  failure_category: string | null;
  recovery_action: string | null;
  card_brand: string | null;
  card_last4: string | null;
  card_country: string | null;
  funnel: string | null;
  attempt_number: number;
  /** Stripe `outcome.advice_code`: an optional column of the mart (absent = null). */
  advice_code?: string | null;
}

/** The columns every mart_stripe_payments has, in the order the loaders write them. */
export const CHARGE_COLUMNS = [
  'charge_id', 'payment_intent_id', 'customer_id', 'profile_id', 'created_at', 'amount', 'currency', 'status',
  'failure_code', 'decline_code', 'failure_message', 'failure_category', 'recovery_action',
  'card_brand', 'card_last4', 'card_country', 'funnel', 'attempt_number',
] as const satisfies readonly (keyof ChargeRow)[];

/** What the seed writes: the required columns and the optional advice_code (schema.sql has it). */
export const SEEDED_CHARGE_COLUMNS = [...CHARGE_COLUMNS, 'advice_code'] as const satisfies readonly (keyof ChargeRow)[];
