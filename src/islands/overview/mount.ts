/**
 * Starts the Overview island. A bundled module rather than an <astro-island>: Astro's island
 * loader is an inline script, which the dashboard's CSP (no 'unsafe-inline') would block. The
 * static HTML already holds the app's skeleton (rendered at build time from the same component),
 * so render() reuses those nodes and nothing moves.
 */
import { h, render } from 'preact';
import { todayIn } from '../../contract/calendar-date.ts';
import { queryHasRangeView, rangeViewToQuery } from '../../ui/range-query.ts';
import { readQuery, writeQuery } from '../../ui/url-state.ts';
import { OverviewApp, viewFromUrl } from './OverviewApp.tsx';
import { parseBreakdownBy } from './breakdown-view.ts';

const root = document.getElementById('overview-app');
if (root) {
  let timeZone = root.dataset.timeZone || 'UTC';
  let today: string;
  try {
    today = todayIn(timeZone);
  } catch {
    timeZone = 'UTC';
    today = todayIn(timeZone);
  }
  const query = readQuery();
  const { view: initialView, problems: initialProblems } = viewFromUrl(query, today);
  // Opening the bare page shows the remembered view; put it in the URL so it can be shared.
  if (!queryHasRangeView(query)) writeQuery(rangeViewToQuery(initialView), 'replace');
  render(h(OverviewApp, { initialView, initialProblems, initialBy: parseBreakdownBy(query.get('by')), today, timeZone }), root);
}
