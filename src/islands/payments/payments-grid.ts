/**
 * The Tabulator instance behind the explorer, in remote pagination and remote sort mode. Only the
 * modules it uses are registered (never TabulatorFull, which would pull ~110 KB gzip into the page).
 * Tabulator touches `document` when imported, so this module is only ever imported by the
 * client:only island.
 *
 * Tabulator owns the rows, header sorting and the page/size/sort request parameters; the island
 * owns everything around it (filters, counts, pager, states). Rows expand in place: a full-width
 * gridcell appended to the row holds the detail, rendered by the island into it.
 */
import { AjaxModule, FormatModule, PageModule, SortModule, Tabulator, type CellComponent, type ColumnDefinition, type Options, type RowComponent } from 'tabulator-tables';
import { failureCategoryLabel } from '../../ui/labels.ts';
import { formatMoney } from '../../contract/money.ts';
import { attemptReason, cardLabel, funnelLabel, statusLabel } from './payment-labels.ts';
import { SORT_FIELDS, type PaymentRow, type PaymentSort, type PaymentsPageResponse as PaymentsPage, type SortField } from '../../contract/payments.ts';
import type { PageSize } from './payments-view.ts';
import { formatReportingDateTime } from './reporting-time.ts';

Tabulator.registerModule([AjaxModule, PageModule, SortModule, FormatModule]);

export interface GridRequest {
  page: number;
  size: PageSize;
  sort: PaymentSort;
}

export interface GridCallbacks {
  /**
   * Loads one page. Resolves with the page, or null when the load failed (the island shows the
   * error) or was superseded by a newer one.
   */
  load(request: GridRequest): Promise<PaymentsPage | null>;
  /** Renders the detail of `row` into `holder` (a gridcell inside the row). */
  mountDetail(holder: HTMLElement, row: PaymentRow): void;
  unmountDetail(holder: HTMLElement): void;
  /** After each page is on screen. */
  rendered?(): void;
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
  collapseAll(): void;
  destroy(): void;
}

const DETAIL_CLASS = 'payment-detail-cell';
const ROW_SELECTOR = '.tabulator-row';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Formatters return elements, never strings: Tabulator puts a string in with innerHTML. */
function text(value: string): HTMLSpanElement {
  return el('span', undefined, value);
}

function rowData(cell: CellComponent): PaymentRow {
  return cell.getRow().getData() as PaymentRow;
}

/** A value the row does not have: a dash, as the detail panel shows it, never a blank cell. */
function missing(): HTMLSpanElement {
  return el('span', 'muted', '—');
}

/**
 * Minimum widths fit the widest value each column shows (a full charge id; Stripe's largest
 * amount, eight digits of minor units, with its code; "Authentication required"; "Diners Club
 * ****3237"; "Trial conversion"), and add up to what a 1280 px window gives the grid, which
 * shares out the rest. Funnels and categories are the data's own words, so a longer one wraps
 * rather than being cut off.
 */
const COLUMNS: ColumnDefinition[] = [
  {
    // Static markup (Tabulator sets titles with innerHTML): a header name for screen readers only.
    title: '<span class="visually-hidden">Details</span>',
    field: 'expander',
    headerSort: false,
    width: 36,
    minWidth: 36,
    cssClass: 'col-expander',
    formatter: () => el('span', 'row-expander', '▸'),
  },
  {
    title: 'Charge',
    field: 'chargeId',
    minWidth: 230,
    formatter: (cell) => el('code', 'charge-id', String(cell.getValue())),
  },
  {
    title: 'Date & time',
    field: 'createdAt',
    minWidth: 172,
    headerSortStartingDir: 'desc',
    formatter: (cell) => el('span', 'tabular', formatReportingDateTime(String(cell.getValue()))),
  },
  {
    title: 'Amount',
    field: 'amount',
    minWidth: 138,
    hozAlign: 'right',
    headerHozAlign: 'right',
    headerSortStartingDir: 'desc',
    formatter: (cell) => {
      const row = rowData(cell);
      const wrap = el('span', 'amount tabular');
      wrap.append(formatMoney(row.amount, row.currency), ' ', el('span', 'currency-code', row.currency.toUpperCase()));
      return wrap;
    },
  },
  {
    title: 'Status',
    field: 'status',
    minWidth: 120,
    formatter: (cell) => {
      const status = String(cell.getValue());
      const label = statusLabel(status);
      const wrap = el('span', `status status-${status}`);
      const icon = el('span', 'status-icon', label.icon);
      icon.setAttribute('aria-hidden', 'true');
      wrap.append(icon, ' ', label.text);
      return wrap;
    },
  },
  {
    title: 'Failure',
    field: 'failureCategory',
    headerSort: false,
    minWidth: 184,
    formatter: (cell) => {
      const row = rowData(cell);
      if (row.status !== 'failed') return text('');
      // The issuer's reason on hover, as the retry history shows it under the same category.
      const label = text(failureCategoryLabel(row.failureCategory));
      const reason = attemptReason(row);
      if (reason.toLowerCase() !== label.textContent!.toLowerCase()) label.title = reason;
      return label;
    },
  },
  {
    title: 'Card',
    field: 'cardLast4',
    headerSort: false,
    minWidth: 168,
    formatter: (cell) => {
      const row = rowData(cell);
      const card = cardLabel(row.cardBrand, row.cardLast4);
      return card ? el('span', 'tabular', card) : missing();
    },
  },
  {
    title: 'Funnel',
    field: 'funnel',
    headerSort: false,
    minWidth: 136,
    formatter: (cell) => {
      const funnel = funnelLabel(rowData(cell).funnel);
      return funnel ? text(funnel) : missing();
    },
  },
];

function toSort(sorters: unknown): PaymentSort | undefined {
  if (!Array.isArray(sorters) || sorters.length === 0) return undefined;
  const first = sorters[0] as { field?: unknown; dir?: unknown };
  if (!(SORT_FIELDS as readonly unknown[]).includes(first.field)) return undefined;
  return { field: first.field as SortField, descending: first.dir !== 'asc' };
}

export function createPaymentsGrid(element: HTMLElement, initial: GridRequest, callbacks: GridCallbacks): PaymentsGrid {
  const expanded = new Map<string, HTMLElement>();
  let lastPage = 1;
  let activeChargeId: string | undefined;
  let destroyed = false;

  function rowElements(): HTMLElement[] {
    return [...element.querySelectorAll<HTMLElement>(`.tabulator-tableholder ${ROW_SELECTOR}`)];
  }

  function collapse(chargeId: string): void {
    const holder = expanded.get(chargeId);
    if (!holder) return;
    callbacks.unmountDetail(holder);
    holder.remove();
    expanded.delete(chargeId);
    const rowEl = holder.parentElement ?? rowElements().find((node) => node.dataset.chargeId === chargeId);
    rowEl?.setAttribute('aria-expanded', 'false');
    rowEl?.classList.remove('is-expanded');
  }

  function expand(rowEl: HTMLElement, row: PaymentRow): void {
    const holder = el('div', DETAIL_CLASS);
    holder.setAttribute('role', 'gridcell');
    holder.setAttribute('aria-colspan', String(COLUMNS.length));
    rowEl.append(holder);
    rowEl.setAttribute('aria-expanded', 'true');
    rowEl.classList.add('is-expanded');
    expanded.set(row.chargeId, holder);
    callbacks.mountDetail(holder, row);
  }

  function toggle(rowEl: HTMLElement): void {
    const chargeId = rowEl.dataset.chargeId;
    if (!chargeId) return;
    if (expanded.has(chargeId)) {
      collapse(chargeId);
      return;
    }
    const row = table.getRow(chargeId) as RowComponent | false;
    if (row) expand(rowEl, row.getData() as PaymentRow);
  }

  function collapseAll(): void {
    for (const chargeId of [...expanded.keys()]) collapse(chargeId);
  }

  /** One row is in the tab order at a time (roving tabindex); arrows move between rows. */
  function focusRow(rowEl: HTMLElement | undefined): void {
    if (!rowEl) return;
    for (const node of rowElements()) node.tabIndex = node === rowEl ? 0 : -1;
    activeChargeId = rowEl.dataset.chargeId;
    rowEl.focus();
  }

  function resetRovingTabindex(): void {
    const rows = rowElements();
    const active = rows.find((node) => node.dataset.chargeId === activeChargeId) ?? rows[0];
    for (const node of rows) node.tabIndex = node === active ? 0 : -1;
  }

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
    paginationElement: el('span'),
    // A URL's page past the end (the data shrank) shows the last page. (Missing from the typings.)
    ...({ paginationOutOfRange: 'last' } as Options),
    sortMode: 'remote',
    initialSort: [{ column: initial.sort.field, dir: initial.sort.descending ? 'desc' : 'asc' }],
    // Loading, empty and error states are the island's, outside the grid.
    dataLoader: false,
    placeholder: '',
    ajaxURL: '/api/payments',
    ajaxRequestFunc: async (_url: string, _config: unknown, params: { page?: number; size?: number; sort?: unknown }) => {
      collapseAll();
      const request: GridRequest = {
        page: Number(params.page) || 1,
        size: (Number(params.size) || initial.size) as PageSize,
        sort: toSort(params.sort) ?? initial.sort,
      };
      const page = await callbacks.load(request);
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

  table.on('tableBuilt', () => {
    // Rows expand, and aria-expanded on a row belongs to a treegrid (Left/Right close/open, as there).
    element.setAttribute('role', 'treegrid');
    // The rows are the tab stops; a focusable scroll container would be an extra one, and is not
    // allowed directly inside a grid.
    element.querySelector<HTMLElement>('.tabulator-tableholder')?.removeAttribute('tabindex');
    for (const header of element.querySelectorAll<HTMLElement>('.tabulator-col.tabulator-sortable')) {
      header.tabIndex = 0;
      header.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          header.click();
        }
      });
    }
  });

  table.on('renderComplete', () => {
    resetRovingTabindex();
    callbacks.rendered?.();
  });

  const onClick = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest(`.${DETAIL_CLASS}`)) return;
    const rowEl = target.closest<HTMLElement>(ROW_SELECTOR);
    if (!rowEl || !element.querySelector('.tabulator-tableholder')?.contains(rowEl)) return;
    // Selecting an id to copy it is not a click on the row.
    if (window.getSelection()?.toString()) return;
    focusRow(rowEl);
    toggle(rowEl);
  };

  const onKeydown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest(`.${DETAIL_CLASS}`)) {
      if (event.key === 'Escape') {
        const rowEl = target.closest<HTMLElement>(ROW_SELECTOR);
        if (rowEl?.dataset.chargeId) {
          collapse(rowEl.dataset.chargeId);
          focusRow(rowEl);
        }
      }
      return;
    }
    if (!target.matches(ROW_SELECTOR)) return;
    const rows = rowElements();
    const index = rows.indexOf(target);
    let next: HTMLElement | undefined;
    switch (event.key) {
      case 'ArrowDown': next = rows[index + 1]; break;
      case 'ArrowUp': next = rows[index - 1]; break;
      case 'Home': next = rows[0]; break;
      case 'End': next = rows[rows.length - 1]; break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        toggle(target);
        return;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const open = target.dataset.chargeId !== undefined && expanded.has(target.dataset.chargeId);
        if (open !== (event.key === 'ArrowRight')) toggle(target);
        event.preventDefault();
        return;
      }
      default:
        return;
    }
    event.preventDefault();
    focusRow(next);
  };

  // On the host element, which outlives this table (the island rebuilds the grid in it).
  element.addEventListener('click', onClick);
  element.addEventListener('keydown', onKeydown);

  return {
    reload() {
      if (!destroyed) table.setData().catch(() => {});
    },
    reloadPage() {
      if (destroyed) return;
      table.setPage(table.getPage() || 1).catch(() => {});
    },
    setPage(page) {
      if (!destroyed) table.setPage(page).catch(() => {});
    },
    setPageSize(size) {
      if (!destroyed) Promise.resolve(table.setPageSize(size) as unknown).catch(() => {});
    },
    setZoneLabel(label) {
      const title = element.querySelector<HTMLElement>('.tabulator-col[tabulator-field="createdAt"] .tabulator-col-title');
      if (title) title.textContent = label ? `Date & time (${label})` : 'Date & time';
    },
    collapseAll,
    destroy() {
      destroyed = true;
      element.removeEventListener('click', onClick);
      element.removeEventListener('keydown', onKeydown);
      collapseAll();
      table.destroy();
    },
  };
}
