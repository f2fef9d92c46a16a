/**
 * How a failed attempt is followed up: whether the intent is tried again, after how long, and how
 * likely the next attempt is to succeed, all by the recovery action the decline-code mapping
 * (src/marts/stripe_decline_codes.csv) gives the failure.
 */
import type { DeclineCode } from '../marts/decline-codes.ts';
import { DAY, HOUR, MINUTE, SECOND } from './durations.ts';
import { Weighted, type Random } from './random.ts';

export interface Decline {
  code: string;
  entry: DeclineCode;
}

/** A weighted table of decline codes, each joined to its mapping entry (a code the CSV lacks is an error). */
export function declineTable(entries: readonly (readonly [string, number])[], mapping: ReadonlyMap<string, DeclineCode>): Weighted<Decline> {
  return new Weighted(entries.map(([code, weight]) => {
    const entry = mapping.get(code);
    if (!entry) throw new Error(`decline code ${code} is not in stripe_decline_codes.csv`);
    return [{ code, entry }, weight] as const;
  }));
}

/** Probability that the next attempt succeeds, after a failure with this mapping entry. */
export function retrySuccess(entry: DeclineCode): number {
  switch (entry.recoveryAction) {
    case 'authenticate': return 0.72;
    case 'request_card': return 0.78; // the customer brought a new card or fixed the details
    case 'contact_customer': return 0.4;
    case 'do_not_retry': return 0;
    case 'retry_eligible':
      if (entry.failureCategory === 'processing_error') return 0.85;
      if (entry.failureCategory === 'insufficient_funds') return 0.4;
      return 0.45;
  }
}

/** Probability that an intent is tried again after this failure. */
export function retryChance(entry: DeclineCode, automatic: boolean): number {
  switch (entry.recoveryAction) {
    case 'retry_eligible': return automatic ? 0.92 : 0.6;
    case 'authenticate': return 0.7;
    case 'request_card': return automatic ? 0.45 : 0.6;
    case 'contact_customer': return 0.3;
    case 'do_not_retry': return 0;
  }
}

/** Delay before the next attempt: dunning schedules retry over days, customers within minutes to hours. */
export function retryDelay(rng: Random, entry: DeclineCode, automatic: boolean): number {
  let median: number;
  let sigma: number;
  let min: number;
  let max: number;
  if (automatic) {
    switch (entry.recoveryAction) {
      case 'authenticate': [median, sigma, min, max] = [10 * HOUR, 1, 10 * MINUTE, 7 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [30 * HOUR, 0.9, 10 * MINUTE, 10 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [3 * DAY, 0.5, 6 * HOUR, 14 * DAY]; break;
      default: [median, sigma, min, max] = [36 * HOUR, 0.45, 2 * HOUR, 7 * DAY];
    }
  } else {
    switch (entry.recoveryAction) {
      case 'authenticate': [median, sigma, min, max] = [20 * MINUTE, 1.2, 30 * SECOND, 2 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [40 * MINUTE, 1.5, 1 * MINUTE, 5 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [1 * DAY, 0.8, 1 * HOUR, 10 * DAY]; break;
      default: [median, sigma, min, max] = [3 * HOUR, 1.3, 1 * MINUTE, 4 * DAY];
    }
  }
  return Math.min(max, Math.max(min, rng.logNormal(median, sigma)));
}
