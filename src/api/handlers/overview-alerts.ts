import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { backtestEpisodes } from '../../alerts/backtest.ts';
import { explorerPath } from '../../alerts/messages.ts';
import type { AlertsResponse } from '../../contract/alerts.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../../contract/calendar-date.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

/**
 * GET /api/overview/alerts: the failure-spike episodes the scheduled checks saw in the range and
 * currency (the same replay as `npm run alerts -- --backtest`), oldest first.
 */
export async function handleOverviewAlerts(request: Request, deps: Deps): Promise<Response> {
  const { range, currency, generatedAt } = await parseOverviewRequest(request, deps);
  const zone = deps.config.reportingTimezone;
  const episodes = currency ? await backtestEpisodes(deps, deps.config.alerts, range, zone, deps.now(), currency) : [];
  const body = {
    currency,
    episodes: episodes.map((episode) => ({
      ...episode,
      firstDay: todayIn(zone, new Date(episode.startedAt)),
      lastDay: todayIn(zone, episode.endedAt ? new Date(episode.endedAt) : deps.now()),
      explorerPath: explorerPath(episode, zone),
    })),
  } satisfies AlertsResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
