import type { MartSource } from './mart-source.ts';
import { paymentFiltersSql, type PaymentFilters } from './payment-filters-sql.ts';
import type { PaymentRow, PaymentSort } from '../contract/payments.ts';
import { paymentColumnsSql } from './payment-row.ts';
import { keysetAfterSql, orderBySql, reversed, type PaymentKey } from './payment-sort.ts';

/**
 * One page of filtered payments by offset. The offset is walked in a narrow index (a "deferred
 * join": find the page's charge ids first, then read only those rows), and when the total is
 * known and the page lies in the second half, the walk starts from the other end of the index,
 * so the last page costs what the first does.
 */
export async function getPaymentsPage(
  source: MartSource,
  filters: PaymentFilters,
  sort: PaymentSort,
  page: { offset: number; limit: number; total?: number },
): Promise<PaymentRow[]> {
  const { db, tables } = source;
  let { offset, limit } = page;
  let order = sort;
  let fromEnd = false;
  if (page.total !== undefined) {
    if (offset >= page.total) return [];
    const fromTheEnd = page.total - offset - limit;
    if (fromTheEnd < offset) {
      fromEnd = true;
      order = reversed(sort);
      limit = Math.min(limit, page.total - offset);
      offset = Math.max(0, fromTheEnd);
    }
  }
  const params: unknown[] = [];
  const where = paymentFiltersSql(filters, params, source);
  params.push(limit, offset);
  const rows = await db.query<PaymentRow>(
    `with page as (
       select charge_id from ${tables.payments}
        where ${where}
        order by ${orderBySql(order)}
        limit $${params.length - 1} offset $${params.length}
     )
     select ${paymentColumnsSql(source)}
       from ${tables.payments}
      where charge_id in (select charge_id from page)
      order by ${orderBySql(order)}`,
    params,
  );
  return fromEnd ? rows.reverse() : rows;
}

/**
 * The next `limit` payments after `after` in the sort order (all of them from the start when
 * `after` is undefined): keyset batches whose cost does not depend on how far in they are.
 */
export async function getPaymentsAfter(
  source: MartSource,
  filters: PaymentFilters,
  sort: PaymentSort,
  after: PaymentKey | undefined,
  limit: number,
): Promise<PaymentRow[]> {
  const { db, tables } = source;
  const params: unknown[] = [];
  const conditions = [paymentFiltersSql(filters, params, source)];
  if (after) conditions.push(keysetAfterSql(sort, after, params));
  params.push(limit);
  return db.query<PaymentRow>(
    `select ${paymentColumnsSql(source)}
       from ${tables.payments}
      where ${conditions.join(' and ')}
      order by ${orderBySql(sort)}
      limit $${params.length}`,
    params,
  );
}
