import type { ChargeRow } from '../../src/marts/charge-row.ts';

/**
 * The Overview's retry-hygiene numbers worked out from the rows themselves, without SQL, so a test
 * can compare them with what GET /api/overview/retry-hygiene answers: the range's retries (by
 * when they were made, UTC dates), those made after a do-not-retry failure of the same intent on
 * the same card (the mapped action, overridden by the advice code), and those past attempt 9
 * (Stripe's recommended eight retries).
 */
const ADVICE_ACTION: Readonly<Record<string, string>> = { do_not_try_again: 'do_not_retry', confirm_card_data: 'request_card', try_again_later: 'retry_eligible' };

export interface HygieneCounts {
  retries: number;
  afterHardDecline: { attempts: number; intents: number; customers: number; amount: number; succeeded: number };
  pastMaxAttempts: { attempts: number; intents: number; amount: number };
}

export function actionOf(row: ChargeRow): string | null {
  return (row.advice_code ? ADVICE_ACTION[row.advice_code] : undefined) ?? row.recovery_action;
}

/** Whether `row` retries its intent on the same card after one of `attempts` failed with a do-not-retry action. */
export function isRetryAfterHardDecline(row: ChargeRow, attempts: readonly ChargeRow[]): boolean {
  return row.payment_intent_id !== null && row.attempt_number > 1 && attempts.some((earlier) => earlier.attempt_number < row.attempt_number
    && earlier.status === 'failed' && earlier.card_brand === row.card_brand && earlier.card_last4 === row.card_last4
    && actionOf(earlier) === 'do_not_retry');
}

/** Each payment intent's attempts, in attempt order. */
export function attemptsByIntent(rows: readonly ChargeRow[]): Map<string, ChargeRow[]> {
  const byIntent = new Map<string, ChargeRow[]>();
  for (const row of rows) {
    if (row.payment_intent_id === null) continue;
    const attempts = byIntent.get(row.payment_intent_id);
    if (attempts) attempts.push(row);
    else byIntent.set(row.payment_intent_id, [row]);
  }
  for (const attempts of byIntent.values()) attempts.sort((a, b) => a.attempt_number - b.attempt_number);
  return byIntent;
}

/** The charges that retry after a do-not-retry decline, in `currency` and the range. */
export function retriesAfterHardDecline(rows: readonly ChargeRow[], currency: string, from: string, to: string): ChargeRow[] {
  const byIntent = attemptsByIntent(rows);
  return rows.filter((row) => row.currency === currency && row.created_at.slice(0, 10) >= from && row.created_at.slice(0, 10) <= to
    && isRetryAfterHardDecline(row, byIntent.get(row.payment_intent_id ?? '') ?? []));
}

export function hygieneOf(rows: readonly ChargeRow[], currency: string, from: string, to: string): HygieneCounts {
  const byIntent = attemptsByIntent(rows);
  const retries = rows.filter((row) => row.currency === currency && row.payment_intent_id !== null && row.attempt_number > 1
    && row.created_at.slice(0, 10) >= from && row.created_at.slice(0, 10) <= to);
  const hard = retries.filter((row) => isRetryAfterHardDecline(row, byIntent.get(row.payment_intent_id!)!));
  const past = retries.filter((row) => row.attempt_number > 9);
  const sum = (list: ChargeRow[]) => list.reduce((total, row) => total + row.amount, 0);
  const distinct = (list: ChargeRow[], key: (row: ChargeRow) => string | null) => new Set(list.map(key).filter((v) => v !== null)).size;
  return {
    retries: retries.length,
    afterHardDecline: {
      attempts: hard.length, intents: distinct(hard, (r) => r.payment_intent_id), customers: distinct(hard, (r) => r.customer_id),
      amount: sum(hard), succeeded: hard.filter((row) => row.status === 'succeeded').length,
    },
    pastMaxAttempts: { attempts: past.length, intents: distinct(past, (r) => r.payment_intent_id), amount: sum(past) },
  };
}
