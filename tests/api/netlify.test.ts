import { createHash } from 'node:crypto';
import pg from 'pg';
import { exportCsvInChunks } from '../../src/ui/csv-export.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routeApiRequest } from '../../src/api/router.ts';
import { startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { loginCookie } from './support/login-cookie.ts';
import { cacheHeadersOf, HTTP_PATHS } from './support/http-compare.ts';
import { openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

const PASSWORD = 'netlify-test-password';
const ENV = {
  DASHBOARD_PASSWORD: PASSWORD,
  SESSION_SECRET: 'netlify-test-session-secret-0123456789abcdefgh',
  REPORTING_TIMEZONE: 'UTC',
  MAX_RANGE_DAYS: '92',
};

/**
 * The same requests to the Netlify functions (under `netlify serve --offline`), to the built
 * Node server and to the handlers directly must give the same bodies and cache headers.
 */
describe('the API under netlify serve --offline', () => {
  let fixture: FixtureDatabase;
  let netlify: NetlifyServer;
  let node: RunningServer;
  const cookies: Record<string, string | undefined> = {};
  const get = (base: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { ...(cookies[base] ? { cookie: cookies[base] } : {}), origin: base, ...init.headers } });

  beforeAll(async () => {
    fixture = await openFixtureDatabase('postgres', FIXTURE_CHARGES);
    // One after the other, so a failed start never leaves the other server running unowned.
    node = await startNodeServer(inject('nodeBuildDir'), { ...ENV, DATABASE_URL: fixture.url });
    netlify = await startNetlifyServer({ env: { ...ENV, DATABASE_URL: fixture.url! } });
    for (const server of [netlify, node]) cookies[server.url] = await loginCookie(server.url, PASSWORD);
  }, 300_000);
  afterAll(async () => {
    await netlify?.stop();
    await node?.stop();
    await fixture?.close();
  });

  it.each(HTTP_PATHS)('GET %s: same body and cache headers from the function, the Node route and the handler', async (path) => {
    const [fromNetlify, fromNode] = await Promise.all([get(netlify.url, path), get(node.url, path)]);
    expect(fromNetlify.status, netlify.output().slice(-2000)).toBe(200);
    expect(fromNode.status).toBe(200);
    const direct = await routeApiRequest(new Request(`http://dash.test${path}`), testDeps(fixture.db, { now: () => new Date() }));
    const body = await direct.json();
    expect(await fromNetlify.json()).toEqual(body);
    expect(await fromNode.json()).toEqual(body);
    expect(cacheHeadersOf(fromNetlify)).toEqual(cacheHeadersOf(direct));
    expect(cacheHeadersOf(fromNode)).toEqual(cacheHeadersOf(direct));
    expect(Date.parse(fromNetlify.headers.get('x-generated-at')!)).not.toBeNaN();
  });

  it('streams the CSV from a function', async () => {
    const response = await get(netlify.url, '/api/payments.csv?status=failed&currency=usd&from=2026-03-01&to=2026-03-07');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="failed-payments_2026-03-01_to_2026-03-07_UTC_exported-/);
    const ids = (await response.text()).trim().split('\r\n').slice(1).map((line) => line.split(',')[0]);
    expect(ids).toEqual(['ch_a09', 'ch_a12', 'ch_a05', 'ch_a07', 'ch_a04', 'ch_a02']);
  });

  it('the Export button\'s chunks from the functions add up to the Node build\'s single-response export, byte for byte', async () => {
    const query = '?sort=-amount';
    const single = Buffer.from(await (await get(node.url, `/api/payments.csv${query}`)).arrayBuffer());
    const parts: Uint8Array[] = [];
    const result = await exportCsvInChunks({
      url: `${netlify.url}/api/payments.csv${query}`,
      chunkRows: 4,
      fetchImpl: (input, init) => get(netlify.url, String(input).slice(netlify.url.length), init),
      openSink: async () => ({ write: async (chunk) => { parts.push(chunk); }, close: async () => {}, abort: async () => {} }),
    });
    expect(parts.length).toBeGreaterThan(5);
    expect(result.rows).toBe(FIXTURE_CHARGES.length);
    expect(createHash('sha256').update(Buffer.concat(parts)).digest('hex')).toBe(createHash('sha256').update(single).digest('hex'));
  });

  it('answers bad input with 400 JSON and POST /api/refresh without caching', async () => {
    const bad = await get(netlify.url, '/api/overview/kpis?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_parameter', param: 'from' });
    const refresh = await get(netlify.url, '/api/refresh', { method: 'POST' });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get('cache-control')).toBe('no-store');
    expect(await refresh.json()).toMatchObject({ refreshed: true, tags: ['overview', 'payments'] });
  });

  it('a mart renamed while the functions run: 503 marts_missing naming it, health says so; healed once it is back', async () => {
    const admin = new pg.Client({ connectionString: fixture.url });
    await admin.connect();
    try {
      await admin.query('alter table mart_stripe_payments rename to mart_stripe_payments_old');
      const path = '/api/payments?status=failed&from=2026-03-01&to=2026-03-07&size=7';
      const missing = await get(netlify.url, path);
      expect(missing.status).toBe(503);
      expect(await missing.json()).toMatchObject({ error: 'marts_missing', table: 'public.mart_stripe_payments', setting: 'MART_PAYMENTS_TABLE' });
      const health = await get(netlify.url, '/api/health');
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ database: { status: 'ok' }, marts: { status: 'missing', table: 'public.mart_stripe_payments' } });
      await admin.query('alter table mart_stripe_payments_old rename to mart_stripe_payments');
      let healed = 0;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !healed;) {
        if ((await get(netlify.url, path)).status === 200) healed = Date.now();
        else await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(healed).toBeGreaterThan(0);
    } finally {
      await admin.query('alter table if exists mart_stripe_payments_old rename to mart_stripe_payments');
      await admin.end();
    }
  });
});
