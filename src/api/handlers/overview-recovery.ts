import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { getDailyMartRows } from '../../queries/daily-mart-rows.ts';
import type { Deps } from '../deps.ts';
import { addDays, eachDay, todayIn } from '../../contract/calendar-date.ts';
import type { RecoveryResponse } from '../../contract/overview.ts';
import { rate } from '../rates.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

/**
 * Dunning schedules (Stripe's Smart Retries default included) keep retrying for up to about two
 * weeks, so an intent that first failed less than this many days ago may still be recovered.
 */
const RECOVERY_MATURING_DAYS = 14;

/**
 * GET /api/overview/recovery: recovery rate by the date of the intent's first failure, and the
 * range's current rate (Σ recovered / Σ retried). Days from `maturingFrom` on are still maturing:
 * their rate can only go up as late retries land, and the chart says so.
 */
export async function handleOverviewRecovery(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps, 'daily');
  const rows = currency ? await getDailyMartRows(deps, currency, range) : [];
  const byDate = new Map(rows.map((row) => [row.date, row]));
  const dates = eachDay(range.from, range.to);
  const retried = dates.map((date) => byDate.get(date)?.retried ?? 0);
  const recovered = dates.map((date) => byDate.get(date)?.recovered ?? 0);
  const totalRetried = retried.reduce((a, b) => a + b, 0);
  const totalRecovered = recovered.reduce((a, b) => a + b, 0);
  const maturingFrom = addDays(todayIn(deps.config.reportingTimezone, generatedAt), -(RECOVERY_MATURING_DAYS - 1));
  const body = {
    currency,
    dates,
    rate: dates.map((_, i) => rate(recovered[i]!, retried[i]!)),
    retried,
    recovered,
    current: { rate: rate(totalRecovered, totalRetried), retried: totalRetried, recovered: totalRecovered },
    maturingFrom,
    maturing: dates.map((date) => date >= maturingFrom),
  } satisfies RecoveryResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
