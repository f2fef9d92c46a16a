/**
 * The demo retries only what the decline-code mapping (and the advice code beside it) allows,
 * except its deliberate, bounded lapses (src/demo/retry-lapses.ts), and gives advice codes only to
 * the declines that carry them in Stripe's data. The expectations are written here from Stripe's
 * pages, not read from the generator: advice codes come with issuer declines only (API reference,
 * Errors: advice_code, "for card errors resulting from a card issuer decline"), the deprecated
 * decline codes do_not_try_again and try_again_later now come as the advice codes of the same name
 * (docs.stripe.com/declines/codes), and Stripe recommends at most eight retries
 * (docs.stripe.com/declines/card).
 */
import { describe, expect, it } from 'vitest';
import { loadDeclineCodeMapping } from '../../src/marts/decline-codes.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { actionOf, attemptsByIntent, isRetryAfterHardDecline } from '../helpers/retry-hygiene-rows.ts';

const N = 200_000;
const rows = [...generateCharges({ charges: N, endDate: new Date('2026-06-30T18:00:00Z') })];
const mapping = loadDeclineCodeMapping();
const intents = attemptsByIntent(rows);
const failed = rows.filter((row) => row.status === 'failed');
const OFF_SESSION = ['renewal', 'trial_conversion'];

describe('retries follow the mapping, but for the deliberate lapses', () => {
  const withHardDecline = [...intents.values()].filter((attempts) => attempts.some((row) => row.status === 'failed' && actionOf(row) === 'do_not_retry'));
  const badRetries = [...intents.values()].map((attempts) => attempts.filter((row) => isRetryAfterHardDecline(row, attempts))).filter((bad) => bad.length > 0);

  it('retries 1–4 % of the intents declined with a do-not-retry action (by mapping or advice code), at most twice each, on the same card', () => {
    expect(withHardDecline.length).toBeGreaterThan(1000);
    const share = badRetries.length / withHardDecline.length;
    expect(share).toBeGreaterThanOrEqual(0.01);
    expect(share).toBeLessThanOrEqual(0.04);
    for (const bad of badRetries) expect(bad.length).toBeLessThanOrEqual(2);
    // Everywhere else a do-not-retry failure is the intent's last attempt on that card.
    const badIds = new Set(badRetries.map((bad) => bad[0]!.payment_intent_id));
    for (const attempts of withHardDecline) {
      if (badIds.has(attempts[0]!.payment_intent_id)) continue;
      const first = attempts.findIndex((row) => row.status === 'failed' && actionOf(row) === 'do_not_retry');
      expect(attempts.slice(first + 1).filter((row) => row.card_last4 === attempts[first]!.card_last4 && row.card_brand === attempts[first]!.card_brand)).toEqual([]);
    }
  });

  it('follows an advice code over the mapped action: try_again_later makes a contact-the-customer decline retryable, do_not_try_again a soft decline final', () => {
    const retriedAfter = (advice: string, mapped: string) => [...intents.values()].filter((attempts) => attempts.some((row, i) =>
      i < attempts.length - 1 && row.advice_code === advice && row.recovery_action === mapped)).length;
    expect(retriedAfter('try_again_later', 'contact_customer')).toBeGreaterThan(500);
    // do_not_try_again on a soft decline: retried only within the lapses.
    expect(retriedAfter('do_not_try_again', 'contact_customer')).toBeLessThanOrEqual(badRetries.length);
  });

  it('pushes a few off-session intents past Stripe’s eight retries (10–12 attempts, the same retryable decline until the last), and no other beyond four', () => {
    const long = [...intents.values()].filter((attempts) => attempts.length > 4);
    const past = long.filter((attempts) => attempts.length > 9);
    expect(past.length).toBeGreaterThan(10);
    expect(past.length / intents.size).toBeLessThan(0.002);
    for (const attempts of long) {
      expect(attempts.length).toBeLessThanOrEqual(12);
      expect(OFF_SESSION).toContain(attempts[0]!.funnel);
      expect(actionOf(attempts[0]!)).toBe('retry_eligible');
      // Declined the same way every day until the last attempt (an incident's declines aside).
      const days = attempts.slice(1).map((row, i) => (Date.parse(row.created_at) - Date.parse(attempts[i]!.created_at)) / 3_600_000);
      for (const hours of days) expect(hours).toBeGreaterThanOrEqual(18);
      for (const hours of days) expect(hours).toBeLessThanOrEqual(30);
    }
  });
});

describe('advice codes only where Stripe’s data has them', () => {
  it('only on failures, and only Stripe’s three values', () => {
    expect(rows.filter((row) => row.status !== 'failed' && row.advice_code !== null)).toEqual([]);
    expect(new Set(failed.map((row) => row.advice_code))).toEqual(new Set([null, 'confirm_card_data', 'do_not_try_again', 'try_again_later']));
  });

  it('the deprecated decline codes do_not_try_again and try_again_later always carry the advice code of that name', () => {
    for (const code of ['do_not_try_again', 'try_again_later']) {
      const declined = failed.filter((row) => row.decline_code === code);
      expect(declined.length).toBeGreaterThan(50);
      expect(declined.filter((row) => row.advice_code !== code)).toEqual([]);
    }
  });

  it('none on what no issuer decided: Stripe’s block list, test mode, processing errors, an issuer not reached, authentication', () => {
    const noIssuerAnswer = ['merchant_blacklist', 'testmode_decline', 'processing_error', 'issuer_not_available', 'reenter_transaction',
      'authentication_required'];
    const declined = failed.filter((row) => noIssuerAnswer.includes(row.decline_code!));
    expect(new Set(declined.map((row) => row.decline_code))).toEqual(new Set(noIssuerAnswer));
    expect(declined.filter((row) => row.advice_code !== null)).toEqual([]);
  });

  it('do_not_try_again on most never-approve declines, confirm_card_data on most wrong card details, try_again_later on some soft declines', () => {
    const share = (codes: string[], advice: string) => {
      const declined = failed.filter((row) => codes.includes(row.decline_code!));
      return declined.filter((row) => row.advice_code === advice).length / declined.length;
    };
    const neverApprove = ['lost_card', 'stolen_card', 'pickup_card', 'invalid_account', 'revocation_of_authorization', 'stop_payment_order'];
    const wrongDetails = ['incorrect_cvc', 'incorrect_number', 'incorrect_zip', 'invalid_expiry_year', 'expired_card'];
    const soft = ['insufficient_funds', 'generic_decline', 'do_not_honor'];
    expect(share(neverApprove, 'do_not_try_again')).toBeGreaterThan(0.6);
    expect(share(wrongDetails, 'confirm_card_data')).toBeGreaterThan(0.6);
    expect(share(soft, 'try_again_later')).toBeGreaterThan(0.2);
    expect(share(soft, 'try_again_later')).toBeLessThan(0.5);
    expect(share(soft, 'do_not_try_again')).toBeGreaterThan(0.02);
    expect(share(soft, 'do_not_try_again')).toBeLessThan(0.1);
    // And never the contradicting one: no confirm_card_data on a stolen card, no try_again_later on a wrong CVC.
    expect(share(neverApprove, 'try_again_later') + share(neverApprove, 'confirm_card_data')).toBe(0);
    expect(share(wrongDetails, 'try_again_later') + share(wrongDetails, 'do_not_try_again')).toBe(0);
  });

  it('every generated code is in the mapping with the action the mart row says', () => {
    expect(failed.filter((row) => mapping.get(row.decline_code!)?.recoveryAction !== row.recovery_action)).toEqual([]);
  });
});
