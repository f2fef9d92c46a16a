import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { RECOMMENDED_MAX_ATTEMPTS, RECOMMENDED_MAX_RETRIES } from '../../marts/recovery-advice.ts';
import { getRetryHygiene, type RetryHygieneRow } from '../../queries/retry-hygiene.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

export interface RetryHygieneResponse extends RetryHygieneRow {
  currency: string | null;
  /** Stripe: "We recommend a maximum of eight retries for charges that permit retries." */
  recommendedMaxRetries: number;
  recommendedMaxAttempts: number;
}

const NONE: RetryHygieneRow = {
  retries: 0,
  afterHardDecline: { attempts: 0, intents: 0, customers: 0, amount: 0, succeeded: 0 },
  pastMaxAttempts: { attempts: 0, intents: 0, amount: 0 },
};

/**
 * GET /api/overview/retry-hygiene: the range's retries that break the networks' and Stripe's
 * rules: attempts on a card after a do-not-retry decline of the same intent, and attempts past
 * Stripe's recommended eight retries. The explorer's `hygiene` filter lists exactly these charges.
 */
export async function handleOverviewRetryHygiene(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  const hygiene = currency ? await getRetryHygiene(await paymentsSource(deps), currency, range) : NONE;
  const body: RetryHygieneResponse = {
    currency, recommendedMaxRetries: RECOMMENDED_MAX_RETRIES, recommendedMaxAttempts: RECOMMENDED_MAX_ATTEMPTS, ...hygiene,
  };
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
