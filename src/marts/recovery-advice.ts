import type { RecoveryAction } from './decline-codes.ts';

/**
 * Stripe's retry guidance beside the decline-code mapping, kept free of Node imports so the pages
 * can use it too.
 *
 * `outcome.advice_code` (https://docs.stripe.com/declines/card) is the issuer's instruction for
 * this very charge, so when the mart carries it (the optional advice_code column) it overrides the
 * action mapped from the decline code.
 */
const ADVICE_CODES = ['confirm_card_data', 'do_not_try_again', 'try_again_later'] as const;
export type AdviceCode = (typeof ADVICE_CODES)[number];

export const ADVICE_CODE_ACTIONS: Readonly<Record<AdviceCode, RecoveryAction>> = {
  // "The card was declined and you shouldn't use it again for the same transaction."
  do_not_try_again: 'do_not_retry',
  // "Some of the provided information is incorrect … the customer needs to validate the information on their card."
  confirm_card_data: 'request_card',
  // "The card issuer declined the transaction, but you can retry it."
  try_again_later: 'retry_eligible',
};

/**
 * "Card networks limit the number of times you can reattempt a single charge. We recommend a
 * maximum of eight retries for charges that permit retries." (https://docs.stripe.com/declines/card)
 * An intent's attempts are its first try plus its retries.
 */
export const RECOMMENDED_MAX_RETRIES = 8;
export const RECOMMENDED_MAX_ATTEMPTS = 1 + RECOMMENDED_MAX_RETRIES;
