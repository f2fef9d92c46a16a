import { PAYMENT_DETAIL_POLICY } from '../../cache/cache-policy.ts';
import { AppError, badRequest } from '../../http/app-error.ts';
import type { PaymentDetailResponse } from '../../contract/payments.ts';
import { getIntentAttempts, getPaymentDetail } from '../../queries/payment-detail.ts';
import { RECOMMENDED_MAX_ATTEMPTS, RECOMMENDED_MAX_RETRIES } from '../../marts/recovery-advice.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { cachedJson } from '../respond.ts';

/** Stripe charge ids: `ch_` (or `py_` for some payment methods) and base62 characters. */
const CHARGE_ID = /^(ch|py)_[A-Za-z0-9]{1,250}$/;

/** The {charge_id} of /api/payments/{charge_id}, however the adapter routed it there. */
function chargeIdFromPath(pathname: string): string {
  const segment = pathname.replace(/\/+$/, '').split('/').at(-1) ?? '';
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    // Not valid %-encoding: checked as sent, which the pattern below then refuses by name.
    id = segment;
  }
  if (!CHARGE_ID.test(id)) throw badRequest('charge_id', 'charge_id must be a Stripe charge id such as ch_3MmlLrLkdIwHu7ix0snN0B15');
  return id;
}

/** Stripe's recommended ceiling, so the detail can show "attempt 3 of at most 9". */
const RETRY_LIMIT = { maxRetries: RECOMMENDED_MAX_RETRIES, maxAttempts: RECOMMENDED_MAX_ATTEMPTS };

/** GET /api/payments/{charge_id}: the charge in full and every attempt of its payment intent, in order. */
export async function handlePaymentDetail(request: Request, deps: Deps): Promise<Response> {
  const chargeId = chargeIdFromPath(new URL(request.url).pathname);
  const generatedAt = deps.now();
  const source = await paymentsSource(deps);
  const charge = await getPaymentDetail(source, chargeId);
  if (!charge) throw new AppError(404, 'not_found', `No charge ${chargeId} in the payments mart`);
  // A charge without an intent has no retry history: it is its own only attempt.
  const attempts = charge.paymentIntentId
    ? await getIntentAttempts(source, charge.paymentIntentId)
    : [{
      chargeId: charge.chargeId, createdAt: charge.createdAt, amount: charge.amount, status: charge.status, failureCode: charge.failureCode,
      declineCode: charge.declineCode, failureCategory: charge.failureCategory, adviceCode: charge.adviceCode, recoveryAction: charge.recoveryAction, attemptNumber: charge.attemptNumber,
    }];
  return cachedJson({ charge, attempts, retryLimit: RETRY_LIMIT } satisfies PaymentDetailResponse, PAYMENT_DETAIL_POLICY, generatedAt);
}
