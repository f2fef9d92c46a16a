/**
 * POST /api/login and /api/logout as plain (request, deps) functions with a frozen clock and an
 * injected limiter. Cookies the handler issues are checked with the guard both deploy targets run.
 */
import { describe, expect, it } from 'vitest';
import { authSettings } from '../../src/auth/auth-settings.ts';
import { createFailedLoginLimiter, type FailedLoginLimiter } from '../../src/auth/failed-login-limiter.ts';
import { checkSession } from '../../src/auth/guard.ts';
import { handleLogin, type LoginDeps } from '../../src/auth/login-handler.ts';
import { handleLogout } from '../../src/auth/logout-handler.ts';
import type { Config } from '../../src/config/config.ts';
import { authConfig, NOW, PASSWORD, productionConfig, secondsAfter, SITE } from './fixtures.ts';

interface LoginOptions {
  password?: string;
  next?: string;
  headers?: Record<string, string>;
  body?: string;
}

function loginRequest({ password = PASSWORD, next, headers = {}, body }: LoginOptions = {}): Request {
  const form = new URLSearchParams({ password });
  if (next !== undefined) form.set('next', next);
  return new Request(`${SITE}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SITE, 'sec-fetch-site': 'same-origin', ...headers },
    body: body ?? form.toString(),
  });
}

function deps(overrides: Partial<LoginDeps> = {}): LoginDeps {
  return { config: authConfig(), now: () => NOW, loginLimiter: createFailedLoginLimiter(), clientAddress: '203.0.113.10', ...overrides };
}

function cookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie()[0];
}

async function sessionIsValid(setCookie: string, config: Config, now = NOW): Promise<boolean> {
  const settings = await authSettings(config);
  const pair = setCookie.split(';', 1)[0]!;
  const check = await checkSession(new Request(`${SITE}/`, { headers: { cookie: pair } }), { settings, now });
  return check.valid;
}

describe('POST /api/login', () => {
  it('sets an HttpOnly, Secure, SameSite=Lax session cookie for the TTL and redirects (303) to next', async () => {
    const config = authConfig();
    const response = await handleLogin(loginRequest({ next: '/payments?status=failed' }), deps({ config }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/payments?status=failed');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = cookieOf(response)!;
    expect(cookie).toMatch(/^__Host-dashboard_session=eyJ[\w-]+\.[\w-]+\.[\w-]+;/);
    const attributes = cookie.split(';').slice(1).map((part) => part.trim());
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax', `Max-Age=${12 * 3600}`]));
    expect(attributes.some((part) => /^domain=/i.test(part))).toBe(false);
    expect(await sessionIsValid(cookie, config)).toBe(true);
    expect(await sessionIsValid(cookie, config, secondsAfter(NOW, 12 * 3600 + 5))).toBe(false);
  });

  it('uses the same __Host- cookie in production and SESSION_TTL_HOURS for the lifetime', async () => {
    const production = productionConfig();
    const prodCookie = cookieOf(await handleLogin(loginRequest(), deps({ config: production })))!;
    expect(prodCookie).toMatch(/^__Host-dashboard_session=/);
    expect(await sessionIsValid(prodCookie, production)).toBe(true);

    const short = authConfig({ SESSION_TTL_HOURS: '1' });
    const shortCookie = cookieOf(await handleLogin(loginRequest(), deps({ config: short })))!;
    expect(shortCookie).toContain('Max-Age=3600');
    expect(await sessionIsValid(shortCookie, short, secondsAfter(NOW, 3605))).toBe(false);
  });

  it('goes to / when next is missing or points off site', async () => {
    for (const next of [undefined, '', '//evil.example', 'https://evil.example/x', '/\\evil.example', '/%2F%2Fevil.example', 'javascript:alert(1)']) {
      const response = await handleLogin(loginRequest({ next }), deps());
      expect(response.headers.get('location'), String(next)).toBe('/');
      expect(cookieOf(response)).toBeDefined();
    }
  });

  it('sends a wrong password back to the form with the error and next kept, and no cookie', async () => {
    const response = await handleLogin(loginRequest({ password: 'nope', next: '/payments' }), deps());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fpayments&error=invalid');
    expect(response.headers.getSetCookie()).toEqual([]);
    const empty = await handleLogin(loginRequest({ password: '' }), deps());
    expect(empty.headers.get('location')).toBe('/login?next=%2F&error=invalid');
    const huge = await handleLogin(loginRequest({ password: PASSWORD + 'x'.repeat(2000) }), deps());
    expect(huge.headers.getSetCookie()).toEqual([]);
  });

  it('refuses logins from another origin, before looking at the password', async () => {
    const limiter = createFailedLoginLimiter({ maxFailures: 1 });
    const refused: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' }, // a sibling subdomain is another origin
      { 'sec-fetch-site': 'none' },
      { 'sec-fetch-site': '', origin: 'https://evil.example' },
    ];
    for (const headers of refused) {
      const request = loginRequest({ headers });
      if (headers['sec-fetch-site'] === '') request.headers.delete('sec-fetch-site');
      const response = await handleLogin(request, deps({ loginLimiter: limiter }));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    const originOnly = loginRequest({ headers: { origin: 'null' } });
    originOnly.headers.delete('sec-fetch-site');
    expect((await handleLogin(originOnly, deps())).status).toBe(403);
    // Nothing above counted as a failed password.
    expect(limiter.check('203.0.113.10', NOW).allowed).toBe(true);
  });

  it('accepts a same-origin browser post, and a client that sends no Origin at all (curl)', async () => {
    const browser = loginRequest({ headers: { 'sec-fetch-site': 'same-origin', origin: SITE } });
    expect((await handleLogin(browser, deps())).status).toBe(303);
    const originOnly = loginRequest({ headers: { origin: SITE } });
    originOnly.headers.delete('sec-fetch-site');
    expect(cookieOf(await handleLogin(originOnly, deps()))).toBeDefined();
    const curl = loginRequest();
    curl.headers.delete('sec-fetch-site');
    curl.headers.delete('origin');
    expect(cookieOf(await handleLogin(curl, deps()))).toBeDefined();
  });

  it('refuses other encodings and oversized bodies, and non-POST methods', async () => {
    const json = loginRequest({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: PASSWORD }) });
    expect((await handleLogin(json, deps())).status).toBe(415);
    const big = loginRequest({ body: `password=${'a'.repeat(9000)}` });
    expect((await handleLogin(big, deps())).status).toBe(413);
    expect((await handleLogin(new Request(`${SITE}/api/login`), deps())).status).toBe(405);
  });
});

describe('failed-login rate limit in the handler (fake clock)', () => {
  async function fail(limiter: FailedLoginLimiter, now: Date, clientAddress = '203.0.113.10'): Promise<Response> {
    return handleLogin(loginRequest({ password: 'guess', next: '/payments' }), deps({ loginLimiter: limiter, now: () => now, clientAddress }));
  }

  it('after 5 failures answers 429 with Retry-After, even to the right password; another address still logs in', async () => {
    const limiter = createFailedLoginLimiter();
    for (let i = 0; i < 5; i++) expect((await fail(limiter, secondsAfter(NOW, i))).status).toBe(303);

    const blocked = await handleLogin(loginRequest({ next: '/payments' }), deps({ loginLimiter: limiter, now: () => secondsAfter(NOW, 10) }));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('890');
    expect(blocked.headers.getSetCookie()).toEqual([]);
    expect(blocked.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await blocked.text();
    expect(page).toContain('Too many failed login attempts');
    expect(page).toContain('/login?next=%2Fpayments&amp;error=rate_limited');

    const elsewhere = await handleLogin(loginRequest(), deps({ loginLimiter: limiter, now: () => secondsAfter(NOW, 10), clientAddress: '198.51.100.20' }));
    expect(elsewhere.status).toBe(303);
    expect(cookieOf(elsewhere)).toBeDefined();

    // The block ends when the first failure is 15 minutes old.
    const later = await handleLogin(loginRequest(), deps({ loginLimiter: limiter, now: () => secondsAfter(NOW, 900) }));
    expect(later.status).toBe(303);
    expect(cookieOf(later)).toBeDefined();
    // …and the successful login reset the count.
    for (let i = 0; i < 4; i++) await fail(limiter, secondsAfter(NOW, 901 + i));
    expect((await fail(limiter, secondsAfter(NOW, 910))).status).toBe(303);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not help', async () => {
    const limiter = createFailedLoginLimiter();
    for (let i = 1; i <= 5; i++) await fail(limiter, NOW, `2001:db8:aa:bb::${i}`);
    expect((await fail(limiter, NOW, '2001:db8:aa:bb:ffff::9')).status).toBe(429);
    expect((await fail(limiter, NOW, '2001:db8:aa:cc::1')).status).toBe(303);
  });
});

describe('POST /api/logout', () => {
  it('expires the cookie (same attributes, Max-Age=0) and goes to /login', async () => {
    const response = await handleLogout(new Request(`${SITE}/api/logout`, { method: 'POST', headers: { origin: SITE } }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login');
    expect(cookieOf(response)).toMatch(/^__Host-dashboard_session=; Path=\/; HttpOnly; Secure; SameSite=Lax; Max-Age=0/);
  });

  it('refuses a logout posted from another site', async () => {
    const response = await handleLogout(
      new Request(`${SITE}/api/logout`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});
