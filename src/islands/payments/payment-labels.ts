/**
 * Plain words for what the payments explorer shows beyond the shared labels (src/ui/labels.ts,
 * src/ui/code-labels.ts): status with its glyph, a card as brand and last four digits, the reason
 * of one attempt, the result count, the amount sort's note, the retry-hygiene filter. Unknown codes
 * fall back to the code made readable.
 */
import type { PaymentSort, PaymentStatus } from '../../contract/payments.ts';
import { formatCount } from '../../ui/format.ts';
import { cardBrandLabel, humanizeCode } from '../../ui/code-labels.ts';

/** Status text plus a glyph, so the status never rests on colour alone. */
const STATUS_LABELS: Record<PaymentStatus, { text: string; icon: string }> = {
  succeeded: { text: 'Succeeded', icon: '✓' },
  failed: { text: 'Failed', icon: '✕' },
  pending: { text: 'Pending', icon: '…' },
};

export function statusLabel(status: string): { text: string; icon: string } {
  return STATUS_LABELS[status as PaymentStatus] ?? { text: humanizeCode(status), icon: '?' };
}

/** "Visa ****4242"; whatever part is known when the other is missing; '' when neither is. */
export function cardLabel(brand: string | null | undefined, last4: string | null | undefined): string {
  const name = cardBrandLabel(brand);
  const digits = last4 ? `****${last4}` : '';
  return [name, digits].filter(Boolean).join(' ');
}

/** Why one attempt failed, in words, from what the attempt carries. */
export function attemptReason(attempt: { status: string; failureCode: string | null; declineCode: string | null }): string {
  if (attempt.status !== 'failed') return '';
  const code = attempt.declineCode ?? attempt.failureCode;
  return code ? humanizeCode(code) : 'No reason given';
}

/** "Showing 1,234 payments"; "Showing 10,000+ payments" when the API capped the count. */
export function showingText(page: { total: number; totalCapped: boolean }): string {
  const count = `${formatCount(page.total)}${page.totalCapped ? '+' : ''}`;
  return `Showing ${count} payment${page.total === 1 && !page.totalCapped ? '' : 's'}`;
}

/**
 * Amounts in different currencies are not comparable, so the API sorts by amount within each
 * currency (currencies in code order, reversed for largest first). Said beside the count whenever
 * that grouping is in effect, i.e. sorting by amount with Currency = Any.
 */
export function amountSortNote(view: { sort: PaymentSort; currency: string }, currencies: readonly string[]): string {
  if (view.sort.field !== 'amount' || view.currency) return '';
  const codes = [...currencies].map((code) => code.toUpperCase()).sort();
  if (view.sort.descending) codes.reverse();
  const order = codes.length > 1 ? ` (${codes.join(', then ')})` : '';
  return `Sorted by amount within each currency${order}; choose a currency to compare amounts in one.`;
}

/** The explorer's retry-hygiene filter (the API's `hygiene` values) in plain words. */
export const RETRY_HYGIENE_LABELS: Readonly<Record<string, string>> = {
  after_hard_decline: 'After a do-not-retry decline',
  past_max_attempts: 'Past Stripe’s 8 retries',
};

export function retryHygieneLabel(value: string): string {
  return RETRY_HYGIENE_LABELS[value] ?? humanizeCode(value);
}
