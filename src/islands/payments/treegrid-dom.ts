/**
 * The grid as a keyboard treegrid in the page: its role, one tab stop (a roving tabindex over the
 * rows), keys turned into focus moves and opened or closed rows by treegridKeyEffect, a click on a
 * row opening or closing it, and sortable headers that Enter and Space sort as a click does.
 */
import { DETAIL_CLASS, type RowExpansion } from './row-expansion.ts';
import { treegridKeyEffect } from './treegrid-keys.ts';

const ROW_SELECTOR = '.tabulator-row';

/** The body's rows, top to bottom. */
export function rowElements(host: HTMLElement): HTMLElement[] {
  return [...host.querySelectorAll<HTMLElement>(`.tabulator-tableholder ${ROW_SELECTOR}`)];
}

/** Once Tabulator has built the table in `host`. */
export function prepareTreegrid(host: HTMLElement): void {
  // Rows expand, and aria-expanded on a row belongs to a treegrid (Left/Right close/open, as there).
  host.setAttribute('role', 'treegrid');
  // The rows are the tab stops; a focusable scroll container would be an extra one, and is not
  // allowed directly inside a grid.
  host.querySelector<HTMLElement>('.tabulator-tableholder')?.removeAttribute('tabindex');
  for (const header of host.querySelectorAll<HTMLElement>('.tabulator-col.tabulator-sortable')) {
    header.tabIndex = 0;
    header.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        header.click();
      }
    });
  }
}

export interface TreegridInput {
  /** After each render: the row that last had the focus (else the first) is the one tab stop. */
  resetRovingTabindex(): void;
  unbind(): void;
}

/**
 * Listens on `host`, which outlives each Tabulator table built in it (the island rebuilds the grid
 * when the URL changes under it).
 */
export function bindTreegridInput(host: HTMLElement, expansion: RowExpansion): TreegridInput {
  let activeChargeId: string | undefined;

  function focusRow(rowEl: HTMLElement | undefined): void {
    if (!rowEl) return;
    for (const node of rowElements(host)) node.tabIndex = node === rowEl ? 0 : -1;
    activeChargeId = rowEl.dataset.chargeId;
    rowEl.focus();
  }

  const onClick = (event: MouseEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest(`.${DETAIL_CLASS}`)) return;
    const rowEl = target.closest<HTMLElement>(ROW_SELECTOR);
    if (!rowEl || !host.querySelector('.tabulator-tableholder')?.contains(rowEl)) return;
    // Selecting an id to copy it is not a click on the row.
    if (window.getSelection()?.toString()) return;
    focusRow(rowEl);
    if (rowEl.dataset.chargeId) expansion.toggle(rowEl.dataset.chargeId);
  };

  const onKeydown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const inDetail = target.closest(`.${DETAIL_CLASS}`) !== null;
    const rowEl = inDetail || target.matches(ROW_SELECTOR) ? target.closest<HTMLElement>(ROW_SELECTOR) : null;
    const chargeId = rowEl?.dataset.chargeId;
    if (!chargeId) return;
    const rows = rowElements(host);
    const ids = rows.map((node) => node.dataset.chargeId ?? '');
    const effect = treegridKeyEffect({ rows: ids, row: chargeId, inDetail, expanded: expansion.expanded() }, event.key);
    if (effect.consumed) event.preventDefault();
    if (effect.collapse) expansion.collapse(effect.collapse);
    if (effect.expand) expansion.expand(effect.expand);
    if (effect.focus) focusRow(rows[ids.indexOf(effect.focus)]);
  };

  host.addEventListener('click', onClick);
  host.addEventListener('keydown', onKeydown);

  return {
    resetRovingTabindex() {
      const rows = rowElements(host);
      const active = rows.find((node) => node.dataset.chargeId === activeChargeId) ?? rows[0];
      for (const node of rows) node.tabIndex = node === active ? 0 : -1;
    },
    unbind() {
      host.removeEventListener('click', onClick);
      host.removeEventListener('keydown', onKeydown);
    },
  };
}
