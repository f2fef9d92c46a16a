import { describe, expect, it } from 'vitest';
import { authSettings } from '../../src/auth/auth-settings.ts';
import { classifyPath } from '../../src/auth/guard.ts';
import { personalizeLoginPage } from '../../src/auth/login-page.ts';
import { protect } from '../../src/auth/protect.ts';
import { documentPolicy, policyFromMeta } from '../../src/auth/security-headers.ts';
import { issueSessionToken } from '../../src/auth/session-token.ts';
import { authConfig, NOW, productionConfig, SITE } from './fixtures.ts';

describe('which paths need a session', () => {
  it.each([
    ['/login', 'public'], ['/login/', 'public'], ['/api/login', 'public'], ['/api/logout', 'public'], ['/api/health', 'public'],
    ['/_astro/index.Bx1.js', 'public'], ['/_astro/nested/font.woff2', 'public'], ['/favicon.svg', 'public'], ['/favicon.ico', 'public'], ['/robots.txt', 'public'],
    ['/', 'page'], ['/payments', 'page'], ['/payments/', 'page'], ['/index.html', 'page'], ['/login.html', 'page'], ['/login/index.html', 'page'],
    ['/_server-islands/x', 'page'], ['/.netlify/functions/health', 'page'], ['/%5Fastro/x.js', 'page'], ['/_ASTRO/x.js', 'page'],
    ['/docs/favicon.svg', 'page'], ['/export.csv', 'page'],
    ['/api/overview/kpis', 'api'], ['/api/payments.csv', 'api'], ['/api/health/', 'api'], ['/api/healthz', 'api'], ['/api/login/x', 'api'], ['/api', 'api'],
    ['/API/overview/kpis', 'page'], // still refused (redirected): only exact public paths pass
  ])('%s → %s', (path, kind) => {
    expect(classifyPath(path)).toBe(kind);
  });
});

const ASTRO_META = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src 'self';img-src 'self' data:; script-src 'self' 'sha256-AAA=' 'sha256-BBB='; style-src 'self' 'sha256-CCC=';"><title>x</title></head><body><astro-island></astro-island></body></html>`;

async function protectedResponse(path: string, upstream: Response, options: { production?: boolean; method?: string } = {}): Promise<Response> {
  const config = options.production ? productionConfig() : authConfig();
  const settings = await authSettings(config);
  const token = await issueSessionToken(settings.key, { now: NOW, ttlSeconds: 3600, keyId: settings.keyId });
  const request = new Request(`${SITE}${path}`, { method: options.method ?? 'GET', headers: { cookie: `${settings.cookieName}=${token}` } });
  return protect(request, { loadSettings: async () => settings, now: NOW, next: async () => upstream });
}

describe('security headers', () => {
  it('puts the page policy, with the hashes Astro computed, into the header of a prerendered page', async () => {
    const response = await protectedResponse('/', new Response(ASTRO_META, { headers: { 'content-type': 'text/html; charset=utf-8', etag: '"abc"' } }));
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self' 'sha256-AAA=' 'sha256-BBB='");
    expect(csp).toContain("style-src 'self' 'sha256-CCC='");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('etag')).toBe('"abc"'); // only the login page is changed
    expect(await response.text()).toBe(ASTRO_META);
  });

  it('keeps the policy Astro sent as a header (pages rendered on demand, the Node build)', async () => {
    const response = await protectedResponse('/', new Response('<p>hi</p>', {
      headers: { 'content-type': 'text/html', 'content-security-policy': "script-src 'self' 'sha256-NODE='; style-src 'self'" },
    }));
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self' 'sha256-NODE='");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('passes a compressed page through untouched, leaving scripts and styles to its <meta> policy', async () => {
    const gzipped = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    const response = await protectedResponse('/', new Response(gzipped, { headers: { 'content-type': 'text/html', 'content-encoding': 'gzip' } }));
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(gzipped);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src|style-src|default-src/);
  });

  it("gives HTML without any policy only the app's own scripts and styles", () => {
    expect(documentPolicy(undefined)).toContain("script-src 'self'; style-src 'self'");
  });

  it('locks down JSON and other non-documents, and adds HSTS only in production', async () => {
    const json = await protectedResponse('/api/overview/kpis', Response.json({ ok: true }));
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await json.json()).toEqual({ ok: true });
    const production = await protectedResponse('/api/overview/kpis', Response.json({ ok: true }), { production: true });
    expect(production.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('leaves the policy of a 304 alone (its headers would overwrite those of the cached page)', async () => {
    const response = await protectedResponse('/', new Response(null, { status: 304, headers: { etag: '"abc"' } }));
    expect(response.status).toBe(304);
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('adds the headers to refusals too', async () => {
    const settings = await authSettings(authConfig());
    const refused = await protect(new Request(`${SITE}/api/filters`), { loadSettings: async () => settings, now: NOW, next: async () => new Response('never') });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('fails closed with 500 when the configuration cannot be read', async () => {
    const log: string[] = [];
    const response = await protect(new Request(`${SITE}/`), {
      loadSettings: async () => { throw new Error('SESSION_SECRET: must be at least 32 bytes long'); },
      now: NOW,
      next: async () => new Response('never'),
      log: (message) => log.push(message),
    });
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('SESSION_SECRET');
    expect(log.join()).toContain('SESSION_SECRET');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('reads entity-encoded meta policies', () => {
    expect(policyFromMeta(`<meta http-equiv="content-security-policy" content="script-src &#39;self&#39; &#x27;sha256-X=&#x27;">`)).toBe("script-src 'self' 'sha256-X='");
    expect(policyFromMeta('<meta charset="utf-8">')).toBeUndefined();
  });
});

const LOGIN_HTML = `<html><head></head><body><form method="post" action="/api/login" data-astro-cid-1><p class="message" role="alert" data-login-message data-astro-cid-1 hidden></p><input id="password" name="password" type="password"><input type="hidden" name="next" value="/" data-login-next data-astro-cid-1><button>Log in</button></form></body></html>`;

describe('the login page as it passes through', () => {
  it('fills in next and shows the message for ?error=', () => {
    const html = personalizeLoginPage(LOGIN_HTML, new URLSearchParams({ next: '/payments?status=failed', error: 'invalid' }));
    expect(html).toContain('<input type="hidden" name="next" value="/payments?status=failed" data-login-next data-astro-cid-1>');
    expect(html).toContain('<p class="message" role="alert" data-login-message data-astro-cid-1>That password is not right. Please try again.</p>');
  });

  it('shows the expiry note, and nothing for unknown codes', () => {
    expect(personalizeLoginPage(LOGIN_HTML, new URLSearchParams({ session: 'expired' }))).toContain('Your session has ended');
    const unknown = personalizeLoginPage(LOGIN_HTML, new URLSearchParams({ error: '<script>alert(1)</script>' }));
    expect(unknown).toContain('data-login-message data-astro-cid-1 hidden></p>');
    expect(unknown).not.toContain('<script>');
  });

  it('never lets next break out of the attribute or leave the site', () => {
    const html = personalizeLoginPage(LOGIN_HTML, new URLSearchParams({ next: '/x"><script>alert(1)</script>' }));
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/value="\/x%22%3E%3Cscript%3Ealert\(1\)%3C\/script%3E"/);
    expect(personalizeLoginPage(LOGIN_HTML, new URLSearchParams({ next: '//evil.example' }))).toContain('value="/" data-login-next');
  });

  it('is served no-store without validators, with next filled in', async () => {
    const upstream = new Response(LOGIN_HTML, { headers: { 'content-type': 'text/html', etag: '"login"', 'last-modified': 'Mon, 02 Mar 2026 09:00:00 GMT', 'cache-control': 'public, max-age=0' } });
    const settings = await authSettings(authConfig());
    const response = await protect(new Request(`${SITE}/login?next=%2Fpayments`), { loadSettings: async () => settings, now: NOW, next: async () => upstream });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
    expect(response.headers.get('last-modified')).toBeNull();
    expect(await response.text()).toContain('value="/payments" data-login-next');
  });
});
