/**
 * The Payments explorer's state and every change to it, as a reducer: the view (filters, sort,
 * page and size: what the URL holds), the page on screen and whether another is loading, the
 * filter choices, the reporting zone named on screen, and the grid's generation (bumped to
 * rebuild the grid from the URL, since Tabulator keeps its own page and sort). Pure: the island
 * dispatches and keeps the side effects (fetching, writing the URL, driving the grid).
 */
import type { FiltersResponse, PaymentsPageResponse as PaymentsPage } from '../../contract/payments.ts';
import { ApiError } from '../../ui/fetch-json.ts';
import type { GridRequest } from './grid-request.ts';
import { amountSortNote, showingText } from './payment-labels.ts';
import { clearedFilters, hasActiveFilters, parsePaymentsView, withFilters, type PaymentsFilters, type PaymentsView } from './payments-view.ts';
import { reportingZoneLabel } from './reporting-time.ts';

export type LoadState =
  | { kind: 'loading'; previous: PaymentsPage | undefined }
  | { kind: 'ready'; page: PaymentsPage }
  | { kind: 'error'; error: ApiError };

export type OptionsState = { kind: 'loading' } | { kind: 'ready'; options: FiltersResponse } | { kind: 'error'; message: string };

export interface ExplorerState {
  view: PaymentsView;
  load: LoadState;
  options: OptionsState;
  /** The reporting zone as the rows' offsets name it; '' until a page has rows. */
  zone: string;
  generation: number;
}

export type ExplorerAction =
  /** The grid asks for a page (first load, pager, sort, page size, filter change). */
  | { type: 'page-requested'; request: GridRequest }
  /** `timeZone`: the zone the page was built with, named only if the rows' offsets agree. */
  | { type: 'page-loaded'; page: PaymentsPage; timeZone: string | undefined }
  | { type: 'page-failed'; error: ApiError }
  | { type: 'options-requested' }
  | { type: 'options-loaded'; options: FiltersResponse }
  | { type: 'options-failed'; error: ApiError }
  | { type: 'filters-changed'; filters: Partial<PaymentsFilters> }
  | { type: 'filters-cleared' }
  /** Back / forward: the URL is the truth, and the grid is rebuilt from it. */
  | { type: 'url-changed'; query: string | URLSearchParams };

export function initialExplorerState(search: string | URLSearchParams): ExplorerState {
  return { view: parsePaymentsView(search), load: { kind: 'loading', previous: undefined }, options: { kind: 'loading' }, zone: '', generation: 0 };
}

/** The page on screen: while another loads the previous one stays (dimmed); after an error, none. */
function shownPage(load: LoadState): PaymentsPage | undefined {
  if (load.kind === 'error') return undefined;
  return load.kind === 'ready' ? load.page : load.previous;
}

/** Any failure as the ApiError the explorer shows. */
export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'unexpected', 'The payments could not be loaded. Please try again.');
}

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case 'page-requested':
      return { ...state, view: { ...state.view, ...action.request }, load: { kind: 'loading', previous: shownPage(state.load) } };
    case 'page-loaded': {
      const zone = reportingZoneLabel(action.timeZone, action.page.rows.map((row) => row.createdAt));
      return { ...state, load: { kind: 'ready', page: action.page }, zone: zone || state.zone };
    }
    case 'page-failed':
      return { ...state, load: { kind: 'error', error: action.error } };
    case 'options-requested':
      return { ...state, options: { kind: 'loading' } };
    case 'options-loaded':
      return { ...state, options: { kind: 'ready', options: action.options } };
    case 'options-failed':
      return { ...state, options: { kind: 'error', message: action.error.message } };
    case 'filters-changed':
      return { ...state, view: withFilters(state.view, action.filters) };
    case 'filters-cleared':
      return { ...state, view: clearedFilters(state.view) };
    case 'url-changed':
      return { ...state, view: parsePaymentsView(action.query), generation: state.generation + 1 };
  }
}

/** What the explorer shows for a state, beside the grid. */
export interface ExplorerScreen {
  page: PaymentsPage | undefined;
  loading: boolean;
  /** The API answered with no payments for these filters. */
  empty: boolean;
  /** Any filter is set (so Clear filters is offered). */
  filtered: boolean;
  /** "Showing 1,234 payments", or what stands in for it while loading or after an error. */
  count: string;
  sortNote: string;
  /** Why Export CSV is disabled: the same filters would only export the error on screen. */
  exportDisabledReason: string | undefined;
}

export function explorerScreen({ view, load, options }: ExplorerState): ExplorerScreen {
  const page = shownPage(load);
  return {
    page,
    loading: load.kind === 'loading',
    empty: load.kind === 'ready' && load.page.total === 0,
    filtered: hasActiveFilters(view),
    count: page ? showingText(page) : load.kind === 'error' ? 'Payments not loaded' : 'Loading payments…',
    sortNote: amountSortNote(view, options.kind === 'ready' ? options.options.currencies : []),
    exportDisabledReason: load.kind !== 'error' ? undefined
      : load.error.code === 'invalid_parameter' ? 'Nothing to export: the filters are not valid.'
      : 'Nothing to export until the payments load.',
  };
}
