import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { loadDeclineCodeMapping } from '../../src/marts/decline-codes.ts';
import { charge } from '../helpers/charge-fixture.ts';
import type { RawCharge } from './raw-loaders.ts';

/**
 * Raw charges covering what the models must get right, and — written out by hand — the
 * mart_stripe_payments rows they must become. The only thing taken from elsewhere is the decline
 * mapping's category and action (the seed is data another issue curates; what is tested here is
 * the rule: looked up by coalesce(decline_code, failure_code), on failed charges only).
 */
export type BuiltRow = ChargeRow & { advice_code: string | null };

function raw(overrides: Partial<RawCharge> & Pick<RawCharge, 'id' | 'created'>): RawCharge {
  return {
    paymentIntent: null,
    customer: 'cus_default',
    amount: 1000,
    currency: 'usd',
    status: 'succeeded',
    failureCode: null,
    failureMessage: null,
    outcomeReason: null,
    adviceCode: null,
    livemode: true,
    metadata: { funnel: 'checkout' },
    card: { paymentMethod: `pm_${overrides.id.slice(3)}`, brand: 'Visa', last4: '4242', country: 'US' },
    ...overrides,
  };
}

function row(overrides: Partial<BuiltRow> & Pick<BuiltRow, 'charge_id' | 'created_at'>): BuiltRow {
  return { ...charge(overrides), advice_code: overrides.advice_code ?? null };
}

/** Category and action the shipped mapping gives a code (which must be in it). */
function mapped(code: string): Pick<ChargeRow, 'failure_category' | 'recovery_action'> {
  const entry = loadDeclineCodeMapping().get(code);
  if (!entry) throw new Error(`the decline mapping has no ${code}`);
  return { failure_category: entry.failureCategory, recovery_action: entry.recoveryAction };
}

const DECLINED = 'Your card was declined.';
const LONG_PROFILE = 'p'.repeat(500);
const ODD_PROFILE = 'tab\there "quoted" \\ back\nnewline ✓ 🚀';

export const RAW_CHARGES: RawCharge[] = [
  // An intent retried twice and recovered.
  raw({ id: 'ch_rec_1', paymentIntent: 'pi_rec', customer: 'cus_a', created: '2026-03-02T09:00:00Z', status: 'failed', failureCode: 'card_declined', failureMessage: 'Your card has insufficient funds.', outcomeReason: 'insufficient_funds', metadata: { funnel: 'renewal', profile_id: 'user_a' }, card: { paymentMethod: 'pm_a', brand: 'Visa', last4: '1111', country: 'US' } }),
  raw({ id: 'ch_rec_2', paymentIntent: 'pi_rec', customer: 'cus_a', created: '2026-03-04T09:00:00Z', status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'do_not_honor', adviceCode: 'try_again_later', metadata: { funnel: 'renewal', profile_id: 'user_a' }, card: { paymentMethod: 'pm_a', brand: 'Visa', last4: '1111', country: 'US' } }),
  raw({ id: 'ch_rec_3', paymentIntent: 'pi_rec', customer: 'cus_a', created: '2026-03-06T09:00:00Z', metadata: { funnel: 'renewal', profile_id: 'user_a' }, card: { paymentMethod: 'pm_a', brand: 'Visa', last4: '1111', country: 'US' } }),
  // An intent retried and never recovered; Stripe advised against the retry.
  raw({ id: 'ch_lost_1', paymentIntent: 'pi_lost', customer: 'cus_b', created: '2026-03-03T12:00:00Z', amount: 2500, status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'generic_decline', metadata: { profile_id: 'user_b' }, card: { paymentMethod: 'pm_b', brand: 'MasterCard', last4: '4444', country: 'GB' } }),
  raw({ id: 'ch_lost_2', paymentIntent: 'pi_lost', customer: 'cus_b', created: '2026-03-05T12:00:00Z', amount: 2500, status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'do_not_honor', adviceCode: 'do_not_try_again', metadata: { profile_id: 'user_b' }, card: { paymentMethod: 'pm_b', brand: 'MasterCard', last4: '4444', country: 'GB' } }),
  // One attempt, another currency.
  raw({ id: 'ch_one', paymentIntent: 'pi_one', customer: 'cus_c', created: '2026-03-03T15:00:00Z', amount: 4900, currency: 'eur', card: { paymentMethod: 'pm_c', brand: 'American Express', last4: '0005', country: 'FR' } }),
  // Charges without an intent: each is attempt 1.
  raw({ id: 'ch_solo_ok', customer: null, created: '2026-03-04T08:00:00Z', card: { paymentMethod: 'pm_d', brand: 'Discover', last4: '1117', country: 'US' } }),
  raw({ id: 'ch_solo_no', created: '2026-03-04T08:30:00Z', status: 'failed', failureCode: 'incorrect_cvc', failureMessage: "Your card's security code is incorrect.", card: { paymentMethod: 'pm_e', brand: 'JCB', last4: '0000', country: 'JP' } }),
  // No card at all (a bank debit), and a failure that came without an outcome reason.
  raw({ id: 'ch_nocard', paymentIntent: 'pi_nocard', created: '2026-03-05T10:00:00Z', status: 'failed', failureCode: 'processing_error', failureMessage: 'An error occurred while processing your card.', card: null }),
  raw({ id: 'ch_expired', paymentIntent: 'pi_expired', created: '2026-03-05T11:00:00Z', status: 'failed', failureCode: 'expired_card', failureMessage: 'Your card has expired.', card: { paymentMethod: 'pm_f', brand: 'Diners Club', last4: '0004', country: 'us' } }),
  // An issuer reason the mapping does not know: no category, no action.
  raw({ id: 'ch_unmapped', paymentIntent: 'pi_unmapped', created: '2026-03-05T12:00:00Z', status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'some_future_code' }),
  // Test mode: never in the mart.
  raw({ id: 'ch_test_1', paymentIntent: 'pi_test', created: '2026-03-05T13:00:00Z', livemode: false }),
  raw({ id: 'ch_test_2', created: '2026-03-05T13:05:00Z', livemode: false, status: 'failed', failureCode: 'card_declined', outcomeReason: 'insufficient_funds' }),
  // Hostile metadata values.
  raw({ id: 'ch_hostile_1', created: '2026-03-06T10:00:00Z', metadata: { funnel: "'); drop table stripe.charge; --", profile_id: '<script>alert(1)</script>' } }),
  raw({ id: 'ch_hostile_2', created: '2026-03-06T10:01:00Z', metadata: { funnel: '', profile_id: ODD_PROFILE } }),
  raw({ id: 'ch_hostile_3', created: '2026-03-06T10:02:00Z', metadata: null }),
  raw({ id: 'ch_hostile_4', created: '2026-03-06T10:03:00Z', metadata: { Funnel: 'wrong case', profile_id: LONG_PROFILE } }),
  raw({ id: 'ch_hostile_5', created: '2026-03-06T10:04:00Z', metadata: { funnel: '{"nested": "json"}', profile_id: '\\N' } }),
  // Pending, and a succeeded charge that still carries a risk reason.
  raw({ id: 'ch_pending', created: '2026-03-06T11:00:00Z', status: 'pending', card: { paymentMethod: 'pm_g', brand: 'UnionPay', last4: '0009', country: 'CN' } }),
  raw({ id: 'ch_risky', created: '2026-03-06T11:30:00Z', outcomeReason: 'elevated_risk_level' }),
  // Every spelling of the brands: Fivetran's card table spells them out, the API gives codes.
  raw({ id: 'ch_brand_unknown', created: '2026-03-07T09:00:00Z', card: { paymentMethod: 'pm_h1', brand: 'Unknown', last4: '0001', country: 'US' } }),
  raw({ id: 'ch_brand_code', created: '2026-03-07T09:01:00Z', card: { paymentMethod: 'pm_h2', brand: 'visa', last4: '0002', country: 'US' } }),
  raw({ id: 'ch_brand_cb', created: '2026-03-07T09:02:00Z', currency: 'eur', card: { paymentMethod: 'pm_h3', brand: 'Cartes Bancaires', last4: '0003', country: 'FR' } }),
  raw({ id: 'ch_brand_eftpos', created: '2026-03-07T09:03:00Z', card: { paymentMethod: 'pm_h4', brand: 'Eftpos Australia', last4: '0004', country: 'AU' } }),
  raw({ id: 'ch_brand_eftpos_code', created: '2026-03-07T09:04:00Z', card: { paymentMethod: 'pm_h5', brand: 'eftpos_au', last4: '0005', country: 'AU' } }),
  raw({ id: 'ch_brand_amex', created: '2026-03-07T09:05:00Z', card: { paymentMethod: 'pm_h6', brand: 'amex', last4: '0006', country: 'US' } }),
  raw({ id: 'ch_brand_diners', created: '2026-03-07T09:06:00Z', card: { paymentMethod: 'pm_h7', brand: 'diners', last4: '0007', country: 'US' } }),
  raw({ id: 'ch_brand_mc', created: '2026-03-07T09:07:00Z', card: { paymentMethod: 'pm_h8', brand: 'mastercard', last4: '0008', country: 'US' } }),
  raw({ id: 'ch_brand_pm', created: '2026-03-07T09:08:00Z', card: { paymentMethod: 'pm_h9', brand: 'MasterCard', last4: '0009', country: 'US', brandOnPaymentMethodOnly: true } }),
  raw({ id: 'ch_brand_none', created: '2026-03-07T09:09:00Z', card: { paymentMethod: 'pm_h10', brand: null, last4: '', country: '' } }),
  // Two attempts at the same second: the charge id decides the order.
  raw({ id: 'ch_tie_b', paymentIntent: 'pi_tie', created: '2026-03-08T10:00:00Z' }),
  raw({ id: 'ch_tie_a', paymentIntent: 'pi_tie', created: '2026-03-08T10:00:00Z', status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'insufficient_funds' }),
  // Zero-decimal currency, retried and recovered.
  raw({ id: 'ch_jpy_1', paymentIntent: 'pi_jpy', created: '2026-03-08T23:30:00Z', amount: 1200, currency: 'jpy', status: 'failed', failureCode: 'card_declined', failureMessage: DECLINED, outcomeReason: 'insufficient_funds', card: { paymentMethod: 'pm_j', brand: 'JCB', last4: '1234', country: 'JP' } }),
  raw({ id: 'ch_jpy_2', paymentIntent: 'pi_jpy', created: '2026-03-09T01:00:00Z', amount: 1200, currency: 'jpy', card: { paymentMethod: 'pm_j', brand: 'JCB', last4: '1234', country: 'JP' } }),
];

/** What an append-mode Airbyte connection kept from an earlier sync: ch_rec_3 while it was pending. */
export const STALE_AIRBYTE_VERSIONS: RawCharge[] = [RAW_CHARGES.find((c) => c.id === 'ch_rec_3')!].map((c) => ({ ...c, status: 'pending' }));

const at = (iso: string) => new Date(iso).toISOString();
const failure = (code: string, decline: string | null, message: string) => ({
  status: 'failed' as const, failure_code: code, decline_code: decline, failure_message: message, ...mapped(decline ?? code),
});

/** The mart rows both loaders must give, advice codes aside (see expectedRows). */
const EXPECTED: BuiltRow[] = [
  row({ charge_id: 'ch_rec_1', payment_intent_id: 'pi_rec', customer_id: 'cus_a', profile_id: 'user_a', created_at: at('2026-03-02T09:00:00Z'), ...failure('card_declined', 'insufficient_funds', 'Your card has insufficient funds.'), card_last4: '1111', funnel: 'renewal', attempt_number: 1 }),
  row({ charge_id: 'ch_rec_2', payment_intent_id: 'pi_rec', customer_id: 'cus_a', profile_id: 'user_a', created_at: at('2026-03-04T09:00:00Z'), ...failure('card_declined', 'do_not_honor', DECLINED), card_last4: '1111', funnel: 'renewal', attempt_number: 2, advice_code: 'try_again_later' }),
  row({ charge_id: 'ch_rec_3', payment_intent_id: 'pi_rec', customer_id: 'cus_a', profile_id: 'user_a', created_at: at('2026-03-06T09:00:00Z'), card_last4: '1111', funnel: 'renewal', attempt_number: 3 }),
  row({ charge_id: 'ch_lost_1', payment_intent_id: 'pi_lost', customer_id: 'cus_b', profile_id: 'user_b', created_at: at('2026-03-03T12:00:00Z'), amount: 2500, ...failure('card_declined', 'generic_decline', DECLINED), card_brand: 'mastercard', card_last4: '4444', card_country: 'GB', funnel: null, attempt_number: 1 }),
  row({ charge_id: 'ch_lost_2', payment_intent_id: 'pi_lost', customer_id: 'cus_b', profile_id: 'user_b', created_at: at('2026-03-05T12:00:00Z'), amount: 2500, ...failure('card_declined', 'do_not_honor', DECLINED), card_brand: 'mastercard', card_last4: '4444', card_country: 'GB', funnel: null, attempt_number: 2, advice_code: 'do_not_try_again' }),
  row({ charge_id: 'ch_one', payment_intent_id: 'pi_one', customer_id: 'cus_c', created_at: at('2026-03-03T15:00:00Z'), amount: 4900, currency: 'eur', card_brand: 'amex', card_last4: '0005', card_country: 'FR' }),
  row({ charge_id: 'ch_solo_ok', customer_id: null, created_at: at('2026-03-04T08:00:00Z'), card_brand: 'discover', card_last4: '1117' }),
  row({ charge_id: 'ch_solo_no', created_at: at('2026-03-04T08:30:00Z'), ...failure('incorrect_cvc', null, "Your card's security code is incorrect."), card_brand: 'jcb', card_last4: '0000', card_country: 'JP' }),
  row({ charge_id: 'ch_nocard', payment_intent_id: 'pi_nocard', created_at: at('2026-03-05T10:00:00Z'), ...failure('processing_error', null, 'An error occurred while processing your card.'), card_brand: null, card_last4: null, card_country: null }),
  row({ charge_id: 'ch_expired', payment_intent_id: 'pi_expired', created_at: at('2026-03-05T11:00:00Z'), ...failure('expired_card', null, 'Your card has expired.'), card_brand: 'diners', card_last4: '0004', card_country: 'US' }),
  row({ charge_id: 'ch_unmapped', payment_intent_id: 'pi_unmapped', created_at: at('2026-03-05T12:00:00Z'), status: 'failed', failure_code: 'card_declined', decline_code: 'some_future_code', failure_message: DECLINED }),
  row({ charge_id: 'ch_hostile_1', created_at: at('2026-03-06T10:00:00Z'), funnel: "'); drop table stripe.charge; --", profile_id: '<script>alert(1)</script>' }),
  row({ charge_id: 'ch_hostile_2', created_at: at('2026-03-06T10:01:00Z'), funnel: null, profile_id: ODD_PROFILE }),
  row({ charge_id: 'ch_hostile_3', created_at: at('2026-03-06T10:02:00Z'), funnel: null }),
  row({ charge_id: 'ch_hostile_4', created_at: at('2026-03-06T10:03:00Z'), funnel: null, profile_id: LONG_PROFILE }),
  row({ charge_id: 'ch_hostile_5', created_at: at('2026-03-06T10:04:00Z'), funnel: '{"nested": "json"}', profile_id: '\\N' }),
  row({ charge_id: 'ch_pending', created_at: at('2026-03-06T11:00:00Z'), status: 'pending', card_brand: 'unionpay', card_last4: '0009', card_country: 'CN' }),
  row({ charge_id: 'ch_risky', created_at: at('2026-03-06T11:30:00Z') }),
  row({ charge_id: 'ch_brand_unknown', created_at: at('2026-03-07T09:00:00Z'), card_brand: 'unknown', card_last4: '0001' }),
  row({ charge_id: 'ch_brand_code', created_at: at('2026-03-07T09:01:00Z'), card_brand: 'visa', card_last4: '0002' }),
  row({ charge_id: 'ch_brand_cb', created_at: at('2026-03-07T09:02:00Z'), currency: 'eur', card_brand: 'cartes_bancaires', card_last4: '0003', card_country: 'FR' }),
  row({ charge_id: 'ch_brand_eftpos', created_at: at('2026-03-07T09:03:00Z'), card_brand: 'eftpos_au', card_last4: '0004', card_country: 'AU' }),
  row({ charge_id: 'ch_brand_eftpos_code', created_at: at('2026-03-07T09:04:00Z'), card_brand: 'eftpos_au', card_last4: '0005', card_country: 'AU' }),
  row({ charge_id: 'ch_brand_amex', created_at: at('2026-03-07T09:05:00Z'), card_brand: 'amex', card_last4: '0006' }),
  row({ charge_id: 'ch_brand_diners', created_at: at('2026-03-07T09:06:00Z'), card_brand: 'diners', card_last4: '0007' }),
  row({ charge_id: 'ch_brand_mc', created_at: at('2026-03-07T09:07:00Z'), card_brand: 'mastercard', card_last4: '0008' }),
  row({ charge_id: 'ch_brand_pm', created_at: at('2026-03-07T09:08:00Z'), card_brand: 'mastercard', card_last4: '0009' }),
  row({ charge_id: 'ch_brand_none', created_at: at('2026-03-07T09:09:00Z'), card_brand: null, card_last4: null, card_country: null }),
  row({ charge_id: 'ch_tie_a', payment_intent_id: 'pi_tie', created_at: at('2026-03-08T10:00:00Z'), ...failure('card_declined', 'insufficient_funds', DECLINED), attempt_number: 1 }),
  row({ charge_id: 'ch_tie_b', payment_intent_id: 'pi_tie', created_at: at('2026-03-08T10:00:00Z'), attempt_number: 2 }),
  row({ charge_id: 'ch_jpy_1', payment_intent_id: 'pi_jpy', created_at: at('2026-03-08T23:30:00Z'), amount: 1200, currency: 'jpy', ...failure('card_declined', 'insufficient_funds', DECLINED), card_brand: 'jcb', card_last4: '1234', card_country: 'JP', attempt_number: 1 }),
  row({ charge_id: 'ch_jpy_2', payment_intent_id: 'pi_jpy', created_at: at('2026-03-09T01:00:00Z'), amount: 1200, currency: 'jpy', card_brand: 'jcb', card_last4: '1234', card_country: 'JP', attempt_number: 2 }),
];

/** Fivetran's charge table has no advice code; Airbyte's outcome object has it. */
export function expectedRows(loader: 'fivetran' | 'airbyte'): BuiltRow[] {
  const rows = loader === 'airbyte' ? EXPECTED : EXPECTED.map((r) => ({ ...r, advice_code: null }));
  return [...rows].sort((a, b) => (a.charge_id < b.charge_id ? -1 : 1));
}
