/**
 * The Overview: one island holding the range picker and five sections, each loading from its own
 * endpoint so one failure never blanks the page. The view (range, currency) lives in the URL and
 * is remembered as the user's default.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatRange, previousPeriod, type IsoDate } from '../../ui/date-range.ts';
import { DEFAULT_RANGE_VIEW, isRangeView, parseRangeQuery, rangeViewToQuery, resolveRange, sameRangeView, type RangeView } from '../../ui/range-query.ts';
import { onQueryChange, writeQuery } from '../../ui/url-state.ts';
import { loadPreference, savePreference } from '../../ui/preferences.ts';
import type { DailyResponse, FailuresResponse, FiltersResponse, KpisResponse, RecoveryResponse, TopFailuresResponse } from './api-types.ts';
import { useColorScheme, useEndpoint, useNow } from './hooks.ts';
import { Section } from './Section.tsx';
import { KpiCards, KpiSkeleton } from './KpiCards.tsx';
import { ChartSkeleton } from './UPlotChart.tsx';
import { RevenueChart } from './RevenueChart.tsx';
import { RecoveryTrend } from './RecoveryTrend.tsx';
import { FailureBreakdown } from './FailureBreakdown.tsx';
import { TableSkeleton, TOP_FAILURE_ROWS, TopFailures } from './TopFailures.tsx';
import { RangePicker } from './RangePicker.tsx';

export const VIEW_PREFERENCE = 'overview-view';

export function rememberedView(): RangeView {
  return loadPreference(VIEW_PREFERENCE, isRangeView) ?? DEFAULT_RANGE_VIEW;
}

/** The API answers with currency null only when the marts hold no payments at all. */
const NO_PAYMENTS = <p class="empty-note">No payments in the marts yet.</p>;

interface OverviewAppProps {
  /** Absent in the static HTML, which shows every section's skeleton. */
  initialView?: RangeView;
  today?: IsoDate;
}

export function OverviewApp({ initialView, today }: OverviewAppProps) {
  const [view, setView] = useState<RangeView>(initialView ?? DEFAULT_RANGE_VIEW);
  const now = useNow();
  const scheme = useColorScheme();

  useEffect(() => onQueryChange((query) => setView(parseRangeQuery(query, rememberedView()))), []);

  const choose = (next: RangeView) => {
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

  // The API names the previous period; until it answers for this range, compute the same thing.
  const previous = range && (kpis.data && kpis.data.range.from === range.from && kpis.data.range.to === range.to ? kpis.data.previous : previousPeriod(range));
  const currency = view.currency ?? kpis.data?.currency ?? daily.data?.currency ?? null;

  return (
    <div class="overview">
      <div class="overview__toolbar">
        <div class="overview__heading">
          <h1 class="page-title">Overview</h1>
          <p class="overview__period" aria-live="polite">
            {range ? (
              <>
                <strong>{formatRange(range)}</strong>
                <span class="muted"> compared with {formatRange(previous!)}</span>
              </>
            ) : <span class="skeleton skeleton--line" />}
          </p>
        </div>
        <RangePicker
          view={view}
          range={range}
          today={today ?? null}
          currencies={filters.data?.currencies ?? []}
          currency={currency}
          onChange={choose}
        />
      </div>

      <Section id="kpis" title="Key figures" noun="the key figures" endpoint={kpis} now={now} skeleton={<KpiSkeleton />} class="section--wide">
        {(data) => (data.currency ? <KpiCards data={data} /> : NO_PAYMENTS)}
      </Section>

      <Section id="revenue" title="Daily revenue and success rate" noun="the revenue chart" endpoint={daily} now={now} skeleton={<ChartSkeleton />} class="section--wide">
        {(data) => (data.currency ? <RevenueChart daily={data} scheme={scheme} /> : NO_PAYMENTS)}
      </Section>

      <div class="overview__pair">
        <Section id="failures" title="Failures by category" noun="the failure breakdown" endpoint={failures} now={now} skeleton={<TableSkeleton rows={8} columns={4} />}>
          {(data) => (data.currency ? <FailureBreakdown data={data} /> : NO_PAYMENTS)}
        </Section>
        <Section id="recovery" title="Recovery rate" noun="the recovery trend" endpoint={recovery} now={now} skeleton={<ChartSkeleton />}>
          {(data) => (data.currency ? <RecoveryTrend recovery={data} scheme={scheme} /> : NO_PAYMENTS)}
        </Section>
      </div>

      <Section id="top-failures" title="Top failure reasons" noun="the top failure reasons" endpoint={topFailures} now={now} skeleton={<TableSkeleton rows={TOP_FAILURE_ROWS} columns={6} />} class="section--wide">
        {(data) => (data.currency ? <TopFailures data={data} /> : NO_PAYMENTS)}
      </Section>
    </div>
  );
}
