import { FILTERS_POLICY } from '../../cache/cache-policy.ts';
import { getFilterOptions } from '../../queries/filter-options.ts';
import { PAYMENT_STATUSES } from '../../queries/payment-filters-sql.ts';
import type { Deps } from '../deps.ts';
import { cachedJson } from '../respond.ts';

/** GET /api/filters: what the explorer's dropdowns offer. */
export async function handleFilters(_request: Request, deps: Deps): Promise<Response> {
  const generatedAt = deps.now();
  const options = await getFilterOptions(deps);
  return cachedJson({ statuses: [...PAYMENT_STATUSES], ...options }, FILTERS_POLICY, generatedAt);
}
