import type { MartSource } from './mart-source.ts';
import { retryHygieneSql, type RetryHygieneFilter } from './retry-hygiene-sql.ts';

/**
 * The payments explorer's filters as one SQL condition. Every value goes in as a bound parameter
 * appended to `params`; only column names and operators written here become SQL text.
 */
import { DECLINE_NONE } from '../contract/decline-filter.ts';
import type { PaymentStatus } from '../contract/payments.ts';

export interface PaymentFilters {
  status?: PaymentStatus;
  /** Reporting-zone calendar days, inclusive. */
  from?: string;
  to?: string;
  /** Exact or prefix match on the charge, payment intent or customer id. */
  q?: string;
  funnel?: string;
  brand?: string;
  /** ISO 3166-1 alpha-2, uppercase, as the mart stores card_country. */
  country?: string;
  /** A failure_category value (card_declined, insufficient_funds, …); `other` includes charges without one, as the Overview counts them. */
  category?: string;
  /**
   * A decline code as the Overview's top failure reasons show it: coalesce(decline_code,
   * failure_code), the decline mapping's key (Stripe often sends `expired_card` or
   * `processing_error` with no decline code); `none` for charges with neither.
   */
  decline?: string;
  currency?: string;
  /** Retries that break the rules (retry-hygiene-sql.ts), as the Overview's retry-hygiene section counts them. */
  hygiene?: RetryHygieneFilter;
}

/** `abc_%` must match the literal characters: LIKE's wildcards and its escape get a backslash. */
export function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

/** `source` names the table (and whether it has advice_code) for the conditions that look at other rows. */
export function paymentFiltersSql(filters: PaymentFilters, params: unknown[], source: Pick<MartSource, 'tables' | 'adviceCode'>): string {
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions: string[] = [];
  if (filters.status) conditions.push(`status = ${bind(filters.status)}`);
  // The session TimeZone is the reporting zone, so a date compares as that zone's midnight.
  if (filters.from) conditions.push(`created_at >= ${bind(filters.from)}::date`);
  if (filters.to) conditions.push(`created_at < ${bind(filters.to)}::date + 1`);
  if (filters.currency) conditions.push(`currency = ${bind(filters.currency)}`);
  if (filters.funnel) conditions.push(`funnel = ${bind(filters.funnel)}`);
  if (filters.brand) conditions.push(`card_brand = ${bind(filters.brand)}`);
  if (filters.country) conditions.push(`card_country = ${bind(filters.country)}`);
  if (filters.category) conditions.push(`coalesce(failure_category, 'other') = ${bind(filters.category)}`);
  if (filters.decline === DECLINE_NONE) conditions.push('coalesce(decline_code, failure_code) is null');
  else if (filters.decline) conditions.push(`coalesce(decline_code, failure_code) = ${bind(filters.decline)}`);
  if (filters.q) {
    // A constant-prefix LIKE (default escape \) can use the text_pattern_ops indexes; the three
    // index scans are OR-ed as a bitmap. Drivers send unnamed statements, planned with the value.
    const pattern = bind(likePrefix(filters.q));
    conditions.push(`(charge_id like ${pattern} or payment_intent_id like ${pattern} or customer_id like ${pattern})`);
  }
  if (filters.hygiene) conditions.push(retryHygieneSql(filters.hygiene, source));
  return conditions.length > 0 ? conditions.join(' and ') : 'true';
}
