import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/node-build.ts';
import { peakRssWhile } from '../helpers/peak-rss.ts';
import { suiteContext } from './lib/context.ts';
import { reportFigure } from './lib/figures.ts';
import type { SuiteClient } from './lib/http.ts';
import { loggedInClient, startSuiteServer } from './lib/suite-server.ts';

/**
 * 50 concurrent logged-in clients for 20 s, mixed over every endpoint, twice: once on a fixed
 * set of URLs after warming them (what the in-process TTL cache serves) and once with the
 * parameters varied on every request so the cache misses and every request reaches PostgreSQL.
 * Zero errors and timeouts, only the statuses each route should give.
 */
const context = suiteContext();
const { dataset } = context;
const CONNECTIONS = Number(process.env.RESILIENCE_LOAD_CONNECTIONS ?? 50);
const DURATION_S = Number(process.env.RESILIENCE_LOAD_SECONDS ?? 20);
const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const span = Math.round((Date.parse(dataset.lastDate) - Date.parse(dataset.firstDate)) / DAY_MS);
const pick = <T>(values: readonly T[]): T => values[Math.floor(Math.random() * values.length)]!;
const int = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));

interface Route {
  name: string;
  method?: 'GET' | 'POST';
  /** A fixed path (cached run) … */
  path: string;
  /** … or a fresh one per request (uncached run). */
  vary?: () => string;
  headers?: Record<string, string>;
  body?: string;
  expect: number[];
}

function randomWindow(maxDays: number): string {
  const start = int(0, span);
  const to = addDays(dataset.firstDate, Math.min(span, start + int(0, maxDays)));
  return `from=${addDays(dataset.firstDate, start)}&to=${to}`;
}

function routes(server: RunningServer, varied: boolean): Route[] {
  const lastMonth = `from=${addDays(dataset.lastDate, -29)}&to=${dataset.lastDate}`;
  const overview = (name: string): Route => ({
    name: `overview/${name}`,
    path: `/api/overview/${name}?${lastMonth}&currency=usd`,
    vary: () => `/api/overview/${name}?${randomWindow(90)}&currency=${pick(dataset.currencies)}`,
    expect: [200],
  });
  const form = { 'content-type': 'application/x-www-form-urlencoded', origin: server.url };
  const list: Route[] = [
    { name: 'health', path: '/api/health', expect: [200] },
    { name: 'filters', path: '/api/filters', expect: [200] },
    ...['kpis', 'daily', 'failures', 'recovery', 'top-failures'].map(overview),
    {
      name: 'payments',
      path: `/api/payments?status=failed&${lastMonth}`,
      vary: () => `/api/payments?${randomWindow(60)}&status=${pick(['succeeded', 'failed', 'pending'])}&currency=${pick(dataset.currencies)}&page=${int(1, 20)}&sort=${pick(['-createdAt', 'amount', '-amount'])}`,
      expect: [200],
    },
    {
      name: 'payments (search)',
      path: `/api/payments?q=${dataset.customerIds[0]}`,
      vary: () => `/api/payments?q=${encodeURIComponent(pick(dataset.chargeIds).slice(0, int(6, 14)))}&page=1`,
      expect: [200],
    },
    { name: 'payments/{id}', path: `/api/payments/${dataset.retriedChargeIds[0]}`, vary: () => `/api/payments/${pick(dataset.chargeIds)}`, expect: [200] },
    {
      name: 'payments.csv',
      path: `/api/payments.csv?status=failed&from=${dataset.lastDate}&to=${dataset.lastDate}`,
      vary: () => {
        const day = addDays(dataset.firstDate, int(0, span));
        return `/api/payments.csv?status=${pick(['failed', 'pending'])}&from=${day}&to=${day}`;
      },
      expect: [200],
    },
  ];
  if (!varied) return list;
  // Never cached and changing state: only in the uncached run, where they cost nothing to the figures.
  return [
    ...list,
    { name: 'refresh', method: 'POST', path: '/api/refresh', headers: { origin: server.url }, expect: [200, 204] },
    { name: 'login', method: 'POST', path: '/api/login', headers: form, body: new URLSearchParams({ password: context.dashboardPassword, next: '/payments' }).toString(), expect: [303] },
    { name: 'logout', method: 'POST', path: '/api/logout', headers: { origin: server.url }, expect: [200, 204, 303] },
  ];
}

interface LoadFigures {
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  timeouts: number;
  unexpected: string[];
  byRoute: Record<string, Record<number, number>>;
  cacheHits: number;
  /** The server's resident memory at its highest, sampled every 25 ms (Linux /proc). */
  peakRssMb: number;
}

async function runLoad(server: RunningServer, client: SuiteClient, varied: boolean): Promise<LoadFigures> {
  const byRoute: Record<string, Record<number, number>> = {};
  const unexpected: string[] = [];
  let cacheHits = 0;
  const list = routes(server, varied);
  const [result, peakRssMb] = await peakRssWhile(server.pid, () => autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    timeout: 10,
    headers: client.cookie ? { cookie: client.cookie } : {},
    requests: list.map((route): autocannon.Request => ({
      method: route.method ?? 'GET',
      path: route.path,
      headers: route.headers,
      body: route.body,
      ...(varied && route.vary ? { setupRequest: (request: autocannon.Request) => ({ ...request, path: route.vary!() }) } : {}),
      onResponse: (status, body, _context, headers = {}) => {
        const counts = (byRoute[route.name] ??= {});
        counts[status] = (counts[status] ?? 0) + 1;
        if (!route.expect.includes(status) && unexpected.length < 20) unexpected.push(`${route.name} → ${status} ${String(body).slice(0, 200)}`);
        if (Object.keys(headers).some((h) => h.toLowerCase() === 'age')) cacheHits++;
        // Every 50th body and every header set goes through the secret scan.
        client.scan(JSON.stringify(headers), `load: headers of ${route.name}`);
        if (status !== 200 || Math.random() < 0.02) client.scan(String(body), `load: body of ${route.name}`);
      },
    })),
  }));
  return {
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    unexpected,
    byRoute,
    cacheHits,
    peakRssMb,
  };
}

function report(label: string, figures: LoadFigures): void {
  reportFigure(`load ${label}: requests in ${DURATION_S} s × ${CONNECTIONS} clients`, figures.requests);
  reportFigure(`load ${label}: throughput`, figures.throughput, 'req/s');
  reportFigure(`load ${label}: latency p50 / p99 / max`, `${figures.p50} / ${figures.p99} / ${figures.max} ms`);
  reportFigure(`load ${label}: errors / timeouts`, `${figures.errors} / ${figures.timeouts}`);
  reportFigure(`load ${label}: answered from the TTL cache`, `${(100 * figures.cacheHits / Math.max(1, figures.requests)).toFixed(1)} %`);
  reportFigure(`load ${label}: server peak RSS`, figures.peakRssMb, 'MB');
  console.log(`[load ${label}] statuses by route: ${JSON.stringify(figures.byRoute)}`);
}

describe(`load: ${CONNECTIONS} logged-in clients for ${DURATION_S} s over every endpoint`, () => {
  let server: RunningServer;
  let client: SuiteClient;

  beforeAll(async () => {
    server = await startSuiteServer();
    client = await loggedInClient(server);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('cached: zero errors or timeouts, only 200s', async () => {
    for (const route of routes(server, false)) expect((await client.get(route.path)).status, route.path).toBe(200);
    const figures = await runLoad(server, client, false);
    report('cached', figures);
    expect(figures.unexpected).toEqual([]);
    expect(figures.errors).toBe(0);
    expect(figures.timeouts).toBe(0);
  }, (DURATION_S + 60) * 1000);

  it('uncached (parameters varied so the cache misses): zero errors or timeouts, only the expected statuses', async () => {
    const figures = await runLoad(server, client, true);
    report('uncached', figures);
    expect(figures.unexpected).toEqual([]);
    expect(figures.errors).toBe(0);
    expect(figures.timeouts).toBe(0);
  }, (DURATION_S + 60) * 1000);

  it('the server is still answering and leaked no secret', async () => {
    expect((await client.get('/api/health')).status).toBe(200);
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
    expect(server.output()).not.toMatch(/unexpected error|Unhandled|uncaught/i);
  });
});
