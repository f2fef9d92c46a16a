import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  declineCodesPath, FAILURE_CATEGORIES, loadDeclineCodeMapping, parseCsv, parseDeclineCodeMapping, RECOVERY_ACTIONS,
} from '../../src/marts/decline-codes.ts';
import { GENERATED_DECLINE_CODES } from '../../src/seed/generate-charges.ts';

const mapping = loadDeclineCodeMapping();

describe('stripe_decline_codes.csv', () => {
  it('covers Stripe’s common decline codes', () => {
    const required = [
      'generic_decline', 'insufficient_funds', 'do_not_honor', 'expired_card', 'incorrect_cvc', 'incorrect_number',
      'authentication_required', 'fraudulent', 'lost_card', 'stolen_card', 'processing_error', 'try_again_later',
      'card_velocity_exceeded', 'do_not_try_again', 'card_not_supported', 'currency_not_supported', 'pickup_card',
      'restricted_card', 'security_violation', 'withdrawal_count_limit_exceeded', 'invalid_account',
      'new_account_information_available', 'transaction_not_allowed', 'approve_with_id', 'call_issuer',
      'issuer_not_available', 'reenter_transaction', 'no_action_taken', 'not_permitted', 'revocation_of_authorization',
      'testmode_decline',
    ];
    expect(required.filter((code) => !mapping.has(code))).toEqual([]);
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

  it('maps the well-known codes the way a payments engineer expects', () => {
    const pick = (code: string) => {
      const entry = mapping.get(code)!;
      return [entry.failureCode, entry.failureCategory, entry.recoveryAction];
    };
    expect(pick('insufficient_funds')).toEqual(['card_declined', 'insufficient_funds', 'retry_eligible']);
    expect(pick('expired_card')).toEqual(['expired_card', 'expired_card', 'request_card']);
    expect(pick('incorrect_cvc')).toEqual(['incorrect_cvc', 'incorrect_details', 'request_card']);
    expect(pick('authentication_required')).toEqual(['authentication_required', 'authentication_required', 'authenticate']);
    expect(pick('processing_error')).toEqual(['processing_error', 'processing_error', 'retry_eligible']);
    expect(pick('fraudulent')).toEqual(['card_declined', 'fraud_risk', 'do_not_retry']);
    expect(pick('stolen_card')[2]).toBe('do_not_retry');
    expect(pick('do_not_try_again')[2]).toBe('do_not_retry');
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
