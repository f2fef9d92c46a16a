/**
 * The Payments explorer island: filters, the count and CSV export, the Tabulator grid, the pager
 * and the loading / empty / error states. The whole view lives in the URL (src/ui/url-state.ts):
 * every load writes it, the back button restores it. Its state changes in explorer-state.ts; this
 * component runs the effects. Only ever rendered in the browser (mount-payments-explorer.tsx),
 * because Tabulator touches `document` at import.
 */
import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { reportDataAge } from '../../ui/data-age.ts';
import { isAbortError } from '../../ui/fetch-json.ts';
import { onRefresh } from '../../ui/refresh.ts';
import { onQueryChange, writeQuery } from '../../ui/url-state.ts';
import { ExportButton } from './ExportButton.tsx';
import { PaymentDetailPanel } from './PaymentDetail.tsx';
import { PaymentsFilters } from './PaymentsFilters.tsx';
import { PaymentsPager } from './PaymentsPager.tsx';
import type { PaymentsPageResponse as PaymentsPage } from '../../contract/payments.ts';
import { explorerReducer, explorerScreen, initialExplorerState, toApiError, type ExplorerAction, type ExplorerState } from './explorer-state.ts';
import { fetchFilterOptions, fetchPaymentsPage } from './payments-api.ts';
import { createPaymentsGrid, type GridRequest, type PaymentsGrid } from './payments-grid.ts';
import { paymentsCsvUrl, paymentsViewToQuery, type PaymentsFilters as Filters } from './payments-view.ts';
import { problemText } from './filter-problems.ts';
import { carryViewInNav } from '../../ui/explorer-link.ts';

const DATA_AGE_SOURCE = 'payments/list';

/**
 * useReducer, except that the new state is known as soon as dispatch returns: the grid asks for a
 * page synchronously inside a reload, and must see the filters just dispatched.
 */
function useExplorerState(): [ExplorerState, (action: ExplorerAction) => void, { readonly current: ExplorerState }] {
  const [state, setState] = useState(() => initialExplorerState(window.location.search));
  const latest = useRef(state);
  const dispatch = useCallback((action: ExplorerAction) => {
    latest.current = explorerReducer(latest.current, action);
    setState(latest.current);
  }, []);
  return [state, dispatch, latest];
}

interface Props {
  /** The reporting time zone the page was built with; shown only if the rows' offsets agree. */
  timeZone?: string;
}

export default function PaymentsExplorer({ timeZone }: Props) {
  const [state, dispatch, latest] = useExplorerState();
  const { view, load, options, zone, generation } = state;

  const gridHost = useRef<HTMLDivElement>(null);
  const grid = useRef<PaymentsGrid>();
  const inFlight = useRef<AbortController>();
  const historyMode = useRef<'push' | 'replace'>('replace');
  const bypassCache = useRef(false);
  const loadWaiters = useRef<(() => void)[]>([]);
  // Paging from the pager under the grid brings the new page's first rows into view.
  const scrollToTop = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  const loadOptions = useCallback(async (reload = false) => {
    try {
      const { data } = await fetchFilterOptions({ reload });
      dispatch({ type: 'options-loaded', options: data });
    } catch (error) {
      dispatch({ type: 'options-failed', error: toApiError(error) });
    }
  }, [dispatch]);

  const loadPage = useCallback(async (request: GridRequest): Promise<PaymentsPage | null> => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    dispatch({ type: 'page-requested', request });
    const next = latest.current.view;
    writeQuery(paymentsViewToQuery(next), historyMode.current);
    historyMode.current = 'push';
    const reload = bypassCache.current;
    bypassCache.current = false;
    try {
      const { data, generatedAt } = await fetchPaymentsPage(next, { signal: controller.signal, reload });
      if (controller.signal.aborted) return new Promise<never>(() => {});
      dispatch({ type: 'page-loaded', page: data, timeZone });
      if (scrollToTop.current) {
        scrollToTop.current = false;
        if ((summary.current?.getBoundingClientRect().top ?? 0) < 0) summary.current?.scrollIntoView({ block: 'start' });
      }
      reportDataAge(DATA_AGE_SOURCE, generatedAt);
      return data;
    } catch (error) {
      // A newer request replaced this one: Tabulator keeps waiting for that one instead.
      if (isAbortError(error) || controller.signal.aborted) return new Promise<never>(() => {});
      dispatch({ type: 'page-failed', error: toApiError(error) });
      reportDataAge(DATA_AGE_SOURCE, null);
      return null;
    } finally {
      if (inFlight.current === controller) {
        for (const resolve of loadWaiters.current.splice(0)) resolve();
      }
    }
  }, [dispatch, latest, timeZone]);

  // The header's link to the Overview opens the same dates and currency.
  useEffect(() => carryViewInNav({ from: view.from, to: view.to, currency: view.currency }), [view.from, view.to, view.currency]);

  // Filter choices, once (and again on refresh).
  useEffect(() => {
    void loadOptions();
  }, [loadOptions]);

  // The grid: built from the view in the URL, rebuilt when the URL changes under it.
  useEffect(() => {
    const host = gridHost.current;
    if (!host) return;
    const initial = latest.current.view;
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
  }, [generation, latest, loadPage]);

  useEffect(() => {
    grid.current?.setZoneLabel(zone);
  }, [zone, generation, load.kind]);

  useEffect(() => onQueryChange((query) => dispatch({ type: 'url-changed', query })), [dispatch]);

  // The layout's Refresh button: reload the filter choices and the page on screen, past every cache.
  useEffect(() => onRefresh(() => {
    bypassCache.current = true;
    const pageLoaded = new Promise<void>((resolve) => loadWaiters.current.push(resolve));
    grid.current?.reloadPage();
    return Promise.all([loadOptions(true), pageLoaded]);
  }), [loadOptions]);

  const applyFilters = useCallback((filters: Partial<Filters>) => {
    dispatch({ type: 'filters-changed', filters });
    grid.current?.reload();
  }, [dispatch]);

  const clearFilters = useCallback(() => {
    dispatch({ type: 'filters-cleared' });
    grid.current?.reload();
  }, [dispatch]);

  const { page, loading, empty, filtered, count, sortNote, exportDisabledReason } = explorerScreen(state);

  return (
    <div class="payments-explorer">
      <PaymentsFilters
        filters={view}
        options={options}
        onChange={applyFilters}
        onClear={clearFilters}
        onRetryOptions={() => {
          dispatch({ type: 'options-requested' });
          void loadOptions(true);
        }}
      />

      <div class="payments-summary" ref={summary}>
        <p class="payments-count" role="status" aria-live="polite" aria-atomic="true">
          {count}
          {loading && page && <span class="muted"> · updating…</span>}
        </p>
        {zone && <p class="payments-zone muted">Times in {zone}</p>}
        {sortNote && <p class="payments-sort-note muted">{sortNote}</p>}
        <ExportButton
          csvUrl={paymentsCsvUrl(view)}
          filters={view}
          timeZone={timeZone ?? 'UTC'}
          disabledReason={exportDisabledReason}
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
