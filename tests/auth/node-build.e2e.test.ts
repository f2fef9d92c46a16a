/**
 * The built Node (Heroku) variant, end to end: Astro middleware guards every page and /api route
 * and adds the security headers; login, logout and the failed-login limit run in process.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginOverHttp } from '../helpers/login.ts';
import { startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { describeGuardedSite } from './guarded-site.ts';

const PASSWORD = 'node e2e password';
const SECRET = 'node-e2e-session-secret-0123456789abcdef';

let database: ScratchDatabase;
let server: RunningServer;
let buildDir: string;

function env(password = PASSWORD): Record<string, string> {
  // One trusted proxy hop, as on Heroku: tests pose as different clients with X-Forwarded-For.
  return { DATABASE_URL: database.url, DASHBOARD_PASSWORD: password, SESSION_SECRET: SECRET, TRUST_PROXY_HOPS: '1' };
}

beforeAll(async () => {
  buildDir = inject('nodeBuildDir');
  database = await createMartDatabase([]);
  server = await startNodeServer(buildDir, env());
});

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describeGuardedSite('Node build', () => ({ url: server.url, password: PASSWORD }));

describe('Node build: failed-login limit per client address', () => {
  function attempt(password: string, forwardedFor: string): Promise<Response> {
    return fetch(`${server.url}/api/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': forwardedFor },
      body: new URLSearchParams({ password, next: '/payments' }),
    });
  }

  it('answers 429 with Retry-After after five failures; a forged X-Forwarded-For prefix does not help; another client still logs in', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await attempt('wrong', '198.51.100.7');
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/login?next=%2Fpayments&error=invalid');
    }
    const blocked = await attempt(PASSWORD, '198.51.100.7');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(blocked.headers.getSetCookie()).toEqual([]);
    // Only the entry our (one) proxy added counts; whatever the client wrote before it is ignored.
    expect((await attempt(PASSWORD, '203.0.113.99, 198.51.100.7')).status).toBe(429);

    const elsewhere = await attempt(PASSWORD, '198.51.100.8');
    expect(elsewhere.status).toBe(303);
    expect(elsewhere.headers.get('location')).toBe('/payments');
    expect(elsewhere.headers.getSetCookie()[0]).toMatch(/^__Host-dashboard_session=/);
  });
});

describe('Node build: changing DASHBOARD_PASSWORD ends every session', () => {
  it('refuses a cookie made under the old password after a restart with a new one', async () => {
    const oldCookie = await loginOverHttp(server.url, PASSWORD);
    expect((await fetch(`${server.url}/`, { headers: { cookie: oldCookie }, redirect: 'manual' })).status).toBe(200);

    await server.stop();
    server = await startNodeServer(buildDir, env('the new password'));
    const page = await fetch(`${server.url}/payments`, { headers: { cookie: oldCookie }, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/login?next=%2Fpayments');
    expect((await fetch(`${server.url}/api/filters`, { headers: { cookie: oldCookie } })).status).toBe(401);

    const newCookie = await loginOverHttp(server.url, 'the new password');
    expect((await fetch(`${server.url}/`, { headers: { cookie: newCookie }, redirect: 'manual' })).status).toBe(200);
  });
});
