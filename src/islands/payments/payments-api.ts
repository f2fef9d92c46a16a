/**
 * The explorer's three reads, typed by the API contract (src/contract/payments.ts), through the
 * shared fetchJson (so errors, X-Generated-At and the 401 → /login redirect behave as on every page).
 */
import type { FiltersResponse, PaymentDetailResponse, PaymentsPageResponse } from '../../contract/payments.ts';
import { fetchJson, type Fetched } from '../../ui/fetch-json.ts';
import { paymentDetailUrl, paymentsApiUrl, type PaymentsView } from './payments-view.ts';

export interface ReadOptions {
  signal?: AbortSignal;
  /** After a refresh: skip the browser's HTTP cache too. */
  reload?: boolean;
}

export function fetchPaymentsPage(view: PaymentsView, options: ReadOptions = {}): Promise<Fetched<PaymentsPageResponse>> {
  return fetchJson<PaymentsPageResponse>(paymentsApiUrl(view), options);
}

export function fetchPaymentDetail(chargeId: string, options: ReadOptions = {}): Promise<Fetched<PaymentDetailResponse>> {
  return fetchJson<PaymentDetailResponse>(paymentDetailUrl(chargeId), options);
}

export function fetchFilterOptions(options: ReadOptions = {}): Promise<Fetched<FiltersResponse>> {
  return fetchJson<FiltersResponse>('/api/filters', options);
}
