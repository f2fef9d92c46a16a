import { OVERVIEW_RANGE_POLICY } from '../../cache/cache-policy.ts';
import { backtestEpisodes } from '../../alerts/backtest.ts';
import { explorerPath } from '../../alerts/messages.ts';
import type { AlertEpisode } from '../../alerts/episodes.ts';
import type { Deps } from '../deps.ts';
import { todayIn } from '../params/calendar-date.ts';
import { cachedJson } from '../respond.ts';
import { parseOverviewRequest } from './overview-request.ts';

export interface OverviewAlertEpisode extends AlertEpisode {
  /** Reporting-zone days the episode touches (lastDay: the day it ended, or today while ongoing). */
  firstDay: string;
  lastDay: string;
  /** The payments explorer filtered to the episode's first day, currency and failed status. */
  explorerPath: string;
}

export interface OverviewAlertsResponse {
  currency: string | null;
  episodes: OverviewAlertEpisode[];
}

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
  } satisfies OverviewAlertsResponse;
  return cachedJson(body, OVERVIEW_RANGE_POLICY, generatedAt);
}
