import { PAYMENTS_CSV_POLICY, cacheHeaders } from '../../cache/cache-policy.ts';
import type { PaymentFilters } from '../../queries/payment-filters-sql.ts';
import { PAYMENT_DETAIL_COLUMNS_SQL, type PaymentDetailRow } from '../../queries/payment-row.ts';
import { getPaymentsAfter } from '../../queries/payments-page.ts';
import { csvLine } from '../csv/csv-format.ts';
import { majorUnitsText } from '../csv/major-units.ts';
import type { Deps } from '../deps.ts';
import { parsePaymentFilters, parsePaymentSort } from '../params/payment-params.ts';

export const CSV_BATCH_SIZE = 2000;

function csvHeader(timeZone: string): string {
  return csvLine([
    'charge_id', 'payment_intent_id', 'customer_id', 'profile_id', `created_at (${timeZone})`, 'amount', 'currency', 'status',
    'failure_code', 'decline_code', 'failure_category', 'recovery_action', 'failure_message',
    'card_brand', 'card_last4', 'card_country', 'funnel', 'attempt_number',
  ]);
}

function csvRow(row: PaymentDetailRow): string {
  return csvLine([
    row.chargeId, row.paymentIntentId, row.customerId, row.profileId, row.createdAt,
    majorUnitsText(row.amount, row.currency), row.currency, row.status,
    row.failureCode, row.declineCode, row.failureCategory, row.recoveryAction, row.failureMessage,
    row.cardBrand, row.cardLast4, row.cardCountry, row.funnel, row.attemptNumber,
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
 * read in keyset batches as the client consumes the stream, so memory stays at one batch however
 * many rows there are. The first batch is read before answering, so a database that is down
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
    const readAfter = (after: PaymentDetailRow | undefined) =>
      getPaymentsAfter(deps, filters, sort, after, batchSize, PAYMENT_DETAIL_COLUMNS_SQL) as Promise<PaymentDetailRow[]>;

    let pending: PaymentDetailRow[] | undefined = await readAfter(undefined);
    let last: PaymentDetailRow | undefined;
    let finished = false;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(csvHeader(timeZone)));
      },
      async pull(controller) {
        try {
          if (finished) return controller.close();
          const batch: PaymentDetailRow[] = pending ?? await readAfter(last);
          pending = undefined;
          if (batch.length > 0) {
            controller.enqueue(encoder.encode(batch.map(csvRow).join('')));
            last = batch.at(-1);
          }
          if (batch.length < batchSize) {
            finished = true;
            controller.close();
          }
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
