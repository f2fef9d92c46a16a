/**
 * The Tabulator instance behind the explorer, in remote pagination and remote sort mode. Only the
 * modules it uses are registered (never TabulatorFull, which would pull ~110 KB gzip into the page).
 * Tabulator touches `document` when imported, so this module is only ever imported by the island
 * that mount-payments-explorer.tsx renders in the browser.
 *
 * Tabulator owns the rows, header sorting and the page/size/sort request parameters; the island
 * owns everything around it (filters, counts, pager, states). The columns, the rows' expansion and
 * the keyboard treegrid each have their module; this one puts them together.
 */
import { AjaxModule, FormatModule, PageModule, SortModule, Tabulator, type Options, type RowComponent } from 'tabulator-tables';
import type { PaymentRow, PaymentsPageResponse as PaymentsPage } from '../../contract/payments.ts';
import { COLUMNS, dateColumnTitle } from './grid-columns.ts';
import { gridRequestFrom, sortersFromSort, type GridRequest, type TabulatorRemoteParams } from './grid-request.ts';
import type { PageSize } from './payments-view.ts';
import { createRowExpansion, type DetailRenderer } from './row-expansion.ts';
import { bindTreegridInput, prepareTreegrid, rowElements } from './treegrid-dom.ts';

export type { GridRequest } from './grid-request.ts';

Tabulator.registerModule([AjaxModule, PageModule, SortModule, FormatModule]);

interface GridCallbacks extends DetailRenderer {
  /**
   * Loads one page. Resolves with the page, or null when the load failed (the island shows the
   * error) or was superseded by a newer one.
   */
  load(request: GridRequest): Promise<PaymentsPage | null>;
}

export interface PaymentsGrid {
  /** Loads page 1 again with the current filters (they live with the caller). */
  reload(): void;
  /** Loads the current page again (Retry, Refresh). */
  reloadPage(): void;
  setPage(page: number): void;
  setPageSize(size: PageSize): void;
  /** Renames the date column's header to name the reporting time zone. */
  setZoneLabel(label: string): void;
  destroy(): void;
}

export function createPaymentsGrid(element: HTMLElement, initial: GridRequest, callbacks: GridCallbacks): PaymentsGrid {
  let lastPage = 1;
  let destroyed = false;

  const expansion = createRowExpansion({
    element: (chargeId) => rowElements(element).find((node) => node.dataset.chargeId === chargeId),
    data: (chargeId) => {
      const row = table.getRow(chargeId) as RowComponent | false;
      return row ? (row.getData() as PaymentRow) : undefined;
    },
    columnCount: COLUMNS.length,
  }, callbacks);

  const table = new Tabulator(element, {
    index: 'chargeId',
    layout: 'fitColumns',
    // Rows grow when they expand; the basic renderer measures each one instead of assuming a height.
    renderVertical: 'basic',
    columns: COLUMNS,
    columnHeaderSortMulti: false,
    headerSortElement: '<span class="sort-arrow" aria-hidden="true"></span>',
    pagination: true,
    paginationMode: 'remote',
    paginationSize: initial.size,
    paginationInitialPage: initial.page,
    // The pager is the island's own (labelled, styled with the page); Tabulator's goes nowhere.
    paginationElement: document.createElement('span'),
    // A URL's page past the end (the data shrank) shows the last page. (Missing from the typings.)
    ...({ paginationOutOfRange: 'last' } as Options),
    sortMode: 'remote',
    initialSort: sortersFromSort(initial.sort),
    // Loading, empty and error states are the island's, outside the grid.
    dataLoader: false,
    placeholder: '',
    ajaxURL: '/api/payments',
    ajaxRequestFunc: async (_url: string, _config: unknown, params: TabulatorRemoteParams) => {
      expansion.collapseAll();
      const page = await callbacks.load(gridRequestFrom(params, initial));
      if (page === null) {
        // Failed or superseded: keep the page count so Retry can ask for the same page again.
        return { last_page: lastPage, last_row: 0, data: [] };
      }
      lastPage = Math.max(1, page.lastPage);
      return { last_page: lastPage, last_row: page.total, data: page.rows };
    },
    rowFormatter: (row: RowComponent) => {
      const rowEl = row.getElement();
      const data = row.getData() as PaymentRow;
      rowEl.dataset.chargeId = data.chargeId;
      rowEl.tabIndex = -1;
      rowEl.setAttribute('aria-expanded', 'false');
      rowEl.setAttribute('aria-label', `${data.chargeId}, press Enter for details`);
    },
  });

  const input = bindTreegridInput(element, expansion);
  table.on('tableBuilt', () => prepareTreegrid(element));
  table.on('renderComplete', () => input.resetRovingTabindex());

  // No catch on Tabulator's load promises: its loader catches a failed load itself (and the
  // island's load never rejects), so a rejection would be a bug worth seeing in the console.
  return {
    reload() {
      if (!destroyed) void table.setData();
    },
    reloadPage() {
      if (!destroyed) void table.setPage(table.getPage() || 1);
    },
    setPage(page) {
      if (!destroyed) void table.setPage(page);
    },
    setPageSize(size) {
      if (!destroyed) table.setPageSize(size);
    },
    setZoneLabel(label) {
      const title = element.querySelector<HTMLElement>('.tabulator-col[tabulator-field="createdAt"] .tabulator-col-title');
      if (title) title.textContent = dateColumnTitle(label);
    },
    destroy() {
      destroyed = true;
      input.unbind();
      expansion.collapseAll();
      table.destroy();
    },
  };
}
