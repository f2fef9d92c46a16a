/**
 * The shape of the demo data: who pays, in which currency, with which card, for which plan, and how
 * often each decline code occurs. Rough but plausible numbers for a SaaS selling subscriptions in
 * three currencies; the daily success rate lands around 91–92 %. What a decline code means (its
 * category and action) is not here: it comes from src/marts/stripe_decline_codes.csv.
 */
import { DECLINES_INCIDENT } from './demo-incident.ts';
import { Weighted } from './random.ts';

export type Currency = 'usd' | 'eur' | 'jpy';
export type Funnel = 'renewal' | 'checkout' | 'trial_conversion' | 'upgrade' | 'reactivation';

export const CURRENCIES = new Weighted<Currency>([['usd', 70], ['eur', 20], ['jpy', 10]]);

/** Plan prices in minor units (JPY is zero-decimal: these are whole yen). */
export const PLAN_PRICES: Record<Currency, readonly number[]> = {
  usd: [900, 1900, 4900, 9900, 29900],
  eur: [900, 1900, 4500, 9900, 27900],
  jpy: [1200, 2400, 4800, 9800, 29800],
};
export const PLAN_INDEX = new Weighted([[0, 28], [1, 36], [2, 22], [3, 10], [4, 4]]);
export const MINIMUM_AMOUNT: Record<Currency, number> = { usd: 50, eur: 50, jpy: 50 };

export interface Country { code: string; taxRates: readonly number[] }
export const COUNTRIES: Record<Currency, Weighted<Country>> = {
  usd: new Weighted<Country>([
    [{ code: 'US', taxRates: [0, 0, 0, 0.0625, 0.07, 0.0725, 0.08, 0.08875] }, 84],
    [{ code: 'CA', taxRates: [0.05, 0.13] }, 6], [{ code: 'GB', taxRates: [0.2] }, 3],
    [{ code: 'AU', taxRates: [0.1] }, 2.5], [{ code: 'MX', taxRates: [0.16] }, 1.5],
    [{ code: 'BR', taxRates: [0] }, 1], [{ code: 'IN', taxRates: [0.18] }, 1], [{ code: 'SG', taxRates: [0.09] }, 1],
  ]),
  eur: new Weighted<Country>([
    [{ code: 'DE', taxRates: [0.19] }, 28], [{ code: 'FR', taxRates: [0.2] }, 22], [{ code: 'NL', taxRates: [0.21] }, 12],
    [{ code: 'ES', taxRates: [0.21] }, 11], [{ code: 'IT', taxRates: [0.22] }, 11], [{ code: 'BE', taxRates: [0.21] }, 5],
    [{ code: 'AT', taxRates: [0.2] }, 5], [{ code: 'IE', taxRates: [0.23] }, 4], [{ code: 'PT', taxRates: [0.23] }, 2],
  ]),
  jpy: new Weighted<Country>([[{ code: 'JP', taxRates: [0.1] }, 96], [{ code: 'KR', taxRates: [0.1] }, 2], [{ code: 'TW', taxRates: [0.05] }, 2]]),
};

export const BRANDS: Record<Currency, Weighted<string>> = {
  usd: new Weighted([['visa', 50], ['mastercard', 30], ['amex', 14], ['discover', 5], ['diners', 1]]),
  eur: new Weighted([['visa', 52], ['mastercard', 42], ['amex', 6]]),
  jpy: new Weighted([['visa', 38], ['jcb', 32], ['mastercard', 22], ['amex', 7], ['diners', 1]]),
};

export const FUNNELS = new Weighted<Funnel | null>([
  ['renewal', 44], ['checkout', 34], ['trial_conversion', 9], ['upgrade', 8], ['reactivation', 3], [null, 2],
]);
/** Off-session payments the billing system retries on its own (dunning, Smart Retries). */
export const AUTOMATIC: ReadonlySet<Funnel | null> = new Set<Funnel | null>(['renewal', 'trial_conversion']);

/** First-attempt failure probability by funnel (outside the incident). */
export const BASE_FAILURE: Record<Funnel | 'none', number> = {
  renewal: 0.058, checkout: 0.054, trial_conversion: 0.095, upgrade: 0.033, reactivation: 0.075, none: 0.056,
};

/** How often each decline code occurs, off-session (renewals) and on-session (checkout…). */
export const DECLINES_AUTOMATIC: readonly (readonly [string, number])[] = [
  ['insufficient_funds', 30], ['generic_decline', 22], ['do_not_honor', 12], ['expired_card', 10],
  ['authentication_required', 5], ['card_velocity_exceeded', 3], ['processing_error', 2.5], ['try_again_later', 1.5],
  ['new_account_information_available', 1.5], ['do_not_try_again', 1.5], ['transaction_not_allowed', 1.2],
  ['lost_card', 1], ['fraudulent', 0.8], ['issuer_not_available', 0.8], ['restricted_card', 0.6], ['invalid_account', 0.6],
  ['revocation_of_authorization', 0.6], ['call_issuer', 0.6], ['withdrawal_count_limit_exceeded', 0.6],
  ['stolen_card', 0.5], ['pickup_card', 0.5], ['not_permitted', 0.4], ['reenter_transaction', 0.3],
  ['no_action_taken', 0.3], ['stop_payment_order', 0.3], ['card_not_supported', 0.3], ['currency_not_supported', 0.2],
  ['approve_with_id', 0.2], ['service_not_allowed', 0.2], ['revocation_of_all_authorizations', 0.2], ['security_violation', 0.1],
];
export const DECLINES_ON_SESSION: readonly (readonly [string, number])[] = [
  ['generic_decline', 24], ['insufficient_funds', 16], ['authentication_required', 9], ['incorrect_cvc', 8],
  ['do_not_honor', 8], ['incorrect_number', 4], ['fraudulent', 3.5], ['expired_card', 3], ['incorrect_zip', 2.5],
  ['processing_error', 2.5], ['card_velocity_exceeded', 2], ['card_not_supported', 1.5], ['transaction_not_allowed', 1.5],
  ['try_again_later', 1.2], ['currency_not_supported', 0.8], ['lost_card', 0.8], ['do_not_try_again', 0.8],
  ['invalid_expiry_year', 0.6], ['issuer_not_available', 0.6], ['stolen_card', 0.5], ['restricted_card', 0.5],
  ['call_issuer', 0.5], ['withdrawal_count_limit_exceeded', 0.5], ['invalid_cvc', 0.4], ['pickup_card', 0.4],
  ['invalid_account', 0.4], ['security_violation', 0.3], ['merchant_blacklist', 0.3], ['not_permitted', 0.3],
  ['invalid_number', 0.3], ['duplicate_transaction', 0.2], ['no_action_taken', 0.2], ['approve_with_id', 0.2],
  ['testmode_decline', 0.15], ['invalid_amount', 0.1],
];

/** Every decline code the generator can produce (tests check each is in the mapping). */
export const GENERATED_DECLINE_CODES: readonly string[] = [
  ...new Set([...DECLINES_AUTOMATIC, ...DECLINES_ON_SESSION, ...DECLINES_INCIDENT].map(([code]) => code)),
];

export const NO_INTENT_SHARE = 0.02; // legacy Charges API / one-off charges without a PaymentIntent
export const GUEST_SHARE = 0.03; // on-session payments without a Customer
export const NO_PROFILE_SHARE = 0.02; // customers created outside the product (sales-led)
export const PENDING_PEAK = 0.05; // share of pending attempts at endDate, fading to 0 a day earlier

/** Card last-4 strings, made once rather than per row. */
export const LAST4: readonly string[] = Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'));
