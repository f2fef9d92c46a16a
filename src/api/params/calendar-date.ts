/**
 * Calendar dates as 'YYYY-MM-DD' strings, the form the API, the marts and the pages share.
 * Arithmetic runs on UTC midnights, where every day is 24 hours long, so it is exact whatever
 * the reporting time zone.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** True for a real calendar day (2026-02-30 and 2026-13-01 are not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function toUtcMs(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included (a single day is 1). */
export function daysInRange(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS) + 1;
}

/** Every day from `from` to `to`, both included (none when from is after to). */
export function eachDay(from: string, to: string): string[] {
  // Counted, not compared: the day after 9999-12-31 has no YYYY-MM-DD form ('+010000-01'), so a
  // loop stepping past `to` and comparing strings never ended cleanly for a range ending there.
  return Array.from({ length: Math.max(0, daysInRange(from, to)) }, (_, i) => addDays(from, i));
}

/** The calendar day `now` falls on in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
