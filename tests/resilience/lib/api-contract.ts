import type { Dataset } from './context.ts';
import type { HttpResponse } from './http.ts';

/**
 * DESIGN.md's API as the suite sees it from outside: the routes, their parameters, and what any
 * answer must satisfy whatever was sent.
 */
export type EndpointKind = 'overview' | 'filters' | 'payments' | 'csv' | 'detail' | 'health' | 'refresh';

export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  kind: EndpointKind;
  params: readonly string[];
}

export const OVERVIEW_PARAMS = ['from', 'to', 'currency'] as const;
export const PAYMENT_FILTER_PARAMS = ['status', 'from', 'to', 'q', 'funnel', 'brand', 'currency'] as const;
export const PAYMENT_PARAMS = [...PAYMENT_FILTER_PARAMS, 'sort', 'page', 'size'] as const;
export const SORT_FIELDS = ['createdAt', 'amount', 'status', 'chargeId'] as const;
export const STATUSES = ['succeeded', 'failed', 'pending'] as const;

const overview = (name: string): Endpoint => ({ name: `overview/${name}`, method: 'GET', path: `/api/overview/${name}`, kind: 'overview', params: OVERVIEW_PARAMS });

export const OVERVIEW_ENDPOINTS: readonly Endpoint[] = ['kpis', 'daily', 'failures', 'recovery', 'top-failures'].map(overview);
export const FILTERS: Endpoint = { name: 'filters', method: 'GET', path: '/api/filters', kind: 'filters', params: [] };
export const PAYMENTS: Endpoint = { name: 'payments', method: 'GET', path: '/api/payments', kind: 'payments', params: PAYMENT_PARAMS };
// The export takes the explorer's filters and its sort; page and size do not apply.
export const PAYMENTS_CSV: Endpoint = { name: 'payments.csv', method: 'GET', path: '/api/payments.csv', kind: 'csv', params: [...PAYMENT_FILTER_PARAMS, 'sort'] };
export const DETAIL: Endpoint = { name: 'payments/{id}', method: 'GET', path: '/api/payments/', kind: 'detail', params: [] };
export const HEALTH: Endpoint = { name: 'health', method: 'GET', path: '/api/health', kind: 'health', params: [] };
export const REFRESH: Endpoint = { name: 'refresh', method: 'POST', path: '/api/refresh', kind: 'refresh', params: [] };

/** Every GET that reads data and needs a session. */
export const DATA_ENDPOINTS: readonly Endpoint[] = [...OVERVIEW_ENDPOINTS, FILTERS, PAYMENTS, PAYMENTS_CSV, DETAIL];

/** A query parameter's value: text (sent as percent-encoded UTF-8) or raw bytes (may be invalid UTF-8). */
export type ParamValue = string | { bytes: number[] };
export type ParamList = Array<[string, ParamValue]>;

const hex = (byte: number) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Percent-encodes every byte outside [A-Za-z0-9-._~] so the server decodes exactly what was meant. */
export function encodeComponent(value: ParamValue): string {
  const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value.bytes);
  let out = '';
  for (const byte of bytes) out += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : hex(byte);
  return out;
}

export function queryString(params: ParamList): string {
  return params.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`).join('&');
}

export function pathWithQuery(path: string, params: ParamList): string {
  const query = queryString(params);
  return query ? `${path}?${query}` : path;
}

/** What a server using URLSearchParams (as every handler does) reads, trimmed as the API trims. */
export function decodedParams(path: string): URLSearchParams {
  const index = path.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : path.slice(index + 1));
}

/**
 * Database or driver error text and stack traces: none of it may reach a client. (Checked on the
 * raw body, so JSON escaping of quotes does not matter to these patterns.)
 */
export const LEAKED_INTERNALS = new RegExp([
  'syntax error at or near', 'SQLSTATE', 'invalid input syntax for', 'unterminated quoted', 'invalid byte sequence',
  'out of range for type', 'date/time field value out of range', 'current transaction is aborted', 'at character \\d+',
  '(relation|column|function|operator|type) \\\\?"[^"]*\\\\?" does not exist', 'permission denied for', 'pg_catalog',
  'DatabaseError', 'TypeError', 'RangeError', 'ReferenceError', 'node_modules', '\\bat \\S+ \\(\\S+:\\d+:\\d+\\)', 'file:///',
].join('|'), 'i');

export interface Problem {
  request: string;
  status: number;
  problem: string;
  body: string;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What every answer from the API must satisfy, whatever was sent: never a 5xx, never internals
 * in the body; a 4xx is JSON with an error code, and a 400 names one of the parameters sent
 * (`param`); a 2xx respects the request's filters. (Callers first set aside the framework's own
 * answers listed in known-deviations.ts.)
 */
export function checkAnswer(endpoint: Endpoint, response: HttpResponse, sentNames: readonly string[]): string[] {
  const problems: string[] = [];
  if (response.status >= 500) problems.push(`server error ${response.status}`);
  if (LEAKED_INTERNALS.test(response.body)) problems.push(`internal detail in the body: ${LEAKED_INTERNALS.exec(response.body)?.[0]}`);
  const type = String(response.headers['content-type'] ?? '');
  if (response.method === 'HEAD') return problems; // no body to judge
  if (response.status >= 400 && response.status < 500) {
    const body = parseJson(response.body);
    if (!type.includes('application/json') || !isObject(body)) {
      problems.push(`4xx without a JSON body (content-type ${type || 'none'})`);
    } else {
      if (typeof body.error !== 'string') problems.push('4xx JSON without an "error" code');
      if (response.status === 400) {
        if (typeof body.param !== 'string') problems.push('400 without "param"');
        else if (endpoint.kind !== 'detail' && !sentNames.includes(body.param)) problems.push(`400 names "${body.param}", which was not sent (sent: ${sentNames.join(', ') || 'nothing'})`);
      }
    }
  }
  if (response.status >= 200 && response.status < 300) problems.push(...checkSuccess(endpoint, response));
  return problems;
}

function checkSuccess(endpoint: Endpoint, response: HttpResponse): string[] {
  const params = decodedParams(response.path);
  const one = (name: string) => params.getAll(name).map((v) => v.trim()).find((v) => v !== '');
  if (endpoint.kind === 'csv') {
    const type = String(response.headers['content-type'] ?? '');
    if (!type.includes('text/csv')) return [`CSV export answered ${type}`];
    return filterProblems(csvRows(response.body, response.truncated), params);
  }
  const body = parseJson(response.body);
  if (!isObject(body)) return [`2xx without a JSON object body`];
  switch (endpoint.kind) {
    case 'payments': {
      if (!Array.isArray(body.rows)) return ['payments without rows'];
      const rows = body.rows as Array<Record<string, unknown>>;
      const problems = filterProblems(rows, params);
      const size = Number(body.size);
      if (!(rows.length <= size)) problems.push(`${rows.length} rows on a page of size ${String(body.size)}`);
      if (typeof body.total !== 'number' || body.total < rows.length) problems.push(`total ${String(body.total)} < ${rows.length} rows`);
      problems.push(...sortProblems(rows, one('sort')));
      return problems;
    }
    case 'detail': {
      const id = decodeURIComponent(response.path.slice(DETAIL.path.length).split('?')[0] ?? '');
      const charge = isObject(body.charge) ? body.charge : undefined;
      if (!charge || charge.chargeId !== id) return [`detail for ${JSON.stringify(id)} returned charge ${JSON.stringify(charge?.chargeId)}`];
      return Array.isArray(body.attempts) ? [] : ['detail without attempts'];
    }
    case 'overview': {
      const problems: string[] = [];
      const currency = one('currency');
      if (currency && body.currency !== currency.toLowerCase()) problems.push(`asked for currency ${currency}, got ${String(body.currency)}`);
      const from = one('from');
      // Ranges end today at the latest (the suite's reporting zone is UTC): a later `to` is clamped.
      const asked = one('to');
      const today = new Date().toISOString().slice(0, 10);
      const to = asked && asked > today ? today : asked;
      if (Array.isArray(body.dates)) {
        const dates = body.dates as string[];
        if (from && to && (dates[0] !== from || dates.at(-1) !== to)) problems.push(`dates ${dates[0]}..${dates.at(-1)} for a range ${from}..${to}`);
        for (const key of ['revenue', 'successRate', 'attempts', 'rate', 'retried', 'recovered']) {
          if (Array.isArray(body[key]) && (body[key] as unknown[]).length !== dates.length) problems.push(`${key} has ${(body[key] as unknown[]).length} values for ${dates.length} dates`);
        }
      }
      if (isObject(body.range) && from && to && (body.range.from !== from || body.range.to !== to)) problems.push(`range ${String(body.range.from)}..${String(body.range.to)} for ${from}..${to}`);
      return problems;
    }
    default:
      return [];
  }
}

/** Rows (JSON or CSV, by their camelCase or snake_case names) outside the request's filters. */
export function filterProblems(rows: Array<Record<string, unknown>>, params: URLSearchParams): string[] {
  const one = (name: string) => params.getAll(name).map((v) => v.trim()).find((v) => v !== '');
  const field = (row: Record<string, unknown>, ...names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined);
  const status = one('status');
  const currency = one('currency')?.toLowerCase();
  const funnel = one('funnel');
  const brand = one('brand');
  const q = one('q');
  const from = one('from');
  const to = one('to');
  const problems: string[] = [];
  for (const row of rows) {
    const id = String(field(row, 'chargeId', 'charge_id'));
    const created = String(field(row, 'createdAt', 'created_at') ?? '');
    const fail = (what: string) => problems.push(`row ${id} is outside the filter: ${what}`);
    if (status && field(row, 'status') !== status) fail(`status ${String(field(row, 'status'))} ≠ ${status}`);
    if (currency && field(row, 'currency') !== currency) fail(`currency ${String(field(row, 'currency'))} ≠ ${currency}`);
    if (funnel && field(row, 'funnel') !== funnel) fail(`funnel ${String(field(row, 'funnel'))} ≠ ${funnel}`);
    if (brand && String(field(row, 'cardBrand', 'card_brand')).toLowerCase() !== brand.toLowerCase()) fail(`brand ${String(field(row, 'cardBrand', 'card_brand'))} ≠ ${brand}`);
    if (q) {
      const ids = [field(row, 'chargeId', 'charge_id'), field(row, 'paymentIntentId', 'payment_intent_id'), field(row, 'customerId', 'customer_id')];
      if (!ids.some((v) => typeof v === 'string' && v.startsWith(q))) fail(`no id starts with ${JSON.stringify(q)}`);
    }
    // The suite's reporting zone is UTC, so the timestamp's own date is the reporting date.
    if (from && created && created.slice(0, 10) < from) fail(`created ${created} before ${from}`);
    if (to && created && created.slice(0, 10) > to) fail(`created ${created} after ${to}`);
  }
  return problems.slice(0, 5);
}

function sortProblems(rows: Array<Record<string, unknown>>, sort: string | undefined): string[] {
  const text = sort ?? '-createdAt';
  const descending = text.startsWith('-');
  const key = descending ? text.slice(1) : text;
  if (key !== 'amount' && key !== 'createdAt') return []; // text orders depend on the collation
  // Amounts in different currencies are not comparable: sort=amount orders by currency code, then
  // amount (and -amount is the exact reverse), so the order is checked on that pair.
  const value = (row: Record<string, unknown>): [string, number] =>
    key === 'amount' ? [String(row.currency), Number(row.amount)] : ['', Date.parse(String(row.createdAt))];
  const compare = ([ca, a]: [string, number], [cb, b]: [string, number]) => (ca === cb ? a - b : ca < cb ? -1 : 1);
  for (let i = 1; i < rows.length; i++) {
    const a = value(rows[i - 1]!);
    const b = value(rows[i]!);
    const order = compare(a, b);
    if (descending ? order < 0 : order > 0) return [`rows not sorted by ${text} at ${i}: ${a.join(' ')} then ${b.join(' ')}`];
  }
  return [];
}

/** RFC 4180 records of a CSV text; with `partial`, the last (possibly cut) record is dropped. */
export function csvRecords(text: string, partial = false): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { record.push(cell); cell = ''; }
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(cell); records.push(record); record = []; cell = '';
    } else cell += char;
  }
  if (!partial && (cell !== '' || record.length > 0)) { record.push(cell); records.push(record); }
  return records;
}

/** CSV data rows as objects keyed by the header's names. */
export function csvRows(text: string, partial = false): Array<Record<string, unknown>> {
  const [header, ...rows] = csvRecords(text, partial);
  if (!header) return [];
  return rows.filter((r) => r.length === header.length).map((r) => Object.fromEntries(header.map((name, i) => [name, r[i]])));
}

/** Real values to build valid requests from. */
export function validValues(dataset: Dataset) {
  return {
    currencies: dataset.currencies,
    funnels: dataset.funnels,
    brands: dataset.brands,
    ids: [...dataset.chargeIds, ...dataset.intentIds, ...dataset.customerIds],
  };
}
