/**
 * Failure-spike detection as a pure function of per-slot counts (see README "Failure-spike
 * alerts" for the rule and why). Time is cut into slots one check interval long; the check at
 * tick k (the instant slot k begins) sees slots before k only, so a check is a function of
 * complete slots and re-running it for the same tick gives the same answer.
 *
 * Per currency, a small state machine walks the ticks:
 * - quiet → episode when the window ending at the tick has enough attempts and failures, a rate at
 *   least `minRise` above the trailing baseline, and a failure count the baseline rate makes less
 *   likely than `sensitivity` standard deviations (exact binomial tail, so small windows are
 *   judged by their real odds, not a normal approximation);
 * - episode → quiet when the window's rate is back within half of `minRise` of the baseline frozen
 *   at the start (the incident must not become its own baseline), on a window with enough attempts.
 */
import type { DetectionSettings } from '../config/alert-settings.ts';
import type { SlotCounts } from '../queries/alert-slot-counts.ts';
import { binomialUpperTail, normalUpperTail } from './significance.ts';

/** An episode in slot units; `attempts`/`failures` span firstWindowSlot up to the end (or the last tick seen). */
export interface DetectedEpisode {
  currency: string;
  /** The tick whose check first saw the spike. */
  startTick: number;
  /** The tick whose check saw the rate back near the baseline; null while ongoing. */
  endTick: number | null;
  /** First slot of the window that fired: where the episode's counts begin. */
  firstWindowSlot: number;
  baselineRate: number;
  attempts: number;
  failures: number;
}

export interface TickSpan {
  /** First tick checked (absolute slot index). */
  from: number;
  /** Last tick checked, inclusive. */
  to: number;
}

/** Slots of history a check at some tick reads: the widest window plus the baseline before it. */
export function slotsBeforeTick(settings: DetectionSettings): number {
  const perHour = 60 / settings.intervalMinutes;
  return settings.maxWindowHours * perHour + settings.baselineDays * 24 * perHour;
}

/** Cumulative sums with a leading zero: sum of slots [a, b) = prefix[b] − prefix[a]. */
function prefixSums(values: Float64Array): Float64Array {
  const prefix = new Float64Array(values.length + 1);
  for (let i = 0; i < values.length; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  return prefix;
}

/**
 * Every episode of every currency seen by the checks at ticks span.from … span.to. The counts must
 * cover slots from span.from − slotsBeforeTick(settings) up to span.to (missing slots count as
 * zero, which only makes a check quieter).
 */
export function detectEpisodes(counts: SlotCounts, settings: DetectionSettings, span: TickSpan): DetectedEpisode[] {
  const perHour = 60 / settings.intervalMinutes;
  const minWindow = settings.windowMinutes / settings.intervalMinutes;
  const maxWindow = settings.maxWindowHours * perHour;
  const baselineSlots = settings.baselineDays * 24 * perHour;
  const alpha = normalUpperTail(settings.sensitivity);
  const episodes: DetectedEpisode[] = [];

  for (const [currency, series] of [...counts.currencies].sort(([a], [b]) => a.localeCompare(b))) {
    const attempts = prefixSums(series.attempts);
    const failures = prefixSums(series.failures);
    // Sums over absolute slots [a, b), clamped to the data held.
    const index = (slot: number) => Math.min(counts.length, Math.max(0, slot - counts.firstSlot));
    const sumOf = (prefix: Float64Array, a: number, b: number) => prefix[index(b)]! - prefix[index(a)]!;

    let open: DetectedEpisode | null = null;
    for (let tick = span.from; tick <= span.to; tick++) {
      let width = minWindow;
      let n = sumOf(attempts, tick - width, tick);
      while (n < settings.minAttempts && width < maxWindow) {
        width++;
        n = sumOf(attempts, tick - width, tick);
      }
      if (n < settings.minAttempts) continue; // too quiet to say anything either way
      const f = sumOf(failures, tick - width, tick);
      const rate = f / n;

      if (open) {
        if (rate <= open.baselineRate + settings.minRise / 2) {
          open.endTick = tick;
          open = null;
        }
        continue;
      }

      const baselineAttempts = sumOf(attempts, tick - width - baselineSlots, tick - width);
      if (baselineAttempts < settings.minAttempts) continue; // no history to compare with yet
      const baselineFailures = sumOf(failures, tick - width - baselineSlots, tick - width);
      // Smoothed so a spotless baseline (0 failures) still gives a finite, sensible test.
      const baselineRate = (baselineFailures + 1) / (baselineAttempts + 2);
      if (
        f >= settings.minFailures &&
        rate - baselineRate >= settings.minRise &&
        binomialUpperTail(f, n, baselineRate) <= alpha
      ) {
        open = { currency, startTick: tick, endTick: null, firstWindowSlot: tick - width, baselineRate, attempts: 0, failures: 0 };
        episodes.push(open);
      }
    }
    for (const episode of episodes) {
      if (episode.currency !== currency) continue;
      const end = episode.endTick ?? span.to;
      episode.attempts = sumOf(attempts, episode.firstWindowSlot, end);
      episode.failures = sumOf(failures, episode.firstWindowSlot, end);
    }
  }
  return episodes;
}
