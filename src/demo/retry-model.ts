/**
 * How a failed attempt is followed up: whether the intent is tried again, after how long, and how
 * likely the next attempt is to succeed, all by the failure's action: the one the decline-code
 * mapping (src/marts/stripe_decline_codes.csv) gives, overridden by the charge's advice code as
 * the dashboard does (src/marts/recovery-advice.ts). A do-not-retry failure is never retried here;
 * the demo's deliberate exceptions are retry-lapses.ts.
 */
import type { DeclineCode, RecoveryAction } from '../marts/decline-codes.ts';
import { ADVICE_CODE_ACTIONS, type AdviceCode } from '../marts/recovery-advice.ts';
import { adviceDraw, type AdviceDraw } from './advice-codes.ts';
import { DAY, HOUR, MINUTE, SECOND } from './durations.ts';
import { Weighted, type Random } from './random.ts';

export interface Decline {
  code: string;
  entry: DeclineCode;
  advice: AdviceDraw;
}

/** One failed attempt: its decline, the advice code the issuer gave with it, and the action they add up to. */
export interface Failure {
  decline: Decline;
  advice: AdviceCode | null;
  action: RecoveryAction;
}

/** A weighted table of decline codes, each joined to its mapping entry (a code the CSV lacks is an error). */
export function declineTable(entries: readonly (readonly [string, number])[], mapping: ReadonlyMap<string, DeclineCode>): Weighted<Decline> {
  return new Weighted(entries.map(([code, weight]) => {
    const entry = mapping.get(code);
    if (!entry) throw new Error(`decline code ${code} is not in stripe_decline_codes.csv`);
    return [{ code, entry, advice: adviceDraw(code, entry) }, weight] as const;
  }));
}

/** The failure a decline makes, with its advice code drawn (a draw only where the code may or may not carry one). */
export function failureOf(decline: Decline, rng: Random): Failure {
  const draw = decline.advice;
  const advice = draw === null || typeof draw === 'string' ? draw : draw.pick(rng.next());
  return { decline, advice, action: advice ? ADVICE_CODE_ACTIONS[advice] : decline.entry.recoveryAction };
}

/** Probability that the next attempt succeeds, after this failure. */
export function retrySuccess(failure: Failure): number {
  switch (failure.action) {
    case 'authenticate': return 0.72;
    case 'request_card': return 0.78; // the customer brought a new card or fixed the details
    case 'contact_customer': return 0.4;
    case 'do_not_retry': return 0.05; // only the deliberate bad retries get here: issuers rarely change their mind
    case 'retry_eligible':
      if (failure.decline.entry.failureCategory === 'processing_error') return 0.85;
      if (failure.decline.entry.failureCategory === 'insufficient_funds') return 0.4;
      return 0.45;
  }
}

/** Probability that an intent is tried again after a failure with this action. */
export function retryChance(action: RecoveryAction, automatic: boolean): number {
  switch (action) {
    case 'retry_eligible': return automatic ? 0.92 : 0.6;
    case 'authenticate': return 0.7;
    case 'request_card': return automatic ? 0.45 : 0.6;
    case 'contact_customer': return 0.3;
    case 'do_not_retry': return 0;
  }
}

/** Delay before the next attempt: dunning schedules retry over days, customers within minutes to hours. */
export function retryDelay(rng: Random, action: RecoveryAction, automatic: boolean): number {
  let median: number;
  let sigma: number;
  let min: number;
  let max: number;
  if (automatic) {
    switch (action) {
      case 'authenticate': [median, sigma, min, max] = [10 * HOUR, 1, 10 * MINUTE, 7 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [30 * HOUR, 0.9, 10 * MINUTE, 10 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [3 * DAY, 0.5, 6 * HOUR, 14 * DAY]; break;
      default: [median, sigma, min, max] = [36 * HOUR, 0.45, 2 * HOUR, 7 * DAY];
    }
  } else {
    switch (action) {
      case 'authenticate': [median, sigma, min, max] = [20 * MINUTE, 1.2, 30 * SECOND, 2 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [40 * MINUTE, 1.5, 1 * MINUTE, 5 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [1 * DAY, 0.8, 1 * HOUR, 10 * DAY]; break;
      default: [median, sigma, min, max] = [3 * HOUR, 1.3, 1 * MINUTE, 4 * DAY];
    }
  }
  return Math.min(max, Math.max(min, rng.logNormal(median, sigma)));
}
