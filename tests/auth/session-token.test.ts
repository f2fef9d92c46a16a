/**
 * Every kind of session cookie, accepted or refused with a stable reason, with the clock frozen.
 * The verdicts are checked through `protect`, the one function the Netlify edge function and the
 * Node middleware both call, for a page (redirect to /login with next) and an API path (401 JSON).
 */
import { SignJWT, base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import { authSettings, type AuthSettings } from '../../src/auth/auth-settings.ts';
import { checkSession } from '../../src/auth/guard.ts';
import { protect } from '../../src/auth/protect.ts';
import { deriveSessionKey } from '../../src/auth/session-key.ts';
import { FRESH_LOGIN_SECONDS, issueSessionToken, sessionKeyId, SESSION_AUDIENCE, SESSION_ISSUER, type SessionRefusal } from '../../src/auth/session-token.ts';
import { authConfig, NOW, PASSWORD, SECRET, secondsAfter, SITE } from './fixtures.ts';

const TTL = 12 * 3600;
const config = authConfig();

function request(path: string, token?: string, cookieName = '__Host-dashboard_session'): Request {
  return new Request(`${SITE}${path}`, { headers: token === undefined ? {} : { cookie: `theme=dark; ${cookieName}=${token}; other=1` } });
}

async function through(path: string, token: string | undefined, now = NOW, settings?: AuthSettings): Promise<Response> {
  const resolved = settings ?? (await authSettings(config));
  return protect(request(path, token), {
    loadSettings: async () => resolved,
    now,
    next: async () => new Response('served', { headers: { 'content-type': 'text/plain' } }),
  });
}

async function expectAccepted(token: string | undefined, now = NOW): Promise<void> {
  const settings = await authSettings(config);
  expect(await checkSession(request('/', token), { settings, now })).toMatchObject({ valid: true });
  for (const path of ['/', '/payments?status=failed', '/api/overview/kpis']) {
    const response = await through(path, token, now);
    expect(response.status, path).toBe(200);
    expect(await response.text()).toBe('served');
  }
}

async function expectRefused(token: string | undefined, reason: SessionRefusal, now = NOW): Promise<void> {
  const settings = await authSettings(config);
  expect(await checkSession(request('/', token), { settings, now })).toEqual({ valid: false, reason });

  const page = await through('/payments?status=failed', token, now);
  expect(page.status).toBe(302);
  const location = new URL(page.headers.get('location')!, SITE);
  expect(location.pathname).toBe('/login');
  expect(location.searchParams.get('next')).toBe('/payments?status=failed');
  expect(location.searchParams.get('session')).toBe(reason === 'expired' ? 'expired' : null);

  const api = await through('/api/overview/kpis?from=2026-02-01&to=2026-02-28', token, now);
  expect(api.status).toBe(401);
  expect(api.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await api.json()).toEqual({ error: 'unauthenticated', message: expect.any(String) });
  expect(api.headers.get('cache-control')).toBe('no-store');
  // A cookie that was sent but failed is cleared; no cookie, nothing to clear.
  expect(api.headers.get('set-cookie') !== null).toBe(reason !== 'missing');
}

async function validToken(now = NOW): Promise<string> {
  const { key, keyId } = await authSettings(config);
  return issueSessionToken(key, { now, ttlSeconds: TTL, keyId });
}

/** A token from a login under other settings, `ageSeconds` before NOW. */
async function tokenFromOtherSettings(secret: string, password: string, ageSeconds: number): Promise<string> {
  const key = await deriveSessionKey(secret, password);
  return issueSessionToken(key, { now: secondsAfter(NOW, -ageSeconds), ttlSeconds: TTL, keyId: await sessionKeyId(key) });
}

function parts(token: string): [string, string, string] {
  const [header, payload, signature] = token.split('.');
  return [header!, payload!, signature!];
}

describe('session tokens through the guard (frozen clock)', () => {
  it('accepts a fresh token, and one just before expiry', async () => {
    const token = await validToken();
    await expectAccepted(token);
    await expectAccepted(token, secondsAfter(NOW, TTL - 1));
  });

  it('refuses an expired token (from exp plus the 5 s clock tolerance on)', async () => {
    const token = await validToken();
    await expectAccepted(token, secondsAfter(NOW, TTL + 4));
    await expectRefused(token, 'expired', secondsAfter(NOW, TTL + 5));
  });

  it('refuses a token older than the configured TTL even if its exp is later (TTL shortened)', async () => {
    const { key, keyId } = await authSettings(config);
    const longLived = await issueSessionToken(key, { now: NOW, ttlSeconds: 30 * 24 * 3600, keyId });
    await expectRefused(longLived, 'expired', secondsAfter(NOW, TTL + 6));
  });

  it('refuses a token that is not yet valid (nbf or iat in the future)', async () => {
    const { key } = await authSettings(config);
    const iat = Math.floor(NOW.getTime() / 1000);
    const notBefore = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(SESSION_ISSUER).setAudience(SESSION_AUDIENCE).setSubject('team')
      .setIssuedAt(iat).setNotBefore(iat + 600).setExpirationTime(iat + TTL)
      .sign(key);
    await expectRefused(notBefore, 'not_yet_valid');
    await expectAccepted(notBefore, secondsAfter(NOW, 600));

    const issuedLater = await validToken(secondsAfter(NOW, 3600));
    await expectRefused(issuedLater, 'not_yet_valid');
  });

  it('a token accepted before is still checked in full where it may no longer pass (verified tokens are remembered per key)', async () => {
    const { key, keyId } = await authSettings(config);
    const longLived = await issueSessionToken(key, { now: NOW, ttlSeconds: 30 * 24 * 3600, keyId });
    await expectAccepted(longLived);
    // Past the maximum age (SESSION_TTL_HOURS) though its exp is weeks away.
    await expectRefused(longLived, 'expired', secondsAfter(NOW, TTL + 6));
    // The clock set back before it was issued.
    await expectRefused(longLived, 'not_yet_valid', secondsAfter(NOW, -3600));
    // Another password: another key, which never saw it.
    const changed = await authSettings(authConfig({ DASHBOARD_PASSWORD: 'a new team password' }));
    expect(await checkSession(request('/', longLived), { settings: changed, now: NOW })).toEqual({ valid: false, reason: 'invalid_signature' });
    await expectAccepted(longLived);
  });

  it('refuses a token signed with another SESSION_SECRET', async () => {
    const otherKey = await deriveSessionKey('another-secret-of-at-least-32-bytes-long!', PASSWORD);
    // No key id (a forged or foreign token): a plain bad signature, however fresh.
    await expectRefused(await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(SESSION_ISSUER).setAudience(SESSION_AUDIENCE)
      .setSubject('team').setIssuedAt(Math.floor(NOW.getTime() / 1000)).setExpirationTime('1h').sign(otherKey), 'invalid_signature');
    await expectRefused(await tokenFromOtherSettings('another-secret-of-at-least-32-bytes-long!', PASSWORD, FRESH_LOGIN_SECONDS + 1), 'invalid_signature');
  });

  it('refuses a token made under the old password once DASHBOARD_PASSWORD changes', async () => {
    await expectRefused(await tokenFromOtherSettings(SECRET, 'the old password', 3600), 'invalid_signature');
  });

  it('a token signed moments ago under other settings is a settings mismatch: a clear 500, never a redirect to /login', async () => {
    const logs: string[] = [];
    const token = await tokenFromOtherSettings(SECRET, 'what the login function was given', 3);
    const settings = await authSettings(config);
    expect(await checkSession(request('/', token), { settings, now: NOW, loginRunsElsewhere: true })).toEqual({ valid: false, reason: 'settings_mismatch' });
    // One process doing both (Node): only an old session, from before a password change.
    expect(await checkSession(request('/', token), { settings, now: NOW })).toEqual({ valid: false, reason: 'invalid_signature' });
    const guard = { loadSettings: async () => settings, now: NOW, next: async () => new Response('served'), loginRunsElsewhere: true, log: (m: string) => logs.push(m) };
    const page = await protect(request('/payments', token), guard);
    expect(page.status).toBe(500);
    expect(page.headers.get('location')).toBeNull();
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(await page.text()).toContain('configured with different settings than the login');
    expect(page.headers.get('set-cookie')).toMatch(/^__Host-dashboard_session=;.*Max-Age=0/);
    const api = await protect(request('/api/overview/kpis', token), guard);
    expect(api.status).toBe(500);
    expect(await api.json()).toMatchObject({ error: 'session_settings_mismatch' });
    expect(logs[0]).toMatch(/SESSION_SECRET and DASHBOARD_PASSWORD.*Netlify UI or \.env/);
    // The key id names the key without revealing it: 12 base64url characters, different per key.
    expect(settings.keyId).toMatch(/^[\w-]{12}$/);
    expect(settings.keyId).not.toBe((await authSettings({ ...config, password: 'other' })).keyId);
  });

  it('refuses alg: none', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const [, payload] = parts(await validToken());
    await expectRefused(`${header}.${payload}.`, 'algorithm_not_allowed');
  });

  it('refuses another algorithm even with a valid signature under it', async () => {
    const raw = new Uint8Array(64).fill(7);
    const hs512 = await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).setIssuer(SESSION_ISSUER).setAudience(SESSION_AUDIENCE)
      .setSubject('team').setIssuedAt(NOW).setExpirationTime(secondsAfter(NOW, TTL)).sign(raw);
    await expectRefused(hs512, 'algorithm_not_allowed');
  });

  it('refuses an altered payload (a later exp) and an altered signature', async () => {
    const [header, payload, signature] = parts(await validToken());
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload)));
    const extended = base64url.encode(JSON.stringify({ ...claims, exp: claims.exp + 365 * 24 * 3600 }));
    await expectRefused(`${header}.${extended}.${signature}`, 'invalid_signature');

    const middle = Math.floor(signature.length / 2);
    const flipped = `${signature.slice(0, middle)}${signature[middle] === 'A' ? 'B' : 'A'}${signature.slice(middle + 1)}`;
    await expectRefused(`${header}.${payload}.${flipped}`, 'invalid_signature');
  });

  it('refuses a token for another audience or issuer signed with the same key', async () => {
    const { key } = await authSettings(config);
    const foreign = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer('some-other-app').setAudience(SESSION_AUDIENCE)
      .setSubject('team').setIssuedAt(NOW).setExpirationTime(secondsAfter(NOW, TTL)).sign(key);
    await expectRefused(foreign, 'invalid_claims');
  });

  it('refuses garbage', async () => {
    for (const garbage of ['garbage', 'a.b.c', '%00', '...', 'x'.repeat(5000)]) {
      await expectRefused(garbage, 'malformed');
    }
  });

  it('refuses a missing cookie, an empty one and one under another name', async () => {
    await expectRefused(undefined, 'missing');
    await expectRefused('', 'missing');
    const settings = await authSettings(config);
    const elsewhere = request('/', await validToken(), 'session');
    expect(await checkSession(elsewhere, { settings, now: NOW })).toEqual({ valid: false, reason: 'missing' });
  });

  it('reads the __Host- cookie whether production or not (the two Netlify runtimes may disagree on it), never the plain name', async () => {
    for (const production of [true, false]) {
      const settings = await authSettings({ ...config, production });
      expect(settings.cookieName).toBe('__Host-dashboard_session');
      const token = await issueSessionToken(settings.key, { now: NOW, ttlSeconds: TTL, keyId: settings.keyId });
      expect(await checkSession(request('/', token, '__Host-dashboard_session'), { settings, now: NOW })).toMatchObject({ valid: true });
      expect(await checkSession(request('/', token, 'dashboard_session'), { settings, now: NOW })).toEqual({ valid: false, reason: 'missing' });
    }
  });
});
