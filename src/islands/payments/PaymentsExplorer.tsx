/**
 * The Payments explorer island: filters, the count and CSV export, the Tabulator grid, the pager
 * and the loading / empty / error states. The whole view lives in the URL (src/ui/url-state.ts):
 * every load writes it, the back button restores it. Mounted with client:only because Tabulator
 * touches `document` at import.
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { reportDataAge } from '../../ui/data-age.ts';
import { ApiError, isAbortError } from '../../ui/fetch-json.ts';
import { onRefresh } from '../../ui/refresh.ts';
import { onQueryChange, writeQuery } from '../../ui/url-state.ts';
import { ExportButton } from './ExportButton.tsx';
import { PaymentDetailPanel } from './PaymentDetail.tsx';
import { PaymentsFilters, type OptionsState } from './PaymentsFilters.tsx';
import { PaymentsPager } from './PaymentsPager.tsx';
import type { PaymentsPageResponse as PaymentsPage } from '../../contract/payments.ts';
import { fetchFilterOptions, fetchPaymentsPage } from './payments-api.ts';
import { createPaymentsGrid, type GridRequest, type PaymentsGrid } from './payments-grid.ts';
import {
  clearedFilters, hasActiveFilters, parsePaymentsView, paymentsCsvUrl, paymentsViewToQuery, withFilters,
  type PaymentsFilters as Filters, type PaymentsView,
} from './payments-view.ts';
import { problemText } from './filter-problems.ts';
import { amountSortNote, showingText } from './payment-labels.ts';
import { reportingZoneLabel } from './reporting-time.ts';
import { carryViewInNav } from '../../ui/explorer-link.ts';

type LoadState =
  | { kind: 'loading'; previous: PaymentsPage | undefined }
  | { kind: 'ready'; page: PaymentsPage }
  | { kind: 'error'; error: ApiError };

const DATA_AGE_SOURCE = 'payments/list';

/** The page on screen: while another loads the previous one stays (dimmed); after an error, none. */
function shownPage(state: LoadState): PaymentsPage | undefined {
  if (state.kind === 'error') return undefined;
  return state.kind === 'ready' ? state.page : state.previous;
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unexpected', 'The payments could not be loaded. Please try again.');
}

interface Props {
  /** The reporting time zone the page was built with; shown only if the rows' offsets agree. */
  timeZone?: string;
}

export default function PaymentsExplorer({ timeZone }: Props) {
  const [view, setView] = useState<PaymentsView>(() => parsePaymentsView(window.location.search));
  const viewRef = useRef(view);
  const [load, setLoad] = useState<LoadState>({ kind: 'loading', previous: undefined });
  const [options, setOptions] = useState<OptionsState>({ kind: 'loading' });
  const [zone, setZone] = useState('');
  // Bumped to rebuild the grid from the URL (back/forward), since Tabulator keeps its own page and sort.
  const [generation, setGeneration] = useState(0);

  const gridHost = useRef<HTMLDivElement>(null);
  const grid = useRef<PaymentsGrid>();
  const inFlight = useRef<AbortController>();
  const historyMode = useRef<'push' | 'replace'>('replace');
  const bypassCache = useRef(false);
  const loadWaiters = useRef<(() => void)[]>([]);
  // Paging from the pager under the grid brings the new page's first rows into view.
  const scrollToTop = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  const commitView = useCallback((next: PaymentsView) => {
    viewRef.current = next;
    setView(next);
  }, []);

  const loadOptions = useCallback(async (reload = false) => {
    try {
      const { data } = await fetchFilterOptions({ reload });
      setOptions({ kind: 'ready', options: data });
    } catch (error) {
      setOptions({ kind: 'error', message: toApiError(error).message });
    }
  }, []);

  /** Tabulator asks for a page (first load, pager, sort, page size, filter change). */
  const loadPage = useCallback(async (request: GridRequest): Promise<PaymentsPage | null> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    const next: PaymentsView = { ...viewRef.current, ...request };
    commitView(next);
    writeQuery(paymentsViewToQuery(next), historyMode.current);
    historyMode.current = 'push';
    setLoad((state) => ({ kind: 'loading', previous: shownPage(state) }));
    const reload = bypassCache.current;
    bypassCache.current = false;
    try {
      const { data, generatedAt } = await fetchPaymentsPage(next, { signal: controller.signal, reload });
      if (controller.signal.aborted) return new Promise<never>(() => {});
      setLoad({ kind: 'ready', page: data });
      if (scrollToTop.current) {
        scrollToTop.current = false;
        if ((summary.current?.getBoundingClientRect().top ?? 0) < 0) summary.current?.scrollIntoView({ block: 'start' });
      }
      setZone((current) => reportingZoneLabel(timeZone, data.rows.map((row) => row.createdAt)) || current);
      reportDataAge(DATA_AGE_SOURCE, generatedAt);
      return data;
    } catch (error) {
      // A newer request replaced this one: Tabulator keeps waiting for that one instead.
      if (isAbortError(error) || controller.signal.aborted) return new Promise<never>(() => {});
      setLoad({ kind: 'error', error: toApiError(error) });
      reportDataAge(DATA_AGE_SOURCE, null);
      return null;
    } finally {
      if (inFlight.current === controller) {
        for (const resolve of loadWaiters.current.splice(0)) resolve();
      }
    }
  }, [commitView, timeZone]);

  // Filter choices, once (and again on refresh).
  // The header's link to the Overview opens the same dates and currency.
  useEffect(() => carryViewInNav({ from: view.from, to: view.to, currency: view.currency }), [view.from, view.to, view.currency]);

  useEffect(() => {
    void loadOptions();
  }, [loadOptions]);

  // The grid: built from the view in the URL, rebuilt when the URL changes under it.
  useEffect(() => {
    const host = gridHost.current;
    if (!host) return;
    const initial = viewRef.current;
    historyMode.current = 'replace';
    const instance = createPaymentsGrid(host, { page: initial.page, size: initial.size, sort: initial.sort }, {
      load: loadPage,
      mountDetail: (holder, row) => render(<PaymentDetailPanel row={row} />, holder),
      unmountDetail: (holder) => render(null, holder),
    });
    grid.current = instance;
    return () => {
      inFlight.current?.abort();
      instance.destroy();
      grid.current = undefined;
    };
  }, [generation, loadPage]);

  useEffect(() => {
    grid.current?.setZoneLabel(zone);
  }, [zone, generation, load.kind]);

  // Back / forward: the URL is the truth.
  useEffect(() => onQueryChange((query) => {
    commitView(parsePaymentsView(query));
    setGeneration((n) => n + 1);
  }), [commitView]);

  // The layout's Refresh button: reload the filter choices and the page on screen, past every cache.
  useEffect(() => onRefresh(() => {
    bypassCache.current = true;
    const pageLoaded = new Promise<void>((resolve) => loadWaiters.current.push(resolve));
    grid.current?.reloadPage();
    return Promise.all([loadOptions(true), pageLoaded]);
  }), [loadOptions]);

  const applyFilters = useCallback((filters: Partial<Filters>) => {
    commitView(withFilters(viewRef.current, filters));
    grid.current?.reload();
  }, [commitView]);

  const clearFilters = useCallback(() => {
    commitView(clearedFilters(viewRef.current));
    grid.current?.reload();
  }, [commitView]);

  const page = shownPage(load);
  const loading = load.kind === 'loading';
  const empty = load.kind === 'ready' && load.page.total === 0;
  const filtered = hasActiveFilters(view);
  const sortNote = amountSortNote(view, options.kind === 'ready' ? options.options.currencies : []);

  return (
    <div class="payments-explorer">
      <PaymentsFilters
        filters={view}
        options={options}
        onChange={applyFilters}
        onClear={clearFilters}
        onRetryOptions={() => {
          setOptions({ kind: 'loading' });
          void loadOptions(true);
        }}
      />

      <div class="payments-summary" ref={summary}>
        <p class="payments-count" role="status" aria-live="polite" aria-atomic="true">
          {page ? showingText(page) : load.kind === 'error' ? 'Payments not loaded' : 'Loading payments…'}
          {loading && page && <span class="muted"> · updating…</span>}
        </p>
        {zone && <p class="payments-zone muted">Times in {zone}</p>}
        {sortNote && <p class="payments-sort-note muted">{sortNote}</p>}
        <ExportButton
          csvUrl={paymentsCsvUrl(view)}
          filters={view}
          timeZone={timeZone ?? 'UTC'}
          disabledReason={load.kind !== 'error' ? undefined
            : load.error.code === 'invalid_parameter' ? 'Nothing to export: the filters are not valid.'
            : 'Nothing to export until the payments load.'}
        />
      </div>

      {load.kind === 'error' && (
        <div class="section-error payments-error" role="alert">
          <p class="section-error__title">The payments could not be loaded</p>
          <p>{problemText(load.error, view)}</p>
          <div class="error-actions">
            <button type="button" class="button" onClick={() => grid.current?.reloadPage()}>Try again</button>
            {filtered && <button type="button" class="button" onClick={clearFilters}>Clear filters</button>}
          </div>
        </div>
      )}

      <div class={`payments-grid-wrap${loading && page ? ' is-stale' : ''}`} aria-busy={loading}>
        <div ref={gridHost} class="payments-grid" aria-label="Payments" />
        {loading && !page && (
          <div class="grid-loading" aria-hidden="true">
            {Array.from({ length: 8 }, (_, i) => <span key={i} class="skeleton grid-skeleton-row" />)}
          </div>
        )}
        {empty && (
          <p class="payments-empty">
            No payments match — <button type="button" class="link-button" onClick={clearFilters}>clear filters</button>
          </p>
        )}
      </div>

      {page && page.total > 0 && (
        <PaymentsPager
          page={page.page}
          lastPage={Math.max(1, page.lastPage)}
          capped={page.totalCapped}
          size={view.size}
          onPage={(n) => {
            scrollToTop.current = true;
            grid.current?.setPage(n);
          }}
          onSize={(size) => {
            scrollToTop.current = true;
            grid.current?.setPageSize(size);
          }}
        />
      )}
    </div>
  );
}
