import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  declineCodesPath, FAILURE_CATEGORIES, loadDeclineCodeMapping, parseCsv, parseDeclineCodeMapping, RECOVERY_ACTIONS,
} from '../../src/marts/decline-codes.ts';
import { GENERATED_DECLINE_CODES } from '../../src/demo/charge-shapes.ts';

const mapping = loadDeclineCodeMapping();

/**
 * Written by hand from Stripe's "Card decline codes" table (https://docs.stripe.com/declines/codes),
 * each code's "Next steps" column read as one of the contract's actions:
 *   "Attempt the payment again" → retry_eligible; "try again using the correct …" / "use another
 *   card" → request_card; authenticate / enter a PIN / tap the device → authenticate; "contact
 *   their card issuer" / "use an alternative payment method" → contact_customer;
 * except where a stricter rule applies → do_not_retry: Stripe's Smart Retries non-retryable list
 * (https://docs.stripe.com/billing/revenue-recovery/smart-retries#non-retryable-decline-codes),
 * Visa's category 1 "issuer will never approve" (lost, stolen, pick up, closed account,
 * transaction not permitted, R0/R1/R3 revocations and stop payments), a fraud suspicion Stripe says
 * not to reveal, or a duplicate. Deprecated codes are included.
 */
const STRIPE_CARD_DECLINE_CODES: Readonly<Record<string, string>> = {
  authentication_required: 'authenticate',
  authentication_not_handled: 'authenticate',
  approve_with_id: 'retry_eligible',
  call_issuer: 'contact_customer',
  card_not_supported: 'contact_customer',
  card_velocity_exceeded: 'contact_customer',
  currency_not_supported: 'contact_customer',
  do_not_honor: 'contact_customer',
  do_not_try_again: 'do_not_retry',
  duplicate_transaction: 'do_not_retry',
  expired_card: 'request_card',
  fraudulent: 'do_not_retry',
  generic_decline: 'contact_customer',
  incorrect_address: 'request_card',
  incorrect_cvc: 'request_card',
  incorrect_number: 'request_card',
  incorrect_pin: 'request_card',
  incorrect_zip: 'request_card',
  insufficient_funds: 'contact_customer',
  invalid_account: 'do_not_retry',
  invalid_amount: 'contact_customer',
  invalid_cvc: 'request_card',
  invalid_expiry_month: 'request_card',
  invalid_expiry_year: 'request_card',
  invalid_number: 'request_card',
  invalid_pin: 'request_card',
  issuer_not_available: 'retry_eligible',
  lost_card: 'do_not_retry',
  merchant_blacklist: 'do_not_retry',
  new_account_information_available: 'contact_customer',
  no_action_taken: 'contact_customer',
  not_permitted: 'contact_customer',
  offline_pin_required: 'authenticate',
  online_or_offline_pin_required: 'authenticate',
  pickup_card: 'do_not_retry',
  pin_try_exceeded: 'request_card',
  processing_error: 'retry_eligible',
  reenter_transaction: 'retry_eligible',
  restricted_card: 'do_not_retry',
  revocation_of_all_authorizations: 'do_not_retry',
  revocation_of_authorization: 'do_not_retry',
  security_violation: 'contact_customer',
  service_not_allowed: 'contact_customer',
  stolen_card: 'do_not_retry',
  stop_payment_order: 'do_not_retry',
  testmode_decline: 'request_card',
  transaction_not_allowed: 'do_not_retry',
  try_again_later: 'retry_eligible',
  withdrawal_count_limit_exceeded: 'contact_customer',
  mobile_device_authentication_required: 'authenticate',
};

/**
 * `outcome.reason` values that are not issuer codes but land in the same column: Radar's
 * (charge.outcome.reason in Stripe's API reference: highest_risk_level, elevated_risk_level,
 * rule, low_probability_of_authorization) and Stripe's own block after repeated declines
 * (https://support.stripe.com/questions/payment-blocked-due-to-excessive-retries).
 */
const STRIPE_OUTCOME_REASONS: Readonly<Record<string, string>> = {
  highest_risk_level: 'do_not_retry',
  elevated_risk_level: 'do_not_retry',
  rule: 'do_not_retry',
  low_probability_of_authorization: 'contact_customer',
  previously_declined_do_not_retry: 'do_not_retry',
};

/** Never advised as a retry: Smart Retries' non-retryable codes and Visa category 1 declines. */
const NEVER_RETRY = [
  'incorrect_number', 'lost_card', 'pickup_card', 'stolen_card', 'revocation_of_authorization',
  'revocation_of_all_authorizations', 'authentication_required', 'highest_risk_level', 'transaction_not_allowed',
  'stop_payment_order', 'invalid_account', 'do_not_try_again', 'previously_declined_do_not_retry', 'fraudulent',
];

describe('stripe_decline_codes.csv', () => {
  it('maps every card decline code on Stripe’s page to the action its next steps call for', () => {
    const actual = Object.fromEntries(Object.keys(STRIPE_CARD_DECLINE_CODES).map((code) => [code, mapping.get(code)?.recoveryAction]));
    expect(actual).toEqual(STRIPE_CARD_DECLINE_CODES);
  });

  it('maps the outcome reasons that are not issuer codes', () => {
    const actual = Object.fromEntries(Object.keys(STRIPE_OUTCOME_REASONS).map((code) => [code, mapping.get(code)?.recoveryAction]));
    expect(actual).toEqual(STRIPE_OUTCOME_REASONS);
  });

  it('holds nothing beyond those two lists, so a code added to the CSV needs its expected action here', () => {
    const documented = new Set([...Object.keys(STRIPE_CARD_DECLINE_CODES), ...Object.keys(STRIPE_OUTCOME_REASONS)]);
    expect([...mapping.keys()].filter((code) => !documented.has(code))).toEqual([]);
  });

  it('never advises a retry after a hard decline', () => {
    expect(NEVER_RETRY.filter((code) => mapping.get(code)?.recoveryAction === 'retry_eligible')).toEqual([]);
    expect(NEVER_RETRY.filter((code) => !mapping.has(code))).toEqual([]);
  });

  it('says what Stripe says, not a soft-decline guess', () => {
    expect(mapping.get('do_not_honor')!.description).toMatch(/contact their card issuer/);
    expect(mapping.get('generic_decline')!.description).toMatch(/Radar or Adaptive Acceptance blocked/);
    expect(mapping.get('fraudulent')!.description).toMatch(/Stripe suspects/);
    for (const entry of mapping.values()) expect(entry.description).not.toMatch(/soft decline\)|retrying may succeed/i);
  });

  it('uses only the contract’s categories and actions, and every category occurs', () => {
    for (const entry of mapping.values()) {
      expect(FAILURE_CATEGORIES).toContain(entry.failureCategory);
      expect(RECOVERY_ACTIONS).toContain(entry.recoveryAction);
      expect(entry.failureCode).toMatch(/^[a-z_]+$/);
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.failureMessage).toMatch(/^Your card|^An error/);
    }
    const used = new Set([...mapping.values()].map((entry) => entry.failureCategory));
    expect([...used].sort()).toEqual([...FAILURE_CATEGORIES].sort());
    expect(new Set([...mapping.values()].map((entry) => entry.recoveryAction)).size).toBe(RECOVERY_ACTIONS.length);
  });

  it('keys the codes Stripe often sends without a decline code by their failure code (the coalesce join)', () => {
    const pick = (code: string) => {
      const entry = mapping.get(code)!;
      return [entry.failureCode, entry.failureCategory];
    };
    expect(pick('expired_card')).toEqual(['expired_card', 'expired_card']);
    expect(pick('incorrect_cvc')).toEqual(['incorrect_cvc', 'incorrect_details']);
    expect(pick('processing_error')).toEqual(['processing_error', 'processing_error']);
    expect(pick('authentication_required')).toEqual(['authentication_required', 'authentication_required']);
    expect(pick('insufficient_funds')).toEqual(['card_declined', 'insufficient_funds']);
  });

  it('is a dbt seed: the header starts with the documented columns and every line has them all', () => {
    const rows = parseCsv(readFileSync(declineCodesPath(), 'utf8'));
    expect(rows[0]!.slice(0, 5)).toEqual(['decline_code', 'failure_code', 'failure_category', 'recovery_action', 'description']);
    for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
    expect(rows.length - 1).toBe(mapping.size);
  });

  it('knows every decline code the generator produces', () => {
    expect(GENERATED_DECLINE_CODES.filter((code) => !mapping.has(code))).toEqual([]);
  });
});

describe('parseCsv / parseDeclineCodeMapping', () => {
  it('handles quoted fields, doubled quotes, CRLF and a missing final newline', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\nlast,')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['last', '']]);
  });

  it('rejects an unknown category or action, naming the line', () => {
    const header = 'decline_code,failure_code,failure_category,recovery_action,description,failure_message\n';
    expect(() => parseDeclineCodeMapping(`${header}foo,card_declined,bogus,retry_eligible,d,m\n`)).toThrow(/line 2: unknown failure_category "bogus"/);
    expect(() => parseDeclineCodeMapping(`${header}foo,card_declined,other,maybe,d,m\n`)).toThrow(/line 2: unknown recovery_action "maybe"/);
    expect(() => parseDeclineCodeMapping(`${header}foo,card_declined,other,do_not_retry,d,m\nfoo,card_declined,other,do_not_retry,d,m\n`)).toThrow(/line 3: duplicate/);
    expect(() => parseDeclineCodeMapping('decline_code,failure_code\nfoo,bar\n')).toThrow(/no failure_category column/);
  });
});
