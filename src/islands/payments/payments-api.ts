/**
 * The explorer's three reads, typed as DESIGN.md defines them, through the shared fetchJson (so
 * errors, X-Generated-At and the 401 → /login redirect behave as on every page).
 */
import { fetchJson, type Fetched } from '../../ui/fetch-json.ts';
import type { AttemptRow } from '../../queries/payment-detail.ts';
import type { PaymentDetailRow, PaymentRow } from '../../queries/payment-row.ts';
import { paymentDetailUrl, paymentsApiUrl, type PaymentsView } from './payments-view.ts';

/** The API's row and detail shapes, as the query layer defines them (types only). */
export type { PaymentRow };

export interface PaymentsPage {
  rows: PaymentRow[];
  page: number;
  size: number;
  total: number;
  totalCapped: boolean;
  lastPage: number;
}

export interface PaymentDetail {
  charge: PaymentDetailRow;
  attempts: AttemptRow[];
}

export interface FilterOptions {
  statuses: string[];
  funnels: string[];
  brands: string[];
  countries: string[];
  currencies: string[];
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** After a refresh: skip the browser's HTTP cache too. */
  reload?: boolean;
}

export function fetchPaymentsPage(view: PaymentsView, options: ReadOptions = {}): Promise<Fetched<PaymentsPage>> {
  return fetchJson<PaymentsPage>(paymentsApiUrl(view), options);
}

export function fetchPaymentDetail(chargeId: string, options: ReadOptions = {}): Promise<Fetched<PaymentDetail>> {
  return fetchJson<PaymentDetail>(paymentDetailUrl(chargeId), options);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Tolerates missing lists (an empty mart) so the filter bar still renders. */
export async function fetchFilterOptions(options: ReadOptions = {}): Promise<Fetched<FilterOptions>> {
  const fetched = await fetchJson<Partial<Record<keyof FilterOptions, unknown>>>('/api/filters', options);
  const data = fetched.data;
  return {
    generatedAt: fetched.generatedAt,
    data: { statuses: strings(data.statuses), funnels: strings(data.funnels), brands: strings(data.brands), countries: strings(data.countries), currencies: strings(data.currencies) },
  };
}
