/**
 * The sort orders the explorer offers. Each ends in charge_id so the order is total (rows with
 * equal values never swap between pages), and each descending order is the exact mirror of its
 * ascending one, so a single index serves both directions and keyset conditions stay simple.
 */
import type { PaymentRow, PaymentSort, SortField } from '../contract/payments.ts';

type Direction = 'asc' | 'desc';

interface SortColumn {
  column: string;
  field: keyof PaymentRow;
  /** Direction when the sort is ascending; flipped as a whole for descending. */
  direction: Direction;
  cast: string;
}

const col = (column: string, field: keyof PaymentRow, direction: Direction, cast: string): SortColumn => ({ column, field, direction, cast });

const SORT_COLUMNS = {
  createdAt: [col('created_at', 'createdAt', 'asc', 'timestamptz'), col('charge_id', 'chargeId', 'asc', 'text')],
  // Amounts in different currencies are not comparable (¥1,311,200 is not more than $15,884.38),
  // so amounts sort within their currency, currencies in code order; one currency filtered, it is
  // a plain amount order.
  amount: [col('currency', 'currency', 'asc', 'text'), col('amount', 'amount', 'asc', 'bigint'), col('charge_id', 'chargeId', 'asc', 'text')],
  // Within a status, newest first: the (status, created_at desc, charge_id desc) index's order.
  status: [col('status', 'status', 'asc', 'text'), col('created_at', 'createdAt', 'desc', 'timestamptz'), col('charge_id', 'chargeId', 'desc', 'text')],
  chargeId: [col('charge_id', 'chargeId', 'asc', 'text')],
} as const satisfies Record<SortField, readonly SortColumn[]>;

/** The columns any sort order is made of: enough to say where a row stands in every order. */
export type PaymentKey = Pick<PaymentRow, 'chargeId' | 'createdAt' | 'currency' | 'amount' | 'status'>;

function columnsOf(sort: PaymentSort): SortColumn[] {
  return SORT_COLUMNS[sort.field].map((c) => ({ ...c, direction: sort.descending === (c.direction === 'asc') ? 'desc' : 'asc' }));
}

export function reversed(sort: PaymentSort): PaymentSort {
  return { field: sort.field, descending: !sort.descending };
}

export function orderBySql(sort: PaymentSort): string {
  return columnsOf(sort).map((c) => `${c.column} ${c.direction}`).join(', ');
}

/**
 * "Comes after `row` in this order", for keyset batches. Runs of columns with one direction
 * become a row comparison (which an index range scan can use directly); a change of direction
 * nests: (a) > (x) or ((a) = (x) and <the rest>).
 */
export function keysetAfterSql(sort: PaymentSort, row: PaymentKey, params: unknown[]): string {
  const columns = columnsOf(sort);
  const groups: SortColumn[][] = [];
  for (const column of columns) {
    const last = groups.at(-1);
    if (last && last[0]!.direction === column.direction) last.push(column);
    else groups.push([column]);
  }
  const bind = (c: SortColumn): string => {
    params.push(row[c.field as keyof PaymentKey]);
    return `$${params.length}::${c.cast}`;
  };
  const build = (index: number): string => {
    const group = groups[index]!;
    const names = `(${group.map((c) => c.column).join(', ')})`;
    const values = group.map(bind);
    const tuple = `(${values.join(', ')})`;
    const op = group[0]!.direction === 'asc' ? '>' : '<';
    if (index === groups.length - 1) return `${names} ${op} ${tuple}`;
    return `(${names} ${op} ${tuple} or (${names} = ${tuple} and ${build(index + 1)}))`;
  };
  return build(0);
}
