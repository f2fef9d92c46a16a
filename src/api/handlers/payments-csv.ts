import { PAYMENTS_CSV_POLICY, cacheHeaders } from '../../cache/cache-policy.ts';
import { countPayments } from '../../queries/payments-count.ts';
import type { PaymentFilters } from '../../queries/payment-filters-sql.ts';
import { getPaymentsCsvBatch, type CsvBatch } from '../../queries/payments-csv.ts';
import type { PaymentSort } from '../../contract/payments.ts';
import type { PaymentKey } from '../../queries/payment-sort.ts';
import { csvFilename } from '../../contract/csv-filename.ts';
import { badRequest } from '../../http/app-error.ts';
import { csvLine } from '../csv/csv-format.ts';
import type { Deps } from '../deps.ts';
import { paymentsSource } from '../payments-source.ts';
import { encodeCursor, parseCursorParam } from '../params/page-cursor.ts';
import { parsePaymentFilters, parsePaymentSort } from '../params/payment-params.ts';
import { optionalParam } from '../params/query-params.ts';

/**
 * Rows per batch. At ~185 bytes a row, 10,000 rows are ~1.8 MB: few enough queries that their
 * fixed cost disappears (the whole 10M table: 180k-186k rows/s, as with 20,000), small enough
 * that the two batches in flight and the one being sent keep memory flat (the server's peak RSS
 * 181-189 MB against 193-200 MB with 20,000, under the Procfile's settings).
 */
export const CSV_BATCH_SIZE = 10_000;

function csvHeader(timeZone: string): string {
  return csvLine([
    'charge_id', 'payment_intent_id', 'customer_id', 'profile_id', `created_at (${timeZone})`, 'amount', 'currency', 'status',
    'failure_code', 'decline_code', 'failure_category', 'recovery_action', 'failure_message',
    'card_brand', 'card_last4', 'card_country', 'funnel', 'attempt_number', 'advice_code',
  ]);
}

/**
 * The most rows one chunk may ask for. At ~200 bytes a row, 50,000 rows are ~10 MB: inside the
 * 20 MB a streamed Netlify Function response may carry (the page asks for 10,000, ~1.8 MB).
 */
export const CSV_CHUNK_MAX_ROWS = 50_000;

/** Counting the export's rows for its progress bar stops here (the count then says so). */
const EXPORT_COUNT_CAP = 10_000_000;

function parseChunkLimit(url: URL): number | undefined {
  const raw = optionalParam(url, 'limit');
  if (raw === undefined) return undefined;
  const limit = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= CSV_CHUNK_MAX_ROWS)) throw badRequest('limit', `limit must be a whole number from 1 to ${CSV_CHUNK_MAX_ROWS}`);
  return limit;
}

function csvHeaders(filters: PaymentFilters, timeZone: string, generatedAt: Date, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'text/csv; charset=utf-8; header=present',
    'content-disposition': `attachment; filename="${csvFilename(filters, timeZone, generatedAt)}"`,
    ...cacheHeaders(PAYMENTS_CSV_POLICY, generatedAt),
    ...extra,
  };
}

/**
 * One chunk of the export (`limit` rows after the `after` cursor): what a Netlify Function can
 * return within its limits, where a million-row file cannot be one response. The first chunk
 * (no `after`) starts with the header line and says how many rows to expect (`X-Total-Rows`);
 * every chunk says how many it holds (`X-Chunk-Rows`) and, unless it is the last, where the next
 * starts (`X-Next-Cursor`). Concatenated, the chunks are byte for byte the single-response file.
 */
async function csvChunk(deps: Deps, url: URL, filters: PaymentFilters, sort: PaymentSort, limit: number): Promise<Response> {
  const after = parseCursorParam(url, sort);
  const generatedAt = deps.now();
  const timeZone = deps.config.reportingTimezone;
  const source = await paymentsSource(deps);
  const [batch, total] = await Promise.all([
    getPaymentsCsvBatch(source, filters, sort, after, limit),
    after ? undefined : countPayments(source, filters, EXPORT_COUNT_CAP),
  ]);
  const extra: Record<string, string> = { 'x-chunk-rows': String(batch.rows) };
  if (batch.rows === limit && batch.last) extra['x-next-cursor'] = encodeCursor(sort, batch.last);
  if (total) {
    extra['x-total-rows'] = String(total.total);
    if (total.capped) extra['x-total-capped'] = 'true';
  }
  const bytes = await batch.bytes;
  const body = new Blob(after ? [bytes] : [csvHeader(timeZone), bytes]);
  return new Response(body, { headers: csvHeaders(filters, timeZone, generatedAt, extra) });
}

/** How many batches are read at once: each COPY keeps one database core busy; two use a small server's two. */
const BATCHES_IN_FLIGHT = 2;

/**
 * The batches in order, up to BATCHES_IN_FLIGHT being read at once: the next starts as soon as
 * the previous one's end is known, which (with COPY) is well before its lines have arrived. It
 * runs only as far as the consumer pulls, so memory stays at those batches however many rows
 * there are.
 */
async function* batchesInOrder(readAfter: (after: PaymentKey | undefined) => Promise<CsvBatch>, batchSize: number): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const reading: CsvBatch[] = [];
  let next: { after: PaymentKey | undefined } | undefined = { after: undefined };
  for (;;) {
    while (next && reading.length < BATCHES_IN_FLIGHT) {
      const batch = await readAfter(next.after);
      batch.bytes.catch(() => {}); // awaited below; never left unhandled if the client leaves first
      reading.push(batch);
      next = batch.rows === batchSize && batch.last ? { after: batch.last } : undefined;
    }
    const batch = reading.shift();
    if (!batch) return;
    if (batch.rows > 0) yield await batch.bytes;
  }
}

/**
 * GET /api/payments.csv: the whole filtered result, in the explorer's sort, streamed; with
 * `limit`, one chunk of it (see csvChunk). Rows are read in keyset batches as the client consumes
 * the stream (batchesInOrder). The first batch is read before answering, so a database that is
 * down still gets the 503 JSON rather than a broken download.
 */
export function createPaymentsCsvHandler(options: { batchSize?: number } = {}) {
  const batchSize = options.batchSize ?? CSV_BATCH_SIZE;
  return async function handlePaymentsCsv(request: Request, deps: Deps): Promise<Response> {
    const url = new URL(request.url);
    const filters = parsePaymentFilters(url, { maxDays: deps.config.maxRangeDays });
    const sort = parsePaymentSort(url);
    const limit = parseChunkLimit(url);
    if (limit !== undefined) return csvChunk(deps, url, filters, sort, limit);
    const generatedAt = deps.now();
    const timeZone = deps.config.reportingTimezone;
    // PostgreSQL writes the lines (src/queries/payments-csv.ts); this only passes them on.
    const source = await paymentsSource(deps);
    const batches = batchesInOrder((after) => getPaymentsCsvBatch(source, filters, sort, after, batchSize), batchSize);
    const first = await batches.next();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader(timeZone)));
        if (first.done) controller.close();
        else controller.enqueue(first.value);
      },
      async pull(controller) {
        try {
          const batch = await batches.next();
          if (batch.done) controller.close();
          else controller.enqueue(batch.value);
        } catch (error) {
          // Headers are gone already; all that is left is to break the download visibly.
          deps.log(`CSV export stopped: ${error instanceof Error ? error.message : String(error)}`);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    });
    return new Response(body, { headers: csvHeaders(filters, timeZone, generatedAt) });
  };
}

export const handlePaymentsCsv = createPaymentsCsvHandler();
