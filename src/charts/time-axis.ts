import type { IsoDate } from '../contract/calendar-date.ts';

/** uPlot's x values: seconds since the epoch at UTC midnight of each reporting-zone date. */
export function dateToSeconds(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000;
}

export function secondsToDate(seconds: number): IsoDate {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

const DAY = 86_400;

/** X range padded by half a day each side, so the first and last bars are not cut in half. */
export function paddedDayRange(xs: ArrayLike<number>): [number, number] {
  if (xs.length === 0) return [0, DAY];
  return [xs[0]! - DAY / 2, xs[xs.length - 1]! + DAY / 2];
}

/** Room one date label needs ("Nov 24", "Sep 2026") plus a gap, in CSS pixels. */
export const DAY_LABEL_PX = 64;
const DAY_STEPS = [1, 2, 3, 7, 14] as const;
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120] as const;

/**
 * Where the x axis puts its labels: only on days of the range (never on the padding either side,
 * never twice on one day), spaced so that no two labels overlap in `widthPx`. Short ranges get a
 * label per day, then every 2, 3, 7 or 14 days; ranges of months or years label the first day of
 * every 1, 2, 3, 6, 12… months. uPlot's own time splits are in hours, which on a short range gave
 * "Nov 25, Nov 25, Nov 25" and a tick on the day before the range.
 */
export function dayTickSplits(first: number, last: number, widthPx: number, labelPx = DAY_LABEL_PX): number[] {
  if (!(last >= first)) return Number.isFinite(first) ? [first] : [];
  const days = Math.round((last - first) / DAY) + 1;
  const room = Math.max(1, Math.floor(widthPx / labelPx));
  const dayStep = DAY_STEPS.find((s) => Math.ceil(days / s) <= room);
  if (dayStep !== undefined) return Array.from({ length: Math.ceil(days / dayStep) }, (_, i) => first + i * dayStep * DAY).filter((x) => x <= last);
  // Month starts whose label ("Dec 2026" is ~52 px) fits inside the plot, not cut by its edge.
  const margin = labelPx * 0.4 * ((days * DAY) / widthPx);
  const starts: { x: number; month: number }[] = [];
  const startDate = new Date(first * 1000);
  for (let month = startDate.getUTCFullYear() * 12 + startDate.getUTCMonth(); ; month++) {
    const x = Date.UTC(Math.floor(month / 12), month % 12, 1) / 1000;
    if (x > last + DAY / 2 - margin) break;
    if (x >= first - DAY / 2 + margin) starts.push({ x, month });
  }
  const step = MONTH_STEPS.find((s) => Math.ceil(starts.length / s) <= room) ?? MONTH_STEPS[MONTH_STEPS.length - 1]!;
  // On calendar boundaries (every quarter: Jan, Apr, Jul, Oct; every 2 years: even years) when
  // that still leaves two labels, else every step-th month from the first.
  const aligned = starts.filter(({ month }) => month % step === 0);
  const picked = aligned.length >= 2 || starts.length < 2 ? aligned : starts.filter((_, i) => i % step === 0);
  return (picked.length > 0 ? picked : starts.slice(0, 1)).map(({ x }) => x);
}

/** Whether the splits are month starts rather than days (so their labels name month and year). */
export function monthlyTicks(splits: readonly number[]): boolean {
  return splits.length > 1 && (splits[1]! - splits[0]!) > 27 * DAY && splits.every((x) => new Date(x * 1000).getUTCDate() === 1);
}
