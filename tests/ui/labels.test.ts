import { describe, expect, it } from 'vitest';
import { failureCategoryLabel, recoveryActionLabel } from '../../src/ui/labels.ts';

describe('labels', () => {
  it('names every recovery action in plain words', () => {
    expect(recoveryActionLabel('retry_eligible')).toBe('Retry automatically');
    expect(recoveryActionLabel('request_card')).toBe('Ask the customer for a new card');
    expect(recoveryActionLabel('authenticate')).toBe('Ask the customer to authenticate (3-D Secure)');
    expect(recoveryActionLabel('contact_customer')).toBe('Contact the customer');
    expect(recoveryActionLabel('do_not_retry')).toBe('Do not retry');
    expect(recoveryActionLabel(null)).toBe('No recommendation');
  });

  it('names categories, and reads unknown codes as words', () => {
    expect(failureCategoryLabel('insufficient_funds')).toBe('Insufficient funds');
    expect(failureCategoryLabel('authentication_required')).toBe('Authentication required');
    expect(failureCategoryLabel('brand_new_reason')).toBe('Brand new reason');
    expect(failureCategoryLabel(null)).toBe('Uncategorized');
  });
});
