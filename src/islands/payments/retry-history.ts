/**
 * What the detail panel says about a payment intent's attempts: each attempt numbered in order,
 * the one the user expanded marked, and the outcome of the whole intent in one sentence.
 */
import { attemptReason } from './payment-labels.ts';

/** One attempt as /api/payments/{id} returns it. */
export interface PaymentAttempt {
  chargeId: string;
  createdAt: string;
  amount: number;
  status: string;
  failureCode: string | null;
  declineCode: string | null;
}

export interface RetryHistoryAttempt extends PaymentAttempt {
  number: number;
  isCurrent: boolean;
  reason: string;
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
    reason: attemptReason(attempt),
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
