/**
 * What the header says about how current the marts are (GET /api/freshness): the newest
 * charge's age beside the age of what the page fetched, a warning when the newest charge is
 * older than STALE_AFTER_HOURS, and which mart to rebuild when the daily mart lags the detail
 * mart by more than a day. Pure, so every wording is tested without a browser.
 */
import type { FreshnessResponse } from '../contract/freshness.ts';
import { formatAge } from './data-age.ts';

export interface FreshnessView {
  /** The header line: "Newest charge 14 min ago · fetched just now". */
  summary: string;
  /** Shown as a visible warning; empty when the data is fresh and the marts agree. */
  warnings: string[];
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY_MS;
}

function formatDay(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

/** `fetchedAt`: the oldest data on the page (see data-age.ts), null before any section loaded. */
export function describeFreshness(freshness: FreshnessResponse, fetchedAt: string | null, now: Date = new Date()): FreshnessView {
  const newest = formatAge(freshness.newestChargeAt, now);
  const fetched = formatAge(fetchedAt, now);
  const summary = [newest ? `Newest charge ${newest}` : 'No charges yet', fetched ? `fetched ${fetched}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const warnings: string[] = [];
  if (freshness.stale) {
    warnings.push(freshness.newestChargeAt
      ? `Stale data: the newest charge was ${newest}, more than ${freshness.staleAfterHours} h. Check the job that builds ${freshness.marts.payments}.`
      : `Stale data: ${freshness.marts.payments} has no charges. Check the job that builds it.`);
  }
  if (freshness.newestChargeAt) {
    // The newest charge's date in the reporting zone: its ISO text carries that zone's offset.
    const newestDay = freshness.newestChargeAt.slice(0, 10);
    const lag = freshness.dailyMartThrough ? dayNumber(newestDay) - dayNumber(freshness.dailyMartThrough) : Infinity;
    if (lag > 1) {
      const daily = freshness.marts.daily;
      warnings.push(freshness.dailyMartThrough
        ? `The daily mart ends ${formatDay(freshness.dailyMartThrough)}, ${lag} days before the newest charge (${formatDay(newestDay)}): the overview's totals miss those days. Rebuild ${daily}.`
        : `The daily mart ${daily} is empty while charges reach ${formatDay(newestDay)}: rebuild ${daily}.`);
    }
  }
  return { summary, warnings };
}
