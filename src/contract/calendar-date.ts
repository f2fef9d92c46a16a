/**
 * Calendar dates as 'YYYY-MM-DD' strings, the form the API, the marts and the pages share: the
 * handlers validate and step through them, the pages compute their ranges with the same code.
 * Arithmetic runs on UTC midnights, where every day is 24 hours long, so it is exact whatever
 * the reporting time zone.
 */
import { zonedFormat } from './zoned-formats.ts';

export type IsoDate = string;

/** An inclusive range of calendar days in the reporting time zone. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar day (2026-02-30 and 2026-13-01 are not). */
export function isCalendarDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** UTC midnight of a calendar date, as milliseconds. */
export function utcMidnight(date: IsoDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (a single day is 1). */
export function daysInRange(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included (none when from is after to). */
export function eachDay(from: IsoDate, to: IsoDate): IsoDate[] {
  // Counted, not compared: the day after 9999-12-31 has no YYYY-MM-DD form ('+010000-01'), so a
  // loop stepping past `to` and comparing strings never ended cleanly for a range ending there.
  return Array.from({ length: Math.max(0, daysInRange(from, to)) }, (_, i) => addDays(from, i));
}

export function isValidRange(range: Partial<DateRange>): range is DateRange {
  return isCalendarDate(range.from) && isCalendarDate(range.to) && range.from <= range.to;
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The date `months` calendar months from the 1st of `date`'s month, on `day` (clamped to the month's length). */
function monthDay(date: IsoDate, months: number, day: number): IsoDate {
  const d = new Date(utcMidnight(date));
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const first = new Date(Date.UTC(year, month, 1));
  const clamped = Math.min(day, lastDayOfMonth(first.getUTCFullYear(), first.getUTCMonth()));
  return new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), clamped)).toISOString().slice(0, 10);
}

function monthsBetween(from: IsoDate, to: IsoDate): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + (Number(to.slice(5, 7)) - Number(from.slice(5, 7)));
}

/**
 * The period a range is compared with (the API's and the page's):
 * - whole calendar months (the 1st to a month's last day) → as many whole months before:
 *   Nov 1–30 against Oct 1–31, not the 30 days Oct 2–31;
 * - from the 1st up to `today`, a period still in progress (month to date) → the same part of
 *   as many months before: Dec 1–5 against Nov 1–5 (Mar 1–30 against all of February);
 * - anything else → the N days just before a range of N days.
 */
export function previousPeriod(range: DateRange, today?: IsoDate): DateRange {
  const startsMonth = range.from.endsWith('-01');
  const months = monthsBetween(range.from, range.to) + 1;
  const day = Number(range.to.slice(8, 10));
  if (startsMonth && day === lastDayOfMonth(Number(range.to.slice(0, 4)), Number(range.to.slice(5, 7)) - 1)) {
    return { from: monthDay(range.from, -months, 1), to: addDays(range.from, -1) };
  }
  if (startsMonth && range.to === today) {
    return { from: monthDay(range.from, -months, 1), to: monthDay(range.to, -months, day) };
  }
  const days = daysInRange(range.from, range.to);
  return { from: addDays(range.from, -days), to: addDays(range.from, -1) };
}

/** The calendar day `now` falls on in an IANA time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const format = zonedFormat('day', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const parts = format.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
