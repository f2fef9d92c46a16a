import { FILTERS_POLICY } from '../../cache/cache-policy.ts';
import { getFilterOptions } from '../../queries/filter-options.ts';
import { PAYMENT_STATUSES, type FiltersResponse } from '../../contract/payments.ts';
import type { Deps } from '../deps.ts';
import { cachedJson } from '../respond.ts';

/** GET /api/filters: what the explorer's dropdowns offer. */
export async function handleFilters(_request: Request, deps: Deps): Promise<Response> {
  const generatedAt = deps.now();
  const options = await getFilterOptions(deps);
  const body = { statuses: [...PAYMENT_STATUSES], ...options } satisfies FiltersResponse;
  return cachedJson(body, FILTERS_POLICY, generatedAt);
}
