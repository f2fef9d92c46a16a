/**
 * Links between the two pages that keep the view: the Payments explorer filtered to what an
 * Overview row counts, and each page's navigation link to the other carrying the dates and the
 * currency on screen (DESIGN.md: "filters kept in the URL so a view can be shared").
 */
import type { DateRange } from '../contract/calendar-date.ts';

/** /payments over `range` in `currency`, with `filters` (status, category, decline, …). */
export function explorerLink(range: DateRange, currency: string | null, filters: Readonly<Record<string, string>> = {}): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (currency) params.set('currency', currency);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  return `/payments?${params}`;
}

export interface SharedView {
  from?: string;
  to?: string;
  currency?: string;
}

/** The other page's address with the shared view: dates and currency, whichever are set. */
function withSharedView(path: string, view: SharedView): string {
  const params = new URLSearchParams();
  if (view.from && view.to) {
    params.set('from', view.from);
    params.set('to', view.to);
  }
  if (view.currency) params.set('currency', view.currency);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Points the header's links to the other pages at the same view (the current page's own link stays). */
export function carryViewInNav(view: SharedView, root: ParentNode = document): void {
  for (const link of root.querySelectorAll<HTMLAnchorElement>('.app-nav a[data-page-path]')) {
    if (link.getAttribute('aria-current') === 'page') continue;
    link.href = withSharedView(link.dataset.pagePath!, view);
  }
}
