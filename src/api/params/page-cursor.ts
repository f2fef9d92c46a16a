import { badRequest } from '../../http/app-error.ts';
import { PAYMENT_STATUSES, sortText, type PaymentSort } from '../../contract/payments.ts';
import type { PaymentKey } from '../../queries/payment-sort.ts';
import { optionalParam } from './query-params.ts';

/**
 * `after`: an opaque cursor naming the last row of the page before, which the list returns as
 * `nextCursor`. With it the next page is read by seeking in the sort's index (keyset), so page
 * 20,000 costs what page 1 costs; without it `page` is an offset. The cursor carries its sort,
 * so one made for another order is refused rather than silently skipping rows.
 */
export function encodeCursor(sort: PaymentSort, row: PaymentKey): string {
  const json = JSON.stringify([sortText(sort), row.createdAt, row.currency, row.amount, row.status, row.chargeId]);
  return Buffer.from(json, 'utf8').toString('base64url');
}

const INVALID = 'after must be a nextCursor value from a previous page with the same sort';

export function parseCursorParam(url: URL, sort: PaymentSort): PaymentKey | undefined {
  const raw = optionalParam(url, 'after');
  if (raw === undefined) return undefined;
  let value: unknown;
  try {
    if (raw.length > 400 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw new Error('shape');
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('after', INVALID);
  }
  if (!Array.isArray(value) || value.length !== 6) throw badRequest('after', INVALID);
  const [sortName, createdAt, currency, amount, status, chargeId] = value as unknown[];
  const valid = sortName === sortText(sort)
    && typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt))
    && typeof currency === 'string' && /^[a-z]{3}$/.test(currency)
    && Number.isSafeInteger(amount)
    && (PAYMENT_STATUSES as readonly unknown[]).includes(status)
    && typeof chargeId === 'string' && /^[A-Za-z0-9_]{1,255}$/.test(chargeId);
  if (!valid) throw badRequest('after', INVALID);
  return { createdAt: createdAt as string, currency: currency as string, amount: amount as number, status: status as PaymentKey['status'], chargeId: chargeId as string };
}
