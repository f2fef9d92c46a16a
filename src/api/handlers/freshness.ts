import { FRESHNESS_POLICY } from '../../cache/cache-policy.ts';
import { getDataFreshness } from '../../queries/data-freshness.ts';
import type { FreshnessResponse } from '../../contract/freshness.ts';
import type { Deps } from '../deps.ts';
import { cachedJson } from '../respond.ts';

const HOUR_MS = 3_600_000;

/** Unquoted `schema.table`, as a person would type it. */
function martName(schema: string, table: string): string {
  return `${schema}.${table}`;
}

/**
 * GET /api/freshness: how far the marts reach, and `stale` when the newest charge is older than
 * STALE_AFTER_HOURS (an empty detail mart is stale too: nothing says the job ran).
 */
export async function handleFreshness(_request: Request, deps: Deps): Promise<Response> {
  const generatedAt = deps.now();
  const { newestChargeAt, dailyMartThrough } = await getDataFreshness(deps);
  const { staleAfterHours, martSchema, paymentsTable, dailyTable } = deps.config;
  const stale = newestChargeAt === null || generatedAt.getTime() - Date.parse(newestChargeAt) > staleAfterHours * HOUR_MS;
  const body = {
    newestChargeAt,
    dailyMartThrough,
    staleAfterHours,
    stale,
    marts: { payments: martName(martSchema, paymentsTable), daily: martName(martSchema, dailyTable) },
  } satisfies FreshnessResponse;
  return cachedJson(body, FRESHNESS_POLICY, generatedAt);
}
