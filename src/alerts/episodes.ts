/**
 * Episodes from the marts: one read-only aggregate query of per-slot counts, the pure detection
 * over it, and each reported episode's top failure reasons. Used by the backtest, the scheduled
 * check and the Overview's list.
 */
import type { DetectionSettings } from '../config/alert-settings.ts';
import { getAlertSlotCounts } from '../queries/alert-slot-counts.ts';
import type { AlertEpisode } from '../contract/alerts.ts';
import { getAlertTopReasons } from '../queries/alert-top-reasons.ts';
import type { MartSource } from '../queries/mart-source.ts';
import { detectEpisodes, slotsBeforeTick, type DetectedEpisode, type TickSpan } from './detect.ts';

/** How far back a check replays to know the state at its tick; an episode longer than this is seen from its middle. */
export const REPLAY_DAYS = 7;

export function slotMsOf(settings: Pick<DetectionSettings, 'intervalMinutes'>): number {
  return settings.intervalMinutes * 60_000;
}

/** The scheduled tick at or just before an instant (absolute slot index). */
export function tickAtOrBefore(instant: Date, settings: Pick<DetectionSettings, 'intervalMinutes'>): number {
  return Math.floor(instant.getTime() / slotMsOf(settings));
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

export interface FoundEpisode {
  detected: DetectedEpisode;
  episode: AlertEpisode;
}

/**
 * The episodes the checks at ticks span.from … span.to see. `withReasons` picks the ones worth a
 * top-reasons query (all of them for a report; only those being announced for a check).
 */
export async function findEpisodes(
  source: MartSource,
  settings: DetectionSettings,
  span: TickSpan,
  withReasons: (episode: DetectedEpisode) => boolean = () => true,
  currency: string | null = null,
): Promise<FoundEpisode[]> {
  const slotMs = slotMsOf(settings);
  const counts = await getAlertSlotCounts(source, slotMs, span.from - slotsBeforeTick(settings), span.to, currency);
  const detected = detectEpisodes(counts, settings, span);
  const found: FoundEpisode[] = [];
  for (const episode of detected) {
    const end = episode.endTick ?? span.to;
    const topReasons = withReasons(episode)
      ? await getAlertTopReasons(source, episode.currency, new Date(episode.firstWindowSlot * slotMs), new Date(end * slotMs))
      : [];
    found.push({
      detected: episode,
      episode: {
        currency: episode.currency,
        startedAt: new Date(episode.startTick * slotMs).toISOString(),
        endedAt: episode.endTick === null ? null : new Date(episode.endTick * slotMs).toISOString(),
        failureRate: round(episode.attempts > 0 ? episode.failures / episode.attempts : 0),
        baselineRate: round(episode.baselineRate),
        attempts: episode.attempts,
        failures: episode.failures,
        topReasons,
      },
    });
  }
  return found.sort((a, b) => a.episode.startedAt.localeCompare(b.episode.startedAt) || a.episode.currency.localeCompare(b.episode.currency));
}
