import { PAYMENTS_CSV_POLICY, cacheHeaders } from '../../cache/cache-policy.ts';
import type { PaymentFilters } from '../../queries/payment-filters-sql.ts';
import { getPaymentsCsvBatch, type CsvBatch } from '../../queries/payments-csv.ts';
import type { PaymentKey } from '../../queries/payment-sort.ts';
import { csvLine } from '../csv/csv-format.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { parsePaymentFilters, parsePaymentSort } from '../params/payment-params.ts';

/**
 * Rows per query. Each batch is one text value of ~200 bytes a row, so 20,000 rows hold ~4 MB:
 * few enough round trips that the database's per-query cost disappears, small enough that
 * memory stays flat.
 */
export const CSV_BATCH_SIZE = 20_000;

function csvHeader(timeZone: string): string {
  return csvLine([
    'charge_id', 'payment_intent_id', 'customer_id', 'profile_id', `created_at (${timeZone})`, 'amount', 'currency', 'status',
    'failure_code', 'decline_code', 'failure_category', 'recovery_action', 'failure_message',
    'card_brand', 'card_last4', 'card_country', 'funnel', 'attempt_number', 'advice_code',
  ]);
}

/** What and when: `failed-payments_2026-05-01_to_2026-05-31_Europe-Paris_exported-20261126T0942Z.csv`. */
export function csvFilename(filters: PaymentFilters, timeZone: string, exportedAt: Date): string {
  const what = filters.status ? `${filters.status}-payments` : 'payments';
  const range = filters.from && filters.to ? `${filters.from}_to_${filters.to}`
    : filters.from ? `from_${filters.from}`
    : filters.to ? `until_${filters.to}`
    : 'all-dates';
  const zone = timeZone.replace(/[^A-Za-z0-9_+-]+/g, '-');
  const stamp = exportedAt.toISOString().replace(/[-:]/g, '').slice(0, 13);
  return `${what}_${range}_${zone}_exported-${stamp}Z.csv`;
}

/**
 * GET /api/payments.csv: the whole filtered result, in the explorer's sort, streamed. Rows are
 * read in keyset batches as the client consumes the stream, so memory stays at two batches (the
 * one being sent, the one being read) however many rows there are. The first batch is read before answering, so a database that is down
 * still gets the 503 JSON rather than a broken download.
 */
export function createPaymentsCsvHandler(options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? CSV_BATCH_SIZE;
  return async function handlePaymentsCsv(request: Request, deps: Deps): Promise<Response> {
    const url = new URL(request.url);
    const filters = parsePaymentFilters(url, { maxDays: deps.config.maxRangeDays });
    const sort = parsePaymentSort(url);
    const generatedAt = deps.now();
    const timeZone = deps.config.reportingTimezone;
    // PostgreSQL writes the lines (src/queries/payments-csv.ts); this only passes them on.
    const source = await paymentsSource(deps);
    const readAfter = (after: PaymentKey | undefined) => getPaymentsCsvBatch(source, filters, sort, after, batchSize);

    // One batch is read ahead: the database works on the next while this one is encoded and sent.
    let ahead: Promise<CsvBatch> | undefined = Promise.resolve(await readAfter(undefined));
    const readAhead = (after: PaymentKey) => {
      ahead = readAfter(after);
      ahead.catch(() => {}); // awaited by the next pull; never left unhandled if the client leaves first
    };
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader(timeZone)));
      },
      async pull(controller) {
        try {
          if (!ahead) return controller.close();
          const batch = await ahead;
          ahead = undefined;
          if (batch.rows === batchSize && batch.last) readAhead(batch.last);
          if (batch.rows > 0) controller.enqueue(encoder.encode(batch.text));
          if (!ahead) controller.close();
        } catch (error) {
          // Headers are gone already; all that is left is to break the download visibly.
          deps.log(`CSV export stopped: ${error instanceof Error ? error.message : String(error)}`);
          controller.error(error);
        }
      },
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8; header=present',
        'content-disposition': `attachment; filename="${csvFilename(filters, timeZone, generatedAt)}"`,
        ...cacheHeaders(PAYMENTS_CSV_POLICY, generatedAt),
      },
    });
  };
}

export const handlePaymentsCsv = createPaymentsCsvHandler();
