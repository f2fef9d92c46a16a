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
