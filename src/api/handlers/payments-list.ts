import { PAYMENTS_LIST_POLICY } from '../../cache/cache-policy.ts';
import type { PaymentsPageResponse } from '../../contract/payments.ts';
import { countPayments } from '../../queries/payments-count.ts';
import { getPaymentsAfter, getPaymentsPage } from '../../queries/payments-page.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { encodeCursor, parseCursorParam } from '../params/page-cursor.ts';
import { parsePagination, parsePaymentFilters, parsePaymentSort } from '../params/payment-params.ts';
import { cachedJson } from '../respond.ts';

/** Near the start a page is cheap whatever the total, so the page and the count run side by side. */
const PARALLEL_OFFSET_LIMIT = 10_000;

/**
 * GET /api/payments: one page of filtered, sorted payments and the total, exact up to
 * countPayments' cap (10,000) and flagged `totalCapped` beyond it (lastPage then covers the capped total).
 * `nextCursor` (null on the last page) passed back as `after` reads the next page by keyset.
 */
export async function handlePaymentsList(request: Request, deps: Deps): Promise<Response> {
  const url = new URL(request.url);
  const filters = parsePaymentFilters(url, { maxDays: deps.config.maxRangeDays });
  const sort = parsePaymentSort(url);
  const { page, size } = parsePagination(url);
  const after = parseCursorParam(url, sort);
  const offset = (page - 1) * size;
  const generatedAt = deps.now();
  const source = await paymentsSource(deps);
  let count: { total: number; capped: boolean };
  let rows;
  if (after) {
    [count, rows] = await Promise.all([
      countPayments(source, filters),
      getPaymentsAfter(source, filters, sort, after, size),
    ]);
  } else if (offset < PARALLEL_OFFSET_LIMIT) {
    [count, rows] = await Promise.all([
      countPayments(source, filters),
      getPaymentsPage(source, filters, sort, { offset, limit: size }),
    ]);
  } else {
    // Far in, an exact total lets the page be read from whichever end of the index is nearer.
    count = await countPayments(source, filters);
    rows = await getPaymentsPage(source, filters, sort, { offset, limit: size, total: count.capped ? undefined : count.total });
  }
  const body = {
    rows,
    page,
    size,
    total: count.total,
    totalCapped: count.capped,
    lastPage: Math.max(1, Math.ceil(count.total / size)),
    nextCursor: rows.length === size ? encodeCursor(sort, rows.at(-1)!) : null,
  } satisfies PaymentsPageResponse;
  return cachedJson(body, PAYMENTS_LIST_POLICY, generatedAt);
}
