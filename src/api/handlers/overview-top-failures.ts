import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { getTopFailureReasons } from '../../queries/top-failure-reasons.ts';
import type { Deps } from '../deps.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

export const TOP_FAILURE_REASONS = 10;

/** GET /api/overview/top-failures: the most frequent failure reasons with the recommended action. */
export async function handleOverviewTopFailures(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  const rows = currency ? await getTopFailureReasons(deps, currency, range, TOP_FAILURE_REASONS) : [];
  return cachedJson({ currency, rows }, OVERVIEW_RANGE_POLICY, generatedAt);
}
