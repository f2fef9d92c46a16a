/**
 * Rows expand in place: a full-width gridcell appended to the row element holds the detail, which
 * the island renders into it. The open rows are kept by charge id; each row's aria-expanded and
 * is-expanded class follow them.
 */
import type { PaymentRow } from '../../contract/payments.ts';

export const DETAIL_CLASS = 'payment-detail-cell';

export interface DetailRenderer {
  /** Renders the detail of `row` into `holder` (a gridcell inside the row). */
  mountDetail(holder: HTMLElement, row: PaymentRow): void;
  unmountDetail(holder: HTMLElement): void;
}

/** The rows on screen, as the grid knows them. */
export interface GridRows {
  element(chargeId: string): HTMLElement | undefined;
  data(chargeId: string): PaymentRow | undefined;
  /** How many columns the detail cell spans. */
  columnCount: number;
}

export interface RowExpansion {
  /** The charge ids of the open rows. */
  expanded(): ReadonlySet<string>;
  expand(chargeId: string): void;
  collapse(chargeId: string): void;
  toggle(chargeId: string): void;
  collapseAll(): void;
}

export function createRowExpansion(rows: GridRows, renderer: DetailRenderer): RowExpansion {
  const holders = new Map<string, HTMLElement>();

  function collapse(chargeId: string): void {
    const holder = holders.get(chargeId);
    if (!holder) return;
    const rowEl = holder.parentElement ?? rows.element(chargeId);
    renderer.unmountDetail(holder);
    holder.remove();
    holders.delete(chargeId);
    rowEl?.setAttribute('aria-expanded', 'false');
    rowEl?.classList.remove('is-expanded');
  }

  function expand(chargeId: string): void {
    const rowEl = rows.element(chargeId);
    const row = rows.data(chargeId);
    if (holders.has(chargeId) || !rowEl || !row) return;
    const holder = document.createElement('div');
    holder.className = DETAIL_CLASS;
    holder.setAttribute('role', 'gridcell');
    holder.setAttribute('aria-colspan', String(rows.columnCount));
    rowEl.append(holder);
    rowEl.setAttribute('aria-expanded', 'true');
    rowEl.classList.add('is-expanded');
    holders.set(chargeId, holder);
    renderer.mountDetail(holder, row);
  }

  return {
    expanded: () => new Set(holders.keys()),
    expand,
    collapse,
    toggle: (chargeId) => (holders.has(chargeId) ? collapse(chargeId) : expand(chargeId)),
    collapseAll() {
      for (const chargeId of [...holders.keys()]) collapse(chargeId);
    },
  };
}
