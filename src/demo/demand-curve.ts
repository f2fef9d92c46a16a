import { DAY, HOUR } from './durations.ts';

/** UTC hour-of-day demand (customers mostly in the Americas and Europe). */
const HOUR_FACTOR = [
  0.75, 0.65, 0.55, 0.45, 0.38, 0.35, 0.38, 0.48, 0.62, 0.75, 0.85, 0.92,
  0.98, 1.05, 1.15, 1.22, 1.25, 1.25, 1.22, 1.15, 1.08, 1.0, 0.92, 0.83,
];
/** Sunday … Saturday: weekends are quieter. */
const WEEKDAY_FACTOR = [0.72, 1.05, 1.08, 1.06, 1.04, 0.98, 0.7];

/**
 * The cumulative demand curve over the window (weekday pattern × hour of day × gentle growth and
 * seasonality), in hour slots: `timeAt(q)` maps a share q in [0, 1) of all activity to the moment
 * by which that share has happened. Called with increasing q, so it walks forward instead of
 * searching.
 */
export class DemandCurve {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly cumulative: Float64Array;
  private slot = 0;

  constructor(startMs: number, endMs: number) {
    const first = Math.floor(startMs / HOUR);
    const last = Math.ceil(endMs / HOUR) - 1;
    const count = Math.max(1, last - first + 1);
    this.starts = new Float64Array(count);
    this.ends = new Float64Array(count);
    this.cumulative = new Float64Array(count);
    const span = endMs - startMs;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const lo = Math.max((first + i) * HOUR, startMs);
      const hi = Math.min((first + i + 1) * HOUR, endMs);
      const mid = (lo + hi) / 2;
      const hourSlot = Math.floor(mid / HOUR);
      const weekday = (Math.floor(mid / DAY) + 4) % 7; // 1970-01-01 was a Thursday
      const progress = span > 0 ? (mid - startMs) / span : 1;
      const growth = 0.8 + 0.2 * progress;
      const season = 1 + 0.05 * Math.sin((2 * Math.PI * mid) / (365.25 * DAY));
      const weight = Math.max(0, hi - lo) * HOUR_FACTOR[hourSlot % 24]! * WEEKDAY_FACTOR[weekday]! * growth * season;
      total += weight;
      this.starts[i] = lo;
      this.ends[i] = hi;
      this.cumulative[i] = total;
    }
    for (let i = 0; i < count; i++) this.cumulative[i] = this.cumulative[i]! / (total || 1);
  }

  timeAt(q: number): number {
    const cumulative = this.cumulative;
    while (this.slot < cumulative.length - 1 && q >= cumulative[this.slot]!) this.slot++;
    const before = this.slot > 0 ? cumulative[this.slot - 1]! : 0;
    const width = cumulative[this.slot]! - before;
    const fraction = width > 0 ? Math.min(1, Math.max(0, (q - before) / width)) : 0;
    return this.starts[this.slot]! + fraction * (this.ends[this.slot]! - this.starts[this.slot]!);
  }
}
