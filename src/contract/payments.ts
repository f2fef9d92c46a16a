/**
 * The payments endpoints' shapes (DESIGN.md "payments", "detail"), the statuses a charge can have
 * and the sort orders the list offers, shared by the handlers (which validate against them and
 * declare their bodies with `satisfies`) and the Payments explorer.
 */

/** DESIGN.md's statuses: offered at once, and still offered when /api/filters cannot answer. */
export const PAYMENT_STATUSES = ['succeeded', 'failed', 'pending'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** One charge as /api/payments lists it. */
export interface PaymentRow {
  chargeId: string;
  paymentIntentId: string | null;
  customerId: string | null;
  /** ISO 8601 with the reporting zone's offset. */
  createdAt: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  failureCode: string | null;
  declineCode: string | null;
  failureCategory: string | null;
  recoveryAction: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  cardCountry: string | null;
  funnel: string | null;
  attemptNumber: number;
}

/** The charge in full, for the detail view. */
export interface PaymentDetailRow extends PaymentRow {
  profileId: string | null;
  failureMessage: string | null;
  /** Stripe `outcome.advice_code`; null when absent or when the mart has no such column. */
  adviceCode: string | null;
}

/**
 * One attempt of a payment intent, in the detail's retry history: its category names the failure
 * as the list does; `recoveryAction` is the advice code's where there is one.
 */
export type AttemptRow = Pick<
  PaymentDetailRow,
  'chargeId' | 'createdAt' | 'amount' | 'status' | 'failureCode' | 'declineCode' | 'failureCategory' | 'adviceCode' | 'recoveryAction' | 'attemptNumber'
>;

export interface PaymentsPageResponse {
  rows: PaymentRow[];
  page: number;
  size: number;
  total: number;
  /** The count stopped at the cap: there are at least `total` rows. */
  totalCapped: boolean;
  lastPage: number;
  /** Passed back as `after`, reads the next page by keyset; null on the last page. */
  nextCursor: string | null;
}

export interface PaymentDetailResponse {
  charge: PaymentDetailRow;
  attempts: AttemptRow[];
  /** The retry hygiene the detail holds the history against. */
  retryLimit: { maxRetries: number; maxAttempts: number };
}

/** What the filter dropdowns offer. */
export interface FiltersResponse {
  statuses: PaymentStatus[];
  funnels: string[];
  brands: string[];
  countries: string[];
  currencies: string[];
}

/** The columns the list sorts by (`sort=amount`, `sort=-createdAt`); each order ends in chargeId. */
export const SORT_FIELDS = ['createdAt', 'amount', 'status', 'chargeId'] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface PaymentSort {
  field: SortField;
  descending: boolean;
}

/** Newest first (ties by charge id). */
export const DEFAULT_SORT: PaymentSort = { field: 'createdAt', descending: true };

/** 'amount' / '-createdAt' → PaymentSort, or undefined for anything not on the list. */
export function parseSortText(text: string): PaymentSort | undefined {
  const descending = text.startsWith('-');
  const field = descending ? text.slice(1) : text;
  return (SORT_FIELDS as readonly string[]).includes(field) ? { field: field as SortField, descending } : undefined;
}

export function sortText(sort: PaymentSort): string {
  return `${sort.descending ? '-' : ''}${sort.field}`;
}

export function sameSort(a: PaymentSort, b: PaymentSort): boolean {
  return a.field === b.field && a.descending === b.descending;
}
