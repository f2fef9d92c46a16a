import { OVERVIEW_BREAKDOWN_POLICY } from '../../cache/cache-policy.ts';
import { previousPeriod, todayIn } from '../../contract/calendar-date.ts';
import { BREAKDOWN_DIMENSIONS, type BreakdownDimension, type BreakdownResponse, type BreakdownRow } from '../../contract/overview.ts';
import type { BreakdownPeriods } from '../../queries/acceptance-breakdown.ts';
import { getAcceptanceBreakdown } from '../../queries/acceptance-source.ts';
import type { Deps } from '../deps.ts';
import { enumParam } from '../params/query-params.ts';
import { rate } from '../rates.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

const DEFAULT_DIMENSION: BreakdownDimension = 'card_brand';

/** Most attempts first; ties by value, charges without one last, so the order never depends on the plan. */
function compareRows(a: BreakdownRow, b: BreakdownRow): number {
  if (a.attempts !== b.attempts) return b.attempts - a.attempts;
  if (a.value === b.value) return 0;
  if (a.value === null) return 1;
  if (b.value === null) return -1;
  return a.value < b.value ? -1 : 1;
}

/** The range's values, each beside its own previous period (0 attempts and a null rate when it had none). */
function breakdownRows(periods: BreakdownPeriods): BreakdownRow[] {
  const before = new Map(periods.previous.map((totals) => [totals.value, totals]));
  return periods.current
    .map(({ value, attempts, succeeded, failed, failedAmount, lostRevenue }) => {
      const earlier = before.get(value);
      return {
        value, attempts, succeeded, failed,
        successRate: rate(succeeded, succeeded + failed),
        failedAmount, lostRevenue,
        previous: {
          attempts: earlier?.attempts ?? 0,
          successRate: earlier ? rate(earlier.succeeded, earlier.succeeded + earlier.failed) : null,
        },
      };
    })
    .sort(compareRows);
}

/**
 * GET /api/overview/breakdown?by=card_brand|card_country|funnel|failure_category: the success rate
 * and failures per value of one dimension, with each value's previous period. `by` defaults to
 * card_brand and is checked before anything touches the database.
 */
export async function handleOverviewBreakdown(request: Request, deps: Deps): Promise<Response> {
  const by = enumParam(new URL(request.url), 'by', BREAKDOWN_DIMENSIONS) ?? DEFAULT_DIMENSION;
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  const periods = currency ? await getAcceptanceBreakdown(deps, currency, by, range, previousPeriod(range, todayIn(deps.config.reportingTimezone, generatedAt))) : { current: [], previous: [] };
  const body = { currency, by, rows: breakdownRows(periods) } satisfies BreakdownResponse;
  return cachedJson(body, OVERVIEW_BREAKDOWN_POLICY, generatedAt);
}
