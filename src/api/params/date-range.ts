import { badRequest } from '../../http/app-error.ts';
import { addDays, daysInRange, isCalendarDate, todayIn, type DateRange } from '../../contract/calendar-date.ts';
import { optionalParam } from './query-params.ts';

const DEFAULT_RANGE_DAYS = 30;

export function parseDateParam(url: URL, name: string): string | undefined {
  const raw = optionalParam(url, name);
  if (raw === undefined) return undefined;
  if (isCalendarDate(raw)) return raw;
  throw badRequest(name, `${name} must be a real calendar date written YYYY-MM-DD (got "${String(raw).slice(0, 40)}")`);
}

/** from ≤ to and at most maxDays days, both ends included; `limitNote` says where the limit applies. */
export function checkRange(from: string, to: string, maxDays: number, limitNote = ''): void {
  if (from > to) throw badRequest('from', `from (${from}) must not be after to (${to})`);
  const days = daysInRange(from, to);
  if (days > maxDays) throw badRequest('from', `the range from ${from} to ${to} is ${days} days; at most ${maxDays} days are allowed${limitNote}`);
}

/**
 * The overview's range: `from` and `to` as given; a missing end defaults to today in the
 * reporting zone, a missing start to 30 days before the end. A range ends today at the latest:
 * days that have not happened have no payments, and counting them would compare a full previous
 * period with a partly empty one. The response's `range` says where it ended; a range that starts
 * after today is refused.
 */
export function parseOverviewRange(url: URL, options: { timeZone: string; now: Date; maxDays: number; limitNote?: string }): DateRange {
  const today = todayIn(options.timeZone, options.now);
  const fromParam = parseDateParam(url, 'from');
  const toParam = parseDateParam(url, 'to');
  if (fromParam && toParam) checkRange(fromParam, toParam, Number.POSITIVE_INFINITY);
  if (fromParam && fromParam > today) throw badRequest('from', `from (${fromParam}) is after today (${today} in the reporting time zone): there are no payments to show yet`);
  const to = toParam && toParam < today ? toParam : today;
  const from = fromParam ?? addDays(to, -(Math.min(DEFAULT_RANGE_DAYS, options.maxDays) - 1));
  checkRange(from, to, options.maxDays, options.limitNote);
  return { from, to };
}
