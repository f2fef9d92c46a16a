/**
 * The Overview: one island holding the range picker and its sections, each loading from its own
 * endpoint so one failure never blanks the page. The view (range, currency) lives in the URL and
 * is remembered as the user's default.
 */
import { useEffect, useState } from 'preact/hooks';
import { previousPeriod, type IsoDate } from '../../contract/calendar-date.ts';
import { formatRange, PRESET_LABELS } from '../../ui/date-range.ts';
import { DEFAULT_RANGE_VIEW, isRangeView, rangeViewToQuery, readRangeQuery, resolveRange, sameRangeView, type RangeView } from '../../ui/range-query.ts';
import { onQueryChange, writeQuery } from '../../ui/url-state.ts';
import { carryViewInNav } from '../../ui/explorer-link.ts';
import { loadPreference, savePreference } from '../../ui/preferences.ts';
import type { AlertsResponse } from '../../contract/alerts.ts';
import { hasCurrency, type BreakdownDimension as BreakdownBy, type BreakdownResponse, type DailyResponse, type FailuresResponse, type KpisResponse, type RecoveryResponse, type TopFailuresResponse } from '../../contract/overview.ts';
import type { FiltersResponse } from '../../contract/payments.ts';
import type { RetryHygieneResponse } from '../../contract/overview.ts';
import { AcceptanceBreakdown, BreakdownPicker } from './AcceptanceBreakdown.tsx';
import { DEFAULT_BREAKDOWN, parseBreakdownBy } from './breakdown-view.ts';
import { useColorScheme, useEndpoint, useNow } from './hooks.ts';
import { Section } from './Section.tsx';
import { KpiCards, KpiSkeleton } from './KpiCards.tsx';
import { ChartSkeleton } from './UPlotChart.tsx';
import { RevenueChart } from './RevenueChart.tsx';
import { RecoveryTrend } from './RecoveryTrend.tsx';
import { FailureBreakdown } from './FailureBreakdown.tsx';
import { TableSkeleton, TOP_FAILURE_ROWS, TopFailures } from './TopFailures.tsx';
import { RangePicker } from './RangePicker.tsx';
import { FailureSpikes } from './FailureSpikes.tsx';
import { RetryHygiene } from './RetryHygiene.tsx';

export const VIEW_PREFERENCE = 'overview-view';

export function rememberedView(): RangeView {
  return loadPreference(VIEW_PREFERENCE, isRangeView) ?? DEFAULT_RANGE_VIEW;
}

/** The API answers with currency null only when the marts hold no payments at all. */
const NO_PAYMENTS = <p class="empty-note">No payments in the marts yet.</p>;

interface OverviewAppProps {
  /** Absent in the static HTML, which shows every section's skeleton. */
  initialView?: RangeView;
  /** What the opening URL asked for that could not be shown (see readRangeQuery). */
  initialProblems?: string[];
  /** The "Success rate by …" dimension from the URL (`by`). */
  initialBy?: BreakdownBy;
  today?: IsoDate;
  /** The reporting time zone (the episodes' times are shown in it). */
  timeZone?: string;
}

/** "Last 30 days" or "Oct 1 – 31, 2026", and the currency when the view names one. */
function describeView(view: RangeView, today: IsoDate): string {
  const dates = view.range === 'custom' ? formatRange(resolveRange(view, today)) : PRESET_LABELS[view.range];
  return view.currency ? `${dates} in ${view.currency.toUpperCase()}` : dates;
}

/** Reads the URL's view; when part of it was unusable, puts the view shown in its place. */
export function viewFromUrl(query: URLSearchParams, today: IsoDate | undefined): { view: RangeView; problems: string[] } {
  const read = readRangeQuery(query, rememberedView(), today);
  if (read.problems.length > 0) writeQuery(rangeViewToQuery(read.view), 'replace');
  return read;
}

export function OverviewApp({ initialView, initialProblems = [], initialBy, today, timeZone = 'UTC' }: OverviewAppProps) {
  const [view, setView] = useState<RangeView>(initialView ?? DEFAULT_RANGE_VIEW);
  const [problems, setProblems] = useState<string[]>(initialProblems);
  const [by, setBy] = useState<BreakdownBy>(initialBy ?? DEFAULT_BREAKDOWN);
  const now = useNow();
  const scheme = useColorScheme();

  useEffect(() => onQueryChange((query) => {
    const read = viewFromUrl(query, today);
    setView(read.view);
    setProblems(read.problems);
    setBy(parseBreakdownBy(query.get('by')));
  }), [today]);

  const chooseBreakdown = (next: BreakdownBy) => {
    if (next === by) return;
    setBy(next);
    writeQuery({ by: next === DEFAULT_BREAKDOWN ? null : next }, 'push');
  };

  const choose = (next: RangeView) => {
    setProblems([]);
    if (sameRangeView(next, view)) return;
    setView(next);
    writeQuery(rangeViewToQuery(next), 'push');
    savePreference(VIEW_PREFERENCE, next);
  };

  const range = today ? resolveRange(view, today) : null;
  const query = range ? `?from=${range.from}&to=${range.to}${view.currency ? `&currency=${view.currency}` : ''}` : null;
  const url = (path: string) => (query ? `/api/overview/${path}${query}` : null);

  const filters = useEndpoint<FiltersResponse>(today ? '/api/filters' : null, null);
  const kpis = useEndpoint<KpisResponse>(url('kpis'), 'overview/kpis');
  const daily = useEndpoint<DailyResponse>(url('daily'), 'overview/daily');
  const failures = useEndpoint<FailuresResponse>(url('failures'), 'overview/failures');
  const recovery = useEndpoint<RecoveryResponse>(url('recovery'), 'overview/recovery');
  const topFailures = useEndpoint<TopFailuresResponse>(url('top-failures'), 'overview/top-failures');
  const breakdown = useEndpoint<BreakdownResponse>(query ? `/api/overview/breakdown${query}&by=${by}` : null, 'overview/breakdown');
  // Failure categories are drawn as shares of attempts; the previous share needs that period's total.
  const previousAttempts = kpis.data && breakdown.data && kpis.data.currency === breakdown.data.currency && range
    && kpis.data.range.from === range.from && kpis.data.range.to === range.to ? kpis.data.kpis.attempts.previous : null;
  const alerts = useEndpoint<AlertsResponse>(url('alerts'), 'overview/alerts');
  // The chart marks the episodes once they are known for the currency it shows.
  const episodes = alerts.status === 'ready' && alerts.data && alerts.data.currency === daily.data?.currency ? alerts.data.episodes : undefined;
  const retryHygiene = useEndpoint<RetryHygieneResponse>(url('retry-hygiene'), 'overview/retry-hygiene');

  // The API names the previous period; until it answers for this range, compute the same thing.
  const previous = range && (kpis.data && kpis.data.range.from === range.from && kpis.data.range.to === range.to ? kpis.data.previous : previousPeriod(range, today));
  // Today is not over: the comparison stops at the same time of day (the API does the same).
  const inProgress = range !== null && range.to === today;
  const currency = view.currency ?? kpis.data?.currency ?? daily.data?.currency ?? null;
  const currencies = filters.data?.currencies;

  // A currency the data does not have shows nothing but zeros: say so and show the default one.
  useEffect(() => {
    if (!view.currency || !currencies || currencies.length === 0 || currencies.includes(view.currency)) return;
    const listed = currencies.map((code) => code.toUpperCase()).join(', ');
    const next: RangeView = { ...view, currency: undefined };
    setProblems((before) => [...before, `there are no payments in ${view.currency!.toUpperCase()} (the data has ${listed})`]);
    setView(next);
    writeQuery(rangeViewToQuery(next), 'replace');
  }, [view, currencies]);

  // The API chose the currency: record it in the URL, so a shared link opens in the same one.
  const answered = kpis.status === 'ready' ? kpis.data?.currency : undefined;
  useEffect(() => {
    if (!view.currency && answered) writeQuery({ currency: answered }, 'replace');
  }, [view.currency, answered]);
  // The header's link to Payments opens the same dates and currency.
  useEffect(() => {
    if (range) carryViewInNav({ from: range.from, to: range.to, currency: currency ?? undefined });
  }, [range?.from, range?.to, currency]);
  // Later choices carry it explicitly.
  const shownView: RangeView = view.currency || !currency ? view : { ...view, currency };

  return (
    <div class="overview">
      <div class="overview__toolbar">
        <div class="overview__heading">
          <h1 class="page-title">Overview</h1>
          <p class="overview__period" aria-live="polite">
            {range ? (
              <>
                <strong>{formatRange(range)}</strong>
                {inProgress && <span class="period-badge" data-in-progress title="The range ends today, which is not over yet">in progress</span>}
                <span class="muted"> compared with {formatRange(previous!)}{inProgress ? ', to the same time' : ''}</span>
              </>
            ) : <span class="skeleton skeleton--line" />}
          </p>
        </div>
        {problems.length > 0 && today && (
          <div class="overview__notice" role="status" data-url-notice>
            <p>
              <strong>This link could not be shown as it asked:</strong> {problems.join('; ')}. Showing {describeView(view, today)} instead.
            </p>
            <button type="button" class="button" onClick={() => setProblems([])}>Dismiss</button>
          </div>
        )}
        <RangePicker
          view={shownView}
          range={range}
          today={today ?? null}
          currencies={currencies ?? []}
          currency={currency}
          onChange={choose}
        />
      </div>

      <Section id="kpis" title="Key figures" noun="the key figures" endpoint={kpis} now={now} skeleton={<KpiSkeleton />} class="section--wide">
        {(data) => (hasCurrency(data) ? <KpiCards data={data} /> : NO_PAYMENTS)}
      </Section>

      <Section id="revenue" title="Daily revenue and success rate" noun="the revenue chart" endpoint={daily} now={now} skeleton={<ChartSkeleton />} class="section--wide">
        {(data) => (hasCurrency(data) ? <RevenueChart daily={data} scheme={scheme} episodes={episodes} /> : NO_PAYMENTS)}
      </Section>

      <Section id="spikes" title="Failure spikes" noun="the failure spikes" endpoint={alerts} now={now} skeleton={<TableSkeleton rows={2} columns={3} />} class="section--wide">
        {(data) => (hasCurrency(data) ? <FailureSpikes data={data} timeZone={timeZone} /> : NO_PAYMENTS)}
      </Section>

      <div class="overview__pair">
        <Section id="failures" title="Failures by category" noun="the failure breakdown" endpoint={failures} now={now} skeleton={<TableSkeleton rows={8} columns={4} />}>
          {(data) => (hasCurrency(data) ? <FailureBreakdown data={data} range={range!} /> : NO_PAYMENTS)}
        </Section>
        <Section id="recovery" title="Recovery rate" noun="the recovery trend" endpoint={recovery} now={now} skeleton={<ChartSkeleton />}>
          {(data) => (hasCurrency(data) ? <RecoveryTrend recovery={data} scheme={scheme} /> : NO_PAYMENTS)}
        </Section>
      </div>

      <Section id="top-failures" title="Top failure reasons" noun="the top failure reasons" endpoint={topFailures} now={now} skeleton={<TableSkeleton rows={TOP_FAILURE_ROWS} columns={6} />} class="section--wide">
        {(data) => (hasCurrency(data) ? <TopFailures data={data} range={range!} /> : NO_PAYMENTS)}
      </Section>

      <Section
        id="breakdown"
        title="Success rate by"
        noun="the success rate breakdown"
        endpoint={breakdown}
        now={now}
        skeleton={<TableSkeleton rows={5} columns={4} />}
        headExtra={<BreakdownPicker by={by} onChange={chooseBreakdown} />}
        class="section--wide"
      >
        {(data) => (data.currency && range ? <AcceptanceBreakdown data={data} range={range} previousAttempts={previousAttempts} /> : NO_PAYMENTS)}
      </Section>

      <Section id="retry-hygiene" title="Retry hygiene" noun="retry hygiene" endpoint={retryHygiene} now={now} skeleton={<TableSkeleton rows={2} columns={3} />} class="section--wide">
        {(data) => (data.currency && range ? <RetryHygiene data={data} range={range} /> : NO_PAYMENTS)}
      </Section>
    </div>
  );
}
