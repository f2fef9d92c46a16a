/**
 * Date ranges as the API takes them: inclusive `YYYY-MM-DD` dates in the reporting time zone.
 * "Today" comes from the browser's clock, read in the reporting zone, so a user in Tokyo and one in
 * New York see the same "last 7 days" of a UTC-reporting business. Everything else is calendar
 * arithmetic on plain dates (done in UTC, where every day has 24 hours).
 */

export type IsoDate = string;

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export const RANGE_PRESETS = ['last-7', 'last-30', 'last-90', 'month-to-date', 'previous-month'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type RangeChoice = RangePreset | 'custom';

export const PRESET_LABELS: Readonly<Record<RangeChoice, string>> = {
  'last-7': 'Last 7 days',
  'last-30': 'Last 30 days',
  'last-90': 'Last 90 days',
  'month-to-date': 'Month to date',
  'previous-month': 'Previous month',
  custom: 'Custom range',
};

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** A real calendar date written as YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function toUtc(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(`${date}T00:00:00Z`);
}

function fromUtc(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Today's date in `timeZone` at instant `now`. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + days * DAY_MS));
}

/** Number of days in an inclusive range (a one-day range has length 1). */
export function rangeLength(range: DateRange): number {
  return Math.round((toUtc(range.to).getTime() - toUtc(range.from).getTime()) / DAY_MS) + 1;
}

export function isValidRange(range: Partial<DateRange>): range is DateRange {
  return isIsoDate(range.from) && isIsoDate(range.to) && range.from <= range.to;
}

/** The preset's dates on `today`. Last N days include today. */
export function rangeForPreset(preset: RangePreset, today: IsoDate): DateRange {
  switch (preset) {
    case 'last-7':
      return { from: addDays(today, -6), to: today };
    case 'last-30':
      return { from: addDays(today, -29), to: today };
    case 'last-90':
      return { from: addDays(today, -89), to: today };
    case 'month-to-date':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'previous-month': {
      const lastOfPrevious = addDays(`${today.slice(0, 7)}-01`, -1);
      return { from: `${lastOfPrevious.slice(0, 7)}-01`, to: lastOfPrevious };
    }
  }
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** The date `months` calendar months from the 1st of `date`'s month, on `day` (clamped to the month's length). */
function monthDay(date: IsoDate, months: number, day: number): IsoDate {
  const d = toUtc(date);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const first = new Date(Date.UTC(year, month, 1));
  const clamped = Math.min(day, lastDayOfMonth(first.getUTCFullYear(), first.getUTCMonth()));
  return fromUtc(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), clamped)));
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
  const length = rangeLength(range);
  return { from: addDays(range.from, -length), to: addDays(range.from, -1) };
}

/** Calendar dates shown in UTC, so a date never shifts with the viewer's offset. */
const displayFormats = new Map<string, Intl.DateTimeFormat>();
function displayFormat(locale: string | undefined, withYear: boolean): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${withYear}`;
  let cached = displayFormats.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}) });
    displayFormats.set(key, cached);
  }
  return cached;
}

/** "3 Oct 2026" (locale order). */
export function formatDate(date: IsoDate, options: { locale?: string; withYear?: boolean } = {}): string {
  return displayFormat(options.locale, options.withYear ?? true).format(toUtc(date));
}

/** "1 – 30 Oct 2026", "28 Sept – 4 Oct 2026", or one date for a one-day range. */
export function formatRange(range: DateRange, options: { locale?: string } = {}): string {
  return displayFormat(options.locale, true).formatRange(toUtc(range.from), toUtc(range.to));
}
