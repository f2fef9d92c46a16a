import { CACHE_TAGS } from '../../cache/cache-policy.ts';
import type { RefreshResponse } from '../../contract/service.ts';
import { AppError } from '../../http/app-error.ts';
import { jsonResponse } from '../../http/json-response.ts';
import type { Deps } from '../deps.ts';

/**
 * POST /api/refresh: the refresh button. Drops every cached overview and payments response
 * (in-process on Node, by cache tag on Netlify) so the next load reads the database.
 */
export async function handleRefresh(_request: Request, deps: Deps): Promise<Response> {
  const tags = [...CACHE_TAGS];
  try {
    await deps.purgeCache?.(tags);
  } catch (error) {
    deps.log(`cache purge failed: ${error instanceof Error ? error.message : String(error)}`);
    throw new AppError(502, 'purge_failed', 'The cached data could not be cleared. Please try again in a moment.', { cause: error });
  }
  const body = { refreshed: true, tags, at: deps.now().toISOString() } satisfies RefreshResponse;
  return jsonResponse(body, { headers: { 'cache-control': 'no-store' } });
}
