import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { charge } from '../../helpers/charge-fixture.ts';

/**
 * Payments whose per-attempt and per-payment success rates, and whose breakdown by every
 * dimension, tests/api/acceptance.test.ts works out by hand. Range 2026-03-01..03-07 (usd),
 * previous period 2026-02-22..02-28, reporting zone UTC, clock frozen at NOW (payments-fixture.ts).
 *
 *   pi_A   03-01 succeeded at once
 *   pi_B   03-01 failed, retried 03-02, succeeded               (recovered)
 *   pi_C   03-02 failed, retried 03-03, failed                  (never recovered: lost)
 *   ch_6   03-03 failed, no intent                              (its own payment: lost)
 *   pi_D   03-04 pending only                                   (no outcome: left out per payment)
 *   pi_E   03-05 failed, succeeded 03-10, after the range       (recovered: not lost)
 *   pi_F   03-06 pending, then failed the same day              (has an outcome: failed, lost)
 *   pi_G   02-27 failed, succeeded 03-01                        (a payment of the previous period)
 *   ch_14  03-07 succeeded, no intent, no brand, country or funnel
 *   pi_P1, pi_P2   previous period: one succeeded, one failed and never retried
 *   ch_0   before both periods; ch_17 eur: never counted for usd
 */
const failed = (category: string, amount: number) => ({ status: 'failed' as const, failure_category: category, failure_code: 'card_declined', amount });

export const ACCEPTANCE_CHARGES: ChargeRow[] = [
  charge({ charge_id: 'ch_0', payment_intent_id: 'pi_0', created_at: '2026-02-10T10:00:00Z' }),
  charge({ charge_id: 'ch_12', payment_intent_id: 'pi_G', created_at: '2026-02-27T10:00:00Z', ...failed('card_declined', 1200) }),
  charge({ charge_id: 'ch_15', payment_intent_id: 'pi_P1', created_at: '2026-02-25T10:00:00Z', amount: 1000 }),
  charge({ charge_id: 'ch_16', payment_intent_id: 'pi_P2', created_at: '2026-02-26T10:00:00Z', card_brand: 'mastercard', card_country: 'GB', funnel: 'renewal', ...failed('insufficient_funds', 800) }),

  charge({ charge_id: 'ch_1', payment_intent_id: 'pi_A', created_at: '2026-03-01T09:00:00Z', amount: 1000 }),
  charge({ charge_id: 'ch_13', payment_intent_id: 'pi_G', created_at: '2026-03-01T10:00:00Z', amount: 1200, attempt_number: 2 }),
  charge({ charge_id: 'ch_2', payment_intent_id: 'pi_B', created_at: '2026-03-01T11:00:00Z', card_brand: 'mastercard', card_country: 'GB', funnel: 'renewal', ...failed('insufficient_funds', 2000) }),
  charge({ charge_id: 'ch_3', payment_intent_id: 'pi_B', created_at: '2026-03-02T09:00:00Z', card_brand: 'mastercard', card_country: 'GB', funnel: 'renewal', amount: 2000, attempt_number: 2 }),
  charge({ charge_id: 'ch_4', payment_intent_id: 'pi_C', created_at: '2026-03-02T12:00:00Z', ...failed('card_declined', 3000) }),
  charge({ charge_id: 'ch_5', payment_intent_id: 'pi_C', created_at: '2026-03-03T12:00:00Z', attempt_number: 2, ...failed('card_declined', 3000) }),
  charge({ charge_id: 'ch_6', payment_intent_id: null, created_at: '2026-03-03T09:00:00Z', card_brand: 'amex', card_country: null, funnel: null, ...failed('expired_card', 700) }),
  charge({ charge_id: 'ch_7', payment_intent_id: 'pi_D', created_at: '2026-03-04T08:00:00Z', amount: 500, status: 'pending', card_brand: 'amex', funnel: 'upgrade' }),
  charge({ charge_id: 'ch_8', payment_intent_id: 'pi_E', created_at: '2026-03-05T10:00:00Z', card_country: 'DE', ...failed('processing_error', 1500) }),
  charge({ charge_id: 'ch_9', payment_intent_id: 'pi_E', created_at: '2026-03-10T10:00:00Z', card_country: 'DE', amount: 1500, attempt_number: 2 }),
  charge({ charge_id: 'ch_10', payment_intent_id: 'pi_F', created_at: '2026-03-06T10:00:00Z', amount: 600, status: 'pending' }),
  charge({ charge_id: 'ch_11', payment_intent_id: 'pi_F', created_at: '2026-03-06T11:00:00Z', attempt_number: 2, ...failed('fraud_risk', 600) }),
  charge({ charge_id: 'ch_14', payment_intent_id: null, created_at: '2026-03-07T23:59:59Z', amount: 800, card_brand: null, card_last4: null, card_country: null, funnel: null }),
  charge({ charge_id: 'ch_17', payment_intent_id: 'pi_X', created_at: '2026-03-02T10:00:00Z', amount: 5000, currency: 'eur', card_country: 'FR' }),
];
