/**
 * What the detail panel says about a payment intent's attempts: each attempt numbered in order,
 * the one the user expanded marked, each failure named by its category as the list names it (with
 * the issuer's reason beside it when that says more), and the outcome of the whole intent.
 */
import { failureCategoryLabel } from '../../ui/labels.ts';
import { attemptReason } from './payment-labels.ts';

/** One attempt as /api/payments/{id} returns it. */
export interface PaymentAttempt {
  chargeId: string;
  createdAt: string;
  amount: number;
  status: string;
  failureCode: string | null;
  declineCode: string | null;
  failureCategory: string | null;
}

export interface RetryHistoryAttempt extends PaymentAttempt {
  number: number;
  isCurrent: boolean;
  /** The failure category in the list's words ("Card declined"); '' unless the attempt failed. */
  failure: string;
  /** The decline or failure code in words ("Do not honor"); '' when it only repeats `failure`. */
  reason: string;
}

function failureOf(attempt: PaymentAttempt): { failure: string; reason: string } {
  if (attempt.status !== 'failed') return { failure: '', reason: '' };
  const failure = failureCategoryLabel(attempt.failureCategory);
  const reason = attemptReason(attempt);
  return { failure, reason: reason.toLowerCase() === failure.toLowerCase() ? '' : reason };
}

export type FinalOutcome = 'recovered' | 'succeeded' | 'failed' | 'pending';

export interface RetryHistory {
  attempts: RetryHistoryAttempt[];
  outcome: FinalOutcome;
  /** e.g. "Recovered — succeeded on attempt 3 of 3." */
  summary: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `attempts` in the order the API gives them (the intent's attempt order). */
export function summarizeRetryHistory(attempts: readonly PaymentAttempt[], currentChargeId: string): RetryHistory {
  const numbered = attempts.map((attempt, index) => ({
    ...attempt,
    number: index + 1,
    isCurrent: attempt.chargeId === currentChargeId,
    ...failureOf(attempt),
  }));
  const total = numbered.length;
  const success = numbered.find((attempt) => attempt.status === 'succeeded');
  const last = numbered[total - 1];
  if (success) {
    if (success.number === 1) {
      return { attempts: numbered, outcome: 'succeeded', summary: total === 1 ? 'Succeeded on the first attempt.' : `Succeeded on the first attempt (${plural(total, 'attempt')} in all).` };
    }
    return { attempts: numbered, outcome: 'recovered', summary: `Recovered — succeeded on attempt ${success.number} of ${total}.` };
  }
  if (last?.status === 'pending') {
    return { attempts: numbered, outcome: 'pending', summary: `Still pending — attempt ${last.number} has no result yet.` };
  }
  return {
    attempts: numbered,
    outcome: 'failed',
    summary: total <= 1 ? 'Not recovered — the only attempt failed.' : `Not recovered — all ${total} attempts failed.`,
  };
}

/** Stripe's recommended ceiling as /api/payments/{id} gives it. */
export interface RetryLimit {
  maxRetries: number;
  maxAttempts: number;
}

/**
 * The attempt number against Stripe's recommended maximum, short enough to sit beside the status:
 * "attempt 3 (max 9)"; past it the same words, marked `over`. `title` says where
 * the ceiling comes from; `over` marks an attempt the recommendation did not allow.
 */
export function attemptAgainstLimit(attemptNumber: number, limit: RetryLimit): { text: string; title: string; over: boolean } {
  const title = `Stripe recommends at most ${limit.maxRetries} retries (${limit.maxAttempts} attempts) of a charge that permits retries`;
  return { text: `attempt ${attemptNumber} (max ${limit.maxAttempts})`, title, over: attemptNumber > limit.maxAttempts };
}
