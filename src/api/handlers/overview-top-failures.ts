import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import type { TopFailuresResponse } from '../../contract/overview.ts';
import { loadDeclineCodeMapping } from '../../marts/decline-codes.ts';
import { getTopFailureReasons } from '../../queries/top-failure-reasons.ts';
import { getUnmappedFailureCodes } from '../../queries/unmapped-failure-codes.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

const TOP_FAILURE_REASONS = 10;

/**
 * GET /api/overview/top-failures: the most frequent failure reasons with the recommended action,
 * and the failures whose code the shipped mapping does not know (`unmapped`).
 */
export async function handleOverviewTopFailures(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  if (!currency) return cachedJson({ currency, rows: [], unmapped: { count: 0, codes: [] } } satisfies TopFailuresResponse, OVERVIEW_RANGE_POLICY, generatedAt);
  const [rows, unmapped] = await Promise.all([
    getTopFailureReasons(await paymentsSource(deps), currency, range, TOP_FAILURE_REASONS),
    getUnmappedFailureCodes(deps, currency, range, [...loadDeclineCodeMapping().keys()]),
  ]);
  return cachedJson({ currency, rows, unmapped } satisfies TopFailuresResponse, OVERVIEW_RANGE_POLICY, generatedAt);
}
