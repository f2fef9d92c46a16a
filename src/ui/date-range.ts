/**
 * The pages' date-range presets and how ranges read on screen. The dates themselves (inclusive
 * `YYYY-MM-DD` in the reporting time zone) are the contract's (src/contract/calendar-date.ts).
 * "Today" comes from the browser's clock, read in the reporting zone, so a user in Tokyo and one in
 * New York see the same "last 7 days" of a UTC-reporting business. Everything else is calendar
 * arithmetic on plain dates (done in UTC, where every day has 24 hours).
 */

import { addDays, utcMidnight, type DateRange, type IsoDate } from '../contract/calendar-date.ts';

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

export function isRangePreset(value: unknown): value is RangePreset {
  return typeof value === 'string' && (RANGE_PRESETS as readonly string[]).includes(value);
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
  return displayFormat(options.locale, options.withYear ?? true).format(utcMidnight(date));
}

/** "1 – 30 Oct 2026", "28 Sept – 4 Oct 2026", or one date for a one-day range. */
export function formatRange(range: DateRange, options: { locale?: string } = {}): string {
  return displayFormat(options.locale, true).formatRange(utcMidnight(range.from), utcMidnight(range.to));
}
