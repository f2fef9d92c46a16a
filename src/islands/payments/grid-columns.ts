/**
 * The explorer grid's columns and how each cell shows its value. Formatters return elements, never
 * strings: Tabulator puts a string in with innerHTML.
 */
import type { CellComponent, ColumnDefinition } from 'tabulator-tables';
import { failureCategoryLabel } from '../../ui/labels.ts';
import { formatMoney } from '../../contract/money.ts';
import type { PaymentRow } from '../../contract/payments.ts';
import { funnelLabel } from '../../ui/code-labels.ts';
import { attemptReason, cardLabel, statusLabel } from './payment-labels.ts';
import { formatReportingDateTime } from './reporting-time.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

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
export const COLUMNS: ColumnDefinition[] = [
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
    title: dateColumnTitle(''),
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

/** The date column's header, naming the reporting time zone once it is known. */
export function dateColumnTitle(zoneLabel: string): string {
  return zoneLabel ? `Date & time (${zoneLabel})` : 'Date & time';
}
