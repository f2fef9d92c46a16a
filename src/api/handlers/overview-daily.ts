import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { getDailyMartRows } from '../../queries/daily-mart-rows.ts';
import type { Deps } from '../deps.ts';
import { eachDay } from '../../contract/calendar-date.ts';
import type { DailyResponse } from '../../contract/overview.ts';
import { rate } from '../rates.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

/**
 * GET /api/overview/daily: columnar series, one entry for every day of the range (zeros on days
 * without charges; successRate null on days without a succeeded or failed charge).
 */
export async function handleOverviewDaily(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps, 'daily');
  const rows = currency ? await getDailyMartRows(deps, currency, range) : [];
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const dates = eachDay(range.from, range.to);
  const body = {
    currency,
    dates,
    revenue: dates.map((date) => byDate.get(date)?.grossRevenue ?? 0),
    successRate: dates.map((date) => {
      const row = byDate.get(date);
      return row ? rate(row.succeeded, row.succeeded + row.failed) : null;
    }),
    attempts: dates.map((date) => byDate.get(date)?.attempts ?? 0),
  } satisfies DailyResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
