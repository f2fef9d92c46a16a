import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { routeApiRequest } from '../../src/api/router.ts';
import { startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { loginCookie } from './support/login-cookie.ts';
import { cacheHeadersOf, HTTP_PATHS } from './support/http-compare.ts';
import { openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

const PASSWORD = 'node-build-test-password';

/**
 * The built Node server run on its own (Astro's middleware and API route answer /api) and through
 * src/cli/serve.ts as the Procfile runs it (serve.ts answers /api itself, with the same guard and
 * route): every case holds for both.
 */
describe.each([
  ['run on its own', false],
  ['run by serve.ts', true],
])('the API on the built Node server %s', (_mode, viaServeCli) => {
  let fixture: FixtureDatabase;
  let server: RunningServer;
  let cookie: string | undefined;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { ...(cookie ? { cookie } : {}), origin: server.url, ...init.headers } });

  beforeAll(async () => {
    fixture = await openFixtureDatabase('postgres', FIXTURE_CHARGES);
    server = await startNodeServer(inject('nodeBuildDir'), {
      DATABASE_URL: fixture.url,
      DASHBOARD_PASSWORD: PASSWORD,
      SESSION_SECRET: 'node-build-test-session-secret-0123456789abcdef',
      REPORTING_TIMEZONE: 'UTC',
      MAX_RANGE_DAYS: '92',
    }, { viaServeCli });
    cookie = await loginCookie(server.url, PASSWORD);
  });
  afterAll(async () => {
    await server?.stop();
    await fixture?.close();
  });

  it.each(HTTP_PATHS)('GET %s answers what the handler answers, with the same cache headers', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    const direct = await routeApiRequest(new Request(`http://dash.test${path}`), testDeps(fixture.db, { now: () => new Date() }));
    expect(await response.json()).toEqual(await direct.json());
    expect(cacheHeadersOf(response)).toEqual(cacheHeadersOf(direct));
    expect(Date.parse(response.headers.get('x-generated-at')!)).not.toBeNaN();
  });

  it('serves a repeat from its in-process cache with Age, until /api/refresh empties it', async () => {
    const path = '/api/overview/kpis?from=2026-03-01&to=2026-03-07&currency=usd';
    const first = await get(path);
    await new Promise((r) => setTimeout(r, 20));
    const second = await get(`${path}&utm_source=test`);
    expect(second.headers.get('age')).not.toBeNull();
    expect(second.headers.get('x-generated-at')).toBe(first.headers.get('x-generated-at'));

    const refresh = await get('/api/refresh', { method: 'POST' });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get('cache-control')).toBe('no-store');
    const third = await get(path);
    expect(third.headers.get('age')).toBeNull();
    expect(third.headers.get('x-generated-at')).not.toBe(first.headers.get('x-generated-at'));
  });

  it('streams the CSV export', async () => {
    const response = await get('/api/payments.csv?currency=jpy');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="payments_all-dates_UTC_exported-\d{8}T\d{4}Z\.csv"$/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines.map((line) => line.split(',')[0])).toEqual(['charge_id', 'ch_j02', 'ch_j01']);
  });

  it('refuses a request without a session, and a wrong password, with the guard\'s answers', async () => {
    const anonymous = await fetch(`${server.url}/api/overview/kpis?from=2026-03-01&to=2026-03-07`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: 'unauthenticated' });
    expect(anonymous.headers.get('content-security-policy')).toBeTruthy();
    const wrong = await fetch(`${server.url}/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({ password: 'not the password', next: '/' }),
    });
    expect(wrong.headers.getSetCookie()).toEqual([]);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toMatch(/^\/login\?/);
  });

  it('answers HEAD without a body and another method with 405 naming the allowed ones', async () => {
    const head = await get('/api/overview/kpis?from=2026-03-01&to=2026-03-07', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const deleted = await get('/api/payments', { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET');
  });

  it('answers bad input with 400 JSON and unknown charges with 404 JSON', async () => {
    const bad = await get('/api/payments?size=500');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_parameter', param: 'size' });
    const missing = await get('/api/payments/ch_nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
  });
});
