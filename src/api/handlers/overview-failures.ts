import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import type { FailuresResponse } from '../../contract/overview.ts';
import { getFailureCategories } from '../../queries/failure-categories.ts';
import type { Deps } from '../deps.ts';
import { rate } from '../rates.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

/**
 * GET /api/overview/failures: failed charges by category. `share` is the category's part of the
 * failed charges (by count); `lostRevenue` counts only charges whose intent never succeeded.
 */
export async function handleOverviewFailures(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  const rows = currency ? await getFailureCategories(deps, currency, range) : [];
  const failedCount = rows.reduce((sum, row) => sum + row.count, 0);
  const body = {
    currency,
    categories: rows.map((row) => ({ ...row, share: rate(row.count, failedCount) ?? 0 })),
  } satisfies FailuresResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
