/**
 * Replays every scheduled check over a span of reporting-zone days: the episodes those checks
 * would have seen. The replay starts REPLAY_DAYS earlier, as a live check does, so an episode that
 * began before the span is reported as it really began and the answers match the live checks.
 */
import { addDays, type DateRange } from '../contract/calendar-date.ts';
import type { DetectionSettings } from '../config/alert-settings.ts';
import type { MartSource } from '../queries/mart-source.ts';
import type { AlertEpisode } from '../contract/alerts.ts';
import { findEpisodes, REPLAY_DAYS, slotMsOf } from './episodes.ts';
import { startOfDayIn } from './zoned-day.ts';

/** Episodes that were open at some check within the days (both included), up to `now`. */
export async function backtestEpisodes(
  source: MartSource,
  settings: DetectionSettings,
  range: DateRange,
  timeZone: string,
  now: Date,
  currency: string | null = null,
): Promise<AlertEpisode[]> {
  const slotMs = slotMsOf(settings);
  const start = startOfDayIn(range.from, timeZone).getTime();
  const end = Math.min(startOfDayIn(addDays(range.to, 1), timeZone).getTime(), now.getTime());
  // A check at tick t covers (t − interval, t]: the span's first check is the first tick after it begins.
  const first = Math.floor(start / slotMs) + 1;
  const last = Math.floor(end / slotMs);
  if (last < first) return [];
  const ticksPerDay = (24 * 60) / settings.intervalMinutes;
  const inSpan = (startTick: number, endTick: number | null) => startTick <= last && (endTick === null || endTick >= first);
  const found = await findEpisodes(source, settings, { from: first - REPLAY_DAYS * ticksPerDay, to: last }, (d) => inSpan(d.startTick, d.endTick), currency);
  return found.filter(({ detected }) => inSpan(detected.startTick, detected.endTick)).map(({ episode }) => episode);
}
