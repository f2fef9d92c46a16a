/**
 * tests/bench/results.json, the contract issue 17 names: `charges`; `endpoints`, one entry per
 * endpoint and range; `pagination`; `csv`; `coldStartMs`. Nothing else goes in it (machine, load,
 * pages and marts:build go to results-details.json beside it), so a reader can rely on its shape.
 */
import { median, percentile } from './stats.ts';

export interface EndpointResult {
  name: string;
  /** The request's date range in days; null for routes without one. */
  rangeDays: number | null;
  p50Ms: number;
  p95Ms: number;
  /** Answered from the in-process cache; null for routes that are never cached (health, CSV). */
  cachedP50Ms: number | null;
  /** The statements the handler sent, run alone on a plain connection. */
  sqlP50Ms: number;
  /** Uncached p50 − sqlP50Ms: what the request costs beyond its SQL. */
  overheadMs: number;
}

export interface BenchResults {
  charges: number;
  endpoints: EndpointResult[];
  pagination: { firstMs: number; lastMs: number };
  csv: { rowsPerSec: number; peakRssMb: number };
  coldStartMs: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function endpointResult(name: string, rangeDays: number | null, uncached: readonly number[], cached: readonly number[], sql: readonly number[]): EndpointResult {
  const p50Ms = median(uncached);
  const sqlP50Ms = median(sql);
  return {
    name,
    rangeDays,
    p50Ms,
    p95Ms: percentile(uncached, 95),
    cachedP50Ms: cached.length > 0 ? median(cached) : null,
    sqlP50Ms,
    overheadMs: round2(p50Ms - sqlP50Ms),
  };
}

const ENDPOINT_FIELDS = ['name', 'rangeDays', 'p50Ms', 'p95Ms', 'cachedP50Ms', 'sqlP50Ms', 'overheadMs'];
const isNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

function exactKeys(where: string, value: unknown, keys: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where} is not an object`];
  const actual = Object.keys(value);
  return [
    ...keys.filter((key) => !actual.includes(key)).map((key) => `${where}.${key} is missing`),
    ...actual.filter((key) => !keys.includes(key)).map((key) => `${where}.${key} is not part of the contract`),
  ];
}

/** What is wrong with a results.json value, one line each; empty when it is the contract exactly. */
export function benchResultsProblems(value: unknown): string[] {
  const problems = exactKeys('results', value, ['charges', 'endpoints', 'pagination', 'csv', 'coldStartMs']);
  if (problems.length > 0) return problems;
  const r = value as Record<string, any>;
  if (!Number.isSafeInteger(r.charges) || r.charges < 1) problems.push('results.charges is not a positive whole number');
  if (!isNumber(r.coldStartMs)) problems.push('results.coldStartMs is not a number');
  if (!Array.isArray(r.endpoints) || r.endpoints.length === 0) problems.push('results.endpoints is not a list of endpoints');
  for (const [i, endpoint] of (Array.isArray(r.endpoints) ? r.endpoints : []).entries()) {
    const where = `results.endpoints[${i}]`;
    const keys = exactKeys(where, endpoint, ENDPOINT_FIELDS);
    problems.push(...keys);
    if (keys.length > 0) continue;
    if (typeof endpoint.name !== 'string' || endpoint.name === '') problems.push(`${where}.name is not a name`);
    if (endpoint.rangeDays !== null && !(Number.isSafeInteger(endpoint.rangeDays) && endpoint.rangeDays > 0)) problems.push(`${where}.rangeDays is not a number of days or null`);
    for (const key of ['p50Ms', 'p95Ms', 'sqlP50Ms', 'overheadMs']) if (!isNumber(endpoint[key])) problems.push(`${where}.${key} is not a number`);
    if (endpoint.cachedP50Ms !== null && !isNumber(endpoint.cachedP50Ms)) problems.push(`${where}.cachedP50Ms is not a number or null`);
  }
  const pagination = exactKeys('results.pagination', r.pagination, ['firstMs', 'lastMs']);
  problems.push(...pagination);
  if (pagination.length === 0 && !(isNumber(r.pagination.firstMs) && isNumber(r.pagination.lastMs))) problems.push('results.pagination holds a value that is not a number');
  const csv = exactKeys('results.csv', r.csv, ['rowsPerSec', 'peakRssMb']);
  problems.push(...csv);
  if (csv.length === 0 && !(isNumber(r.csv.rowsPerSec) && isNumber(r.csv.peakRssMb))) problems.push('results.csv holds a value that is not a number');
  return problems;
}
