/**
 * Which declines carry Stripe's `outcome.advice_code`, and which one. Stripe sets it "for card
 * errors resulting from a card issuer decline … if they provide one" (API reference, Errors:
 * advice_code), one of confirm_card_data, do_not_try_again, try_again_later (Charge object:
 * outcome.advice_code), and "provides the guidance formerly communicated in deprecated decline
 * codes in advice codes instead" (Decline codes page). Hence:
 *
 * - the deprecated decline codes do_not_try_again and try_again_later carry the advice of the same
 *   name, always;
 * - Stripe's own decisions carry none: Radar's block list (merchant_blacklist), test-mode declines,
 *   and the processing errors where no issuer answered (the mapping's processing_error category);
 * - authentication declines carry none: Stripe asks for 3D Secure instead;
 * - an issuer's never-approve decline (mapped do_not_retry: lost, stolen, closed account, revoked
 *   authorizations…) usually carries do_not_try_again, as the networks' "do not try again"
 *   responses do (Visa category 1, Mastercard merchant advice code 03);
 * - wrong or outdated card details (mapped request_card) usually carry confirm_card_data;
 * - the soft declines sometimes carry try_again_later (the issuer cannot approve now) and rarely
 *   do_not_try_again (an issuer's "do not honor" that means never, Mastercard's code 21).
 *
 * "Usually", "sometimes" and "rarely" are the demo's numbers, like the decline codes' frequencies.
 * What an advice code means for the action comes from src/marts/recovery-advice.ts.
 */
import type { DeclineCode } from '../marts/decline-codes.ts';
import { ADVICE_CODE_ACTIONS, type AdviceCode } from '../marts/recovery-advice.ts';
import { Weighted } from './random.ts';

/** Declines that Stripe itself makes, not the card issuer: no advice code. */
const STRIPE_DECISIONS: ReadonlySet<string> = new Set(['merchant_blacklist', 'testmode_decline']);

const USUALLY = 0.75;
const SOMETIMES = 0.3;
const RARELY = 0.06;

/** The advice a decline may carry: one fixed code, a weighted draw (null = none given), or none. */
export type AdviceDraw = AdviceCode | Weighted<AdviceCode | null> | null;

export function adviceDraw(code: string, entry: DeclineCode): AdviceDraw {
  if (Object.hasOwn(ADVICE_CODE_ACTIONS, code)) return code as AdviceCode;
  if (STRIPE_DECISIONS.has(code) || entry.failureCategory === 'processing_error') return null;
  switch (entry.recoveryAction) {
    case 'authenticate': return null;
    case 'do_not_retry': return new Weighted<AdviceCode | null>([['do_not_try_again', USUALLY], [null, 1 - USUALLY]]);
    case 'request_card': return new Weighted<AdviceCode | null>([['confirm_card_data', USUALLY], [null, 1 - USUALLY]]);
    case 'retry_eligible':
    case 'contact_customer':
      return new Weighted<AdviceCode | null>([['try_again_later', SOMETIMES], ['do_not_try_again', RARELY], [null, 1 - SOMETIMES - RARELY]]);
  }
}
