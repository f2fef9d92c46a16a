/** The failure-spike episodes as the alerts code finds them and GET /api/overview/alerts shows them. */

export interface AlertReason {
  category: string;
  declineCode: string | null;
  count: number;
}

export interface AlertEpisode {
  currency: string;
  /** The scheduled check that first saw the spike (ISO 8601, UTC). */
  startedAt: string;
  /** The check that saw the rate back near the baseline; null while ongoing. */
  endedAt: string | null;
  /** Failed ÷ (succeeded + failed) from the start of the window that fired to the end (or the last check). */
  failureRate: number;
  /** The trailing baseline's rate when the episode started. */
  baselineRate: number;
  attempts: number;
  failures: number;
  topReasons: AlertReason[];
}

export interface OverviewAlertEpisode extends AlertEpisode {
  /** Reporting-zone days the episode touches (lastDay: the day it ended, or today while ongoing). */
  firstDay: string;
  lastDay: string;
  /** The payments explorer filtered to the episode's first day, currency and failed status. */
  explorerPath: string;
}

export interface AlertsResponse {
  currency: string | null;
  episodes: OverviewAlertEpisode[];
}
