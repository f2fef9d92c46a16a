import type { IsoDate } from '../ui/date-range.ts';

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
  const step = DAY_STEPS.find((s) => Math.ceil(days / s) <= room);
  if (step !== undefined) return Array.from({ length: Math.ceil(days / step) }, (_, i) => first + i * step * DAY).filter((x) => x <= last);
  const start = new Date(first * 1000);
  // The first of the month on or after the first day.
  let month = start.getUTCFullYear() * 12 + start.getUTCMonth() + (start.getUTCDate() === 1 ? 0 : 1);
  const lastDate = new Date(last * 1000);
  const lastMonth = lastDate.getUTCFullYear() * 12 + lastDate.getUTCMonth();
  const months = lastMonth - month + 1;
  const monthStep = MONTH_STEPS.find((s) => Math.ceil(months / s) <= room) ?? MONTH_STEPS[MONTH_STEPS.length - 1]!;
  // Yearly steps and longer start in January, so the labels read as whole years.
  if (monthStep >= 12) month += (12 - (month % 12)) % 12;
  // A month start closer to either edge than half a label ("Dec 2026" is ~52 px) would have its
  // label cut by the canvas.
  const margin = labelPx * 0.4 * ((days * DAY) / widthPx);
  const splits: number[] = [];
  for (; month <= lastMonth; month += monthStep) splits.push(Date.UTC(Math.floor(month / 12), month % 12, 1) / 1000);
  return splits.filter((x) => x - (first - DAY / 2) >= margin && last + DAY / 2 - x >= margin);
}

/** Whether the splits are month starts rather than days (so their labels name month and year). */
export function monthlyTicks(splits: readonly number[]): boolean {
  return splits.length > 1 && (splits[1]! - splits[0]!) > 27 * DAY && splits.every((x) => new Date(x * 1000).getUTCDate() === 1);
}
