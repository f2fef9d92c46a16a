import { describe, expect, it } from 'vitest';
import { cardCountryLabel, failureCategoryLabel, recoveryActionLabel } from '../../src/ui/labels.ts';

describe('labels', () => {
  it('names every recovery action in plain words', () => {
    expect(recoveryActionLabel('retry_eligible')).toBe('Retry (within network limits)');
    expect(recoveryActionLabel('request_card')).toBe('Ask the customer to correct or replace the card');
    expect(recoveryActionLabel('authenticate')).toBe('Ask the customer to authenticate (3-D Secure or PIN)');
    expect(recoveryActionLabel('contact_customer')).toBe('Customer to contact their issuer or pay another way');
    expect(recoveryActionLabel('do_not_retry')).toBe('Do not retry this card');
    expect(recoveryActionLabel(null)).toBe('No recommendation');
  });

  it('names categories, and reads unknown codes as words', () => {
    expect(failureCategoryLabel('insufficient_funds')).toBe('Insufficient funds');
    expect(failureCategoryLabel('authentication_required')).toBe('Authentication required');
    expect(failureCategoryLabel('brand_new_reason')).toBe('Brand new reason');
    expect(failureCategoryLabel(null)).toBe('Uncategorized');
  });

  it('names card countries in the reader\'s language, and keeps a code that is no region as it is', () => {
    expect(cardCountryLabel('US', 'en')).toBe('United States (US)');
    expect(cardCountryLabel('DE', 'de')).toBe('Deutschland (DE)');
    expect(cardCountryLabel('??', 'en')).toBe('??');
    expect(cardCountryLabel(null)).toBe('');
  });
});
