import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { charge } from '../../helpers/charge-fixture.ts';

const declined = (code: string, category: string, action: string, advice: string | null = null) => ({
  status: 'failed' as const, failure_code: 'card_declined', decline_code: code, failure_category: category, recovery_action: action, advice_code: advice,
});

/**
 * Retries whose hygiene the tests work out by hand (usd, 03-01..03-07; retries dated by when made):
 *   pi_h1 (cus_h1)  lost_card 03-01, lost_card again on the same card 03-02  → bad retry (1000)
 *                   then succeeded 03-03 with another card                   → fine: a new card
 *   pi_h2 (cus_h2)  generic_decline with advice do_not_try_again 03-02,
 *                   succeeded on the same card 03-04                         → bad retry (2000), only by its advice code
 *   pi_h3 (cus_h3)  insufficient_funds with advice try_again_later, retried  → fine
 *   pi_h4 (cus_h1)  stolen_card 02-20 (before the range), retried 03-05      → bad retry (1500)
 *   pi_h5 (cus_h5)  processing errors: attempts 1–9 on 02-26, 10 on 03-02, 11 on 03-06 → 2 attempts past the
 *                   recommended 9 (1 + 8 retries), 500 each
 *   pi_h6           pickup_card 03-06, retried 03-09                         → after the range
 *   pi_h7           eur: stolen_card, then a retry 03-03 that succeeded       → another currency
 *   pi_h8 (cus_h8)  lost_card (mapped do_not_retry) with advice try_again_later 03-03,
 *                   retried on the same card 03-04 (700)                     → fine: the advice code overrides the mapping
 * Retries in the range: h1b h1c h2b h3b h4b h5#10 h5#11 h8b = 8.
 */
export const RETRY_HYGIENE_ROWS: ChargeRow[] = [
  charge({ charge_id: 'ch_h1a', payment_intent_id: 'pi_h1', customer_id: 'cus_h1', created_at: '2026-03-01T09:00:00Z', ...declined('lost_card', 'fraud_risk', 'do_not_retry') }),
  charge({ charge_id: 'ch_h1b', payment_intent_id: 'pi_h1', customer_id: 'cus_h1', created_at: '2026-03-02T09:00:00Z', attempt_number: 2, ...declined('lost_card', 'fraud_risk', 'do_not_retry') }),
  charge({ charge_id: 'ch_h1c', payment_intent_id: 'pi_h1', customer_id: 'cus_h1', created_at: '2026-03-03T09:00:00Z', attempt_number: 3, card_brand: 'mastercard', card_last4: '5555' }),
  charge({ charge_id: 'ch_h2a', payment_intent_id: 'pi_h2', customer_id: 'cus_h2', created_at: '2026-03-02T10:00:00Z', amount: 2000, card_last4: '1111', ...declined('generic_decline', 'card_declined', 'contact_customer', 'do_not_try_again') }),
  charge({ charge_id: 'ch_h2b', payment_intent_id: 'pi_h2', customer_id: 'cus_h2', created_at: '2026-03-04T10:00:00Z', amount: 2000, card_last4: '1111', attempt_number: 2 }),
  charge({ charge_id: 'ch_h3a', payment_intent_id: 'pi_h3', customer_id: 'cus_h3', created_at: '2026-03-02T11:00:00Z', ...declined('insufficient_funds', 'insufficient_funds', 'contact_customer', 'try_again_later') }),
  charge({ charge_id: 'ch_h3b', payment_intent_id: 'pi_h3', customer_id: 'cus_h3', created_at: '2026-03-03T11:00:00Z', attempt_number: 2, ...declined('insufficient_funds', 'insufficient_funds', 'contact_customer', 'try_again_later') }),
  charge({ charge_id: 'ch_h4a', payment_intent_id: 'pi_h4', customer_id: 'cus_h1', created_at: '2026-02-20T12:00:00Z', amount: 1500, ...declined('stolen_card', 'fraud_risk', 'do_not_retry') }),
  charge({ charge_id: 'ch_h4b', payment_intent_id: 'pi_h4', customer_id: 'cus_h1', created_at: '2026-03-05T12:00:00Z', amount: 1500, attempt_number: 2, ...declined('stolen_card', 'fraud_risk', 'do_not_retry') }),
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => charge({
    charge_id: `ch_h5_${n}`, payment_intent_id: 'pi_h5', customer_id: 'cus_h5', created_at: `2026-02-26T0${n}:00:00Z`, amount: 500, attempt_number: n,
    status: 'failed', failure_code: 'processing_error', failure_category: 'processing_error', recovery_action: 'retry_eligible',
  })),
  charge({ charge_id: 'ch_h5_10', payment_intent_id: 'pi_h5', customer_id: 'cus_h5', created_at: '2026-03-02T13:00:00Z', amount: 500, attempt_number: 10, status: 'failed', failure_code: 'processing_error', failure_category: 'processing_error', recovery_action: 'retry_eligible' }),
  charge({ charge_id: 'ch_h5_11', payment_intent_id: 'pi_h5', customer_id: 'cus_h5', created_at: '2026-03-06T13:00:00Z', amount: 500, attempt_number: 11 }),
  charge({ charge_id: 'ch_h6a', payment_intent_id: 'pi_h6', created_at: '2026-03-06T14:00:00Z', ...declined('pickup_card', 'fraud_risk', 'do_not_retry') }),
  charge({ charge_id: 'ch_h6b', payment_intent_id: 'pi_h6', created_at: '2026-03-09T14:00:00Z', attempt_number: 2 }),
  charge({ charge_id: 'ch_h7a', payment_intent_id: 'pi_h7', currency: 'eur', created_at: '2026-03-02T15:00:00Z', ...declined('stolen_card', 'fraud_risk', 'do_not_retry') }),
  charge({ charge_id: 'ch_h7b', payment_intent_id: 'pi_h7', currency: 'eur', created_at: '2026-03-03T15:00:00Z', attempt_number: 2 }),
  charge({ charge_id: 'ch_h8a', payment_intent_id: 'pi_h8', customer_id: 'cus_h8', created_at: '2026-03-03T16:00:00Z', amount: 700, ...declined('lost_card', 'fraud_risk', 'do_not_retry', 'try_again_later') }),
  charge({ charge_id: 'ch_h8b', payment_intent_id: 'pi_h8', customer_id: 'cus_h8', created_at: '2026-03-04T16:00:00Z', amount: 700, attempt_number: 2 }),
];
