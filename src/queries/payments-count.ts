import type { MartSource } from './mart-source.ts';
import { paymentFiltersSql, type PaymentFilters } from './payment-filters-sql.ts';

/** Counting stops here: past it the explorer says "100,000+" instead of scanning everything. */
export const DEFAULT_TOTAL_CAP = 100_000;

/** How many payments match, exact up to `cap`; beyond it `{ total: cap, capped: true }`. */
export async function countPayments(
  { db, tables }: MartSource,
  filters: PaymentFilters,
  cap: number = DEFAULT_TOTAL_CAP,
): Promise<{ total: number; capped: boolean }> {
  const params: unknown[] = [];
  const where = paymentFiltersSql(filters, params);
  params.push(cap + 1);
  const rows = await db.query<{ count: number }>(
    `select count(*) as count from (select 1 from ${tables.payments} where ${where} limit $${params.length}) matching`,
    params,
  );
  const count = rows[0]?.count ?? 0;
  return count > cap ? { total: cap, capped: true } : { total: count, capped: false };
}
