import type { ChargeRow } from '../../src/marts/charge-row.ts';

/** A ChargeRow with neutral defaults, so fixtures spell out only what a test is about. */
export function charge(overrides: Partial<ChargeRow> & Pick<ChargeRow, 'charge_id' | 'created_at'>): ChargeRow {
  return {
    payment_intent_id: null,
    customer_id: 'cus_default',
    profile_id: null,
    amount: 1000,
    currency: 'usd',
    status: 'succeeded',
    failure_code: null,
    decline_code: null,
    failure_message: null,
    failure_category: null,
    recovery_action: null,
    card_brand: 'visa',
    card_last4: '4242',
    card_country: 'US',
    funnel: 'checkout',
    attempt_number: 1,
    ...overrides,
  };
}
