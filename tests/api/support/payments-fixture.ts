import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { charge } from '../../helpers/charge-fixture.ts';

/**
 * A small, hand-built payments history whose every answer the tests work out by hand (see the
 * comments in tests/api/overview.test.ts). Reporting zone UTC; the clock is frozen at NOW.
 *
 * Range under test 2026-03-01..03-07 (usd), previous period 2026-02-22..02-28.
 *   pi_B  failed 03-01, recovered 03-02           (insufficient_funds: not lost)
 *   pi_C  failed 03-02, retried 03-03, failed     (card_declined: lost twice)
 *   ch_a07 failed 03-03 without an intent         (expired_card: lost)
 *   pi_H  failed 03-05, never retried             (no category → other: lost)
 *   pi_F  failed 03-06, recovered 03-10, after the range (not lost; recovery dated 03-06)
 *   ch_a08 and ch_a09 share one created_at; ch_t1..t5 share another and an amount.
 */
export const NOW = new Date('2026-03-20T12:00:00Z');

const failedFields = (category: string | null, declineCode: string | null, failureCode: string, action: string | null) => ({
  status: 'failed' as const,
  failure_category: category,
  decline_code: declineCode,
  failure_code: failureCode,
  recovery_action: action,
});

export const FIXTURE_CHARGES: ChargeRow[] = [
  // Before both periods: must never be counted.
  charge({ charge_id: 'ch_p00', payment_intent_id: 'pi_P0', created_at: '2026-02-10T10:00:00Z', amount: 9999 }),
  // Previous period (02-22..02-28): one succeeded, one failed and never retried.
  charge({ charge_id: 'ch_p01', payment_intent_id: 'pi_P1', created_at: '2026-02-25T10:00:00Z', amount: 1000 }),
  charge({ charge_id: 'ch_p02', payment_intent_id: 'pi_P2', created_at: '2026-02-26T10:00:00Z', amount: 800, ...failedFields('insufficient_funds', 'insufficient_funds', 'card_declined', 'retry_eligible') }),
  // Current period, usd.
  charge({ charge_id: 'ch_a01', payment_intent_id: 'pi_A', customer_id: 'cus_alpha', created_at: '2026-03-01T10:00:00Z', amount: 1000 }),
  charge({ charge_id: 'ch_a02', payment_intent_id: 'pi_B', customer_id: 'cus_beta', created_at: '2026-03-01T11:00:00Z', amount: 2000, funnel: 'renewal', card_brand: 'mastercard', ...failedFields('insufficient_funds', 'insufficient_funds', 'card_declined', 'retry_eligible') }),
  charge({ charge_id: 'ch_a03', payment_intent_id: 'pi_B', customer_id: 'cus_beta', created_at: '2026-03-02T09:00:00Z', amount: 2000, funnel: 'renewal', card_brand: 'mastercard', attempt_number: 2 }),
  charge({ charge_id: 'ch_a04', payment_intent_id: 'pi_C', customer_id: 'cus_gamma', profile_id: '@prof', created_at: '2026-03-02T12:00:00Z', amount: 3000, ...failedFields('card_declined', 'do_not_honor', 'card_declined', 'contact_customer') }),
  charge({ charge_id: 'ch_a05', payment_intent_id: 'pi_C', customer_id: 'cus_gamma', profile_id: '-5', created_at: '2026-03-03T12:00:00Z', amount: 3000, attempt_number: 2, failure_message: 'Your card was declined.', ...failedFields('card_declined', 'do_not_honor', 'card_declined', 'contact_customer') }),
  charge({ charge_id: 'ch_a06', payment_intent_id: 'pi_D', customer_id: 'cus_delta', created_at: '2026-03-04T08:00:00Z', amount: 500, status: 'pending', funnel: 'upgrade', card_brand: 'amex' }),
  charge({ charge_id: 'ch_a07', payment_intent_id: null, customer_id: 'cus_alpha', created_at: '2026-03-03T09:00:00Z', amount: 700, failure_message: 'Expired, "old"\ncard', ...failedFields('expired_card', 'expired_card', 'expired_card', 'request_card') }),
  charge({ charge_id: 'ch_a08', payment_intent_id: 'pi_E', customer_id: 'cus_epsilon', created_at: '2026-03-06T10:00:00Z', amount: 4000 }),
  charge({ charge_id: 'ch_a09', payment_intent_id: 'pi_F', customer_id: 'cus_beta', created_at: '2026-03-06T10:00:00Z', amount: 1500, funnel: 'renewal', card_brand: 'mastercard', failure_message: '\tTabbed', ...failedFields('insufficient_funds', 'insufficient_funds', 'card_declined', 'retry_eligible') }),
  charge({ charge_id: 'ch_a10', payment_intent_id: 'pi_F', customer_id: 'cus_beta', created_at: '2026-03-10T10:00:00Z', amount: 1500, funnel: 'renewal', card_brand: 'mastercard', attempt_number: 2 }),
  charge({ charge_id: 'ch_a11', payment_intent_id: 'pi_G', customer_id: 'cus_zeta', created_at: '2026-03-07T23:59:59Z', amount: 2500 }),
  charge({ charge_id: 'ch_a12', payment_intent_id: 'pi_H', customer_id: 'cus_eta', created_at: '2026-03-05T10:00:00Z', amount: 900, failure_message: '=1+2', ...failedFields(null, null, 'processing_error', null) }),
  // Current period, jpy: more revenue in minor units than usd, fewer payments.
  charge({ charge_id: 'ch_j01', payment_intent_id: 'pi_J1', customer_id: 'cus_kanji', created_at: '2026-03-02T05:00:00Z', amount: 120000, currency: 'jpy', card_brand: 'jcb', card_country: 'JP' }),
  charge({ charge_id: 'ch_j02', payment_intent_id: 'pi_J2', customer_id: 'cus_kanji', created_at: '2026-03-03T05:00:00Z', amount: 5000, currency: 'jpy', card_brand: 'jcb', card_country: 'JP', ...failedFields('card_declined', 'generic_decline', 'card_declined', 'retry_eligible') }),
  // Five payments in the same second with the same amount, for stable pagination.
  ...[1, 2, 3, 4, 5].map((n) => charge({ charge_id: `ch_t${n}`, payment_intent_id: `pi_T${n}`, customer_id: 'cus_tie', created_at: '2026-03-12T08:00:00Z', amount: 100 })),
];
