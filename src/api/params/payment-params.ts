import { badRequest } from '../../http/app-error.ts';
import { DEFAULT_SORT, PAYMENT_STATUSES, parseSortText, SORT_FIELDS, type PaymentSort } from '../../contract/payments.ts';
import type { PaymentFilters } from '../../queries/payment-filters-sql.ts';
import { RETRY_HYGIENE_FILTERS } from '../../queries/retry-hygiene-sql.ts';
import { parseCurrencyParam } from './currency-param.ts';
import { checkRange, parseDateParam } from './date-range.ts';
import { enumParam, integerParam, optionalParam, textParam } from './query-params.ts';

export const DEFAULT_PAGE_SIZE = 25;
/** The explorer offers 25, 50 and 100 rows a page; any size up to this is accepted. */
const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 1_000_000;
const MAX_TEXT = 100;

/** The explorer's filters (shared by the list and the CSV export), all validated. */
export function parsePaymentFilters(url: URL, options: { maxDays: number }): PaymentFilters {
  const filters: PaymentFilters = {};
  const status = enumParam(url, 'status', PAYMENT_STATUSES);
  if (status) filters.status = status;
  const from = parseDateParam(url, 'from');
  const to = parseDateParam(url, 'to');
  if (from && to) checkRange(from, to, options.maxDays);
  if (from) filters.from = from;
  if (to) filters.to = to;
  const q = textParam(url, 'q', MAX_TEXT);
  if (q) filters.q = q;
  const funnel = textParam(url, 'funnel', MAX_TEXT);
  if (funnel) filters.funnel = funnel;
  const brand = textParam(url, 'brand', MAX_TEXT);
  if (brand) filters.brand = brand;
  const country = optionalParam(url, 'country');
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) throw badRequest('country', 'country must be a two-letter ISO 3166-1 code such as US, GB or JP');
    filters.country = country.toUpperCase();
  }
  const category = textParam(url, 'category', MAX_TEXT);
  if (category) filters.category = category;
  const decline = textParam(url, 'decline', MAX_TEXT);
  if (decline) filters.decline = decline;
  const currency = parseCurrencyParam(url);
  if (currency) filters.currency = currency;
  const hygiene = enumParam(url, 'hygiene', RETRY_HYGIENE_FILTERS);
  if (hygiene) filters.hygiene = hygiene;
  return filters;
}

export function parsePaymentSort(url: URL): PaymentSort {
  const raw = optionalParam(url, 'sort');
  if (raw === undefined) return DEFAULT_SORT;
  const sort = parseSortText(raw);
  if (!sort) throw badRequest('sort', `sort must be one of ${SORT_FIELDS.join(', ')}, with a leading - for descending (e.g. -createdAt)`);
  return sort;
}

export function parsePagination(url: URL): { page: number; size: number } {
  return {
    page: integerParam(url, 'page', 1, 1, MAX_PAGE),
    size: integerParam(url, 'size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE),
  };
}
