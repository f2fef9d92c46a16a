/** Plain words for the marts' codes, shared by every page that shows failures. */

export const FAILURE_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  card_declined: 'Card declined',
  insufficient_funds: 'Insufficient funds',
  authentication_required: 'Authentication required',
  expired_card: 'Expired card',
  incorrect_details: 'Incorrect card details',
  processing_error: 'Processing error',
  fraud_risk: 'Blocked as fraud risk',
  other: 'Other',
};

const RECOVERY_ACTION_LABELS: Readonly<Record<string, string>> = {
  // Stripe recommends at most eight retries of a charge that permits them, and the networks cap
  // reattempts (Visa: 15 in 30 days); a retry is advice within those limits, never "automatically".
  retry_eligible: 'Retry (within network limits)',
  request_card: 'Ask the customer to correct or replace the card',
  authenticate: 'Ask the customer to authenticate (3-D Secure or PIN)',
  contact_customer: 'Customer to contact their issuer or pay another way',
  do_not_retry: 'Do not retry this card',
};

/** "some_new_code" → "Some new code", so a code the UI does not know yet still reads as words. */
function humanize(code: string): string {
  const words = code.replace(/_/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

export function failureCategoryLabel(category: string | null | undefined): string {
  if (!category) return 'Uncategorized';
  return FAILURE_CATEGORY_LABELS[category] ?? humanize(category);
}

export function recoveryActionLabel(action: string | null | undefined): string {
  if (!action) return 'No recommendation';
  return RECOVERY_ACTION_LABELS[action] ?? humanize(action);
}

/** "US" → "United States (US)" in the reader's language; the bare code where the browser has no name for it. */
export function cardCountryLabel(code: string | null | undefined, locale?: string): string {
  if (!code) return '';
  try {
    const name = new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }).of(code.toUpperCase());
    return name && name !== code ? `${name} (${code})` : code;
  } catch (error) {
    // Intl's answer to a code that is not a region code; anything else is a bug to see.
    if (error instanceof RangeError) return code;
    throw error;
  }
}
