/**
 * The end-to-end checks both deploy targets must pass, written once: node-build.e2e.test.ts runs
 * them against the built Node server, netlify-serve.e2e.test.ts against `netlify serve --offline`
 * with the edge function really running in Deno.
 *
 * The pages and the query API are other people's work in progress, so "served" means "the guard
 * let it through": a page answers 200, an API route anything but 401 or a redirect.
 */
import { request as httpRequest } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loginInBrowser, loginOverHttp } from '../helpers/login.ts';

export interface GuardedSite {
  url: string;
  password: string;
}

const KPIS = '/api/overview/kpis?from=2026-01-01&to=2026-01-31';

export function expectSecurityHeaders(response: Response, kind: 'page' | 'api'): void {
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  if (kind === 'page') {
    expect(csp).toMatch(/(^|; )script-src 'self'/);
    expect(csp).toMatch(/(^|; )style-src 'self'/);
    expect(csp).toContain("default-src 'self'");
  } else {
    expect(csp).toContain("default-src 'none'");
  }
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('same-origin');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
}

function get(site: GuardedSite, path: string, cookie?: string): Promise<Response> {
  return fetch(`${site.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
}

/** A request with the path exactly as written (fetch would normalize `..`). */
function rawGet(site: GuardedSite, path: string): Promise<{ status: number; location?: string; body: string }> {
  const { hostname, port } = new URL(site.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface PageWatch {
  violations: string[];
  errors: string[];
}

/** CSP violations (as the page's own securitypolicyviolation events) and uncaught errors. */
async function watch(page: Page): Promise<PageWatch> {
  const result: PageWatch = { violations: [], errors: [] };
  await page.exposeFunction('__reportCspViolation', (text: string) => result.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) result.violations.push(message.text());
  });
  page.on('pageerror', (error) => result.errors.push(error.message));
  return result;
}

export function describeGuardedSite(target: string, site: () => GuardedSite): void {
  describe(`${target}: without a session`, () => {
    it('redirects pages to /login with next, keeping the query', async () => {
      for (const [path, next] of [['/', '/'], ['/payments', '/payments'], ['/payments?status=failed&q=cus_1', '/payments?status=failed&q=cus_1']] as const) {
        const response = await get(site(), path);
        expect([302, 303], path).toContain(response.status);
        const location = new URL(response.headers.get('location')!, site().url);
        expect(location.origin).toBe(new URL(site().url).origin);
        expect(location.pathname).toBe('/login');
        expect(location.searchParams.get('next')).toBe(next);
      }
    });

    it('answers /api/* with 401 JSON', async () => {
      for (const path of [KPIS, '/api/filters', '/api/payments.csv']) {
        const response = await get(site(), path);
        expect(response.status, path).toBe(401);
        expect(response.headers.get('content-type'), path).toMatch(/^application\/json/);
        expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
      }
    });

    it('refuses a forged or stale cookie the same way, and clears it', async () => {
      for (const cookie of ['__Host-dashboard_session=garbage', '__Host-dashboard_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ0ZWFtIn0.']) {
        const api = await get(site(), KPIS, cookie);
        expect(api.status).toBe(401);
        expect(api.headers.getSetCookie().join()).toMatch(/dashboard_session=;.*Max-Age=0/);
        const page = await get(site(), '/payments', cookie);
        expect(page.status).toBe(302);
      }
    });

    it('serves the public paths: /login and /api/health', async () => {
      const login = await get(site(), '/login');
      expect(login.status).toBe(200);
      expect(await login.text()).toContain('action="/api/login"');
      const health = await get(site(), '/api/health');
      expect(health.status).not.toBe(401);
      expect(health.headers.get('location')).toBeNull();
    });

    it('cannot be reached around the guard through asset paths', async () => {
      for (const path of ['/_astro/../payments', '/_astro/%2e%2e/payments', '/_astro/%2E%2E/api/overview/kpis', '/_astro/..%2fpayments']) {
        const response = await rawGet(site(), path);
        // A refusal (redirect, 401) or a 404; never the page or the data.
        expect(response.status, path).not.toBe(200);
      }
    });

    it('sends the security headers on pages, API responses and refusals', async () => {
      expectSecurityHeaders(await get(site(), '/login'), 'page');
      expectSecurityHeaders(await get(site(), '/api/health'), 'api');
      expectSecurityHeaders(await get(site(), KPIS), 'api');
      expectSecurityHeaders(await get(site(), '/payments'), 'api'); // the redirect has no body to run
    });

    it('refuses a login posted from another origin', async () => {
      const response = await fetch(`${site().url}/api/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: new URLSearchParams({ password: site().password }),
      });
      // 403 from the handler; `netlify serve` turns a function's 403 into its .html retries (401 here).
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.headers.getSetCookie()).toEqual([]);
    });
  });

  describe(`${target}: with a session`, () => {
    let cookie: string;
    beforeAll(async () => {
      cookie = await loginOverHttp(site().url, site().password);
    });

    it('serves the pages and lets API requests through to the handlers', async () => {
      const home = await get(site(), '/', cookie);
      expect(home.status).toBe(200);
      expectSecurityHeaders(home, 'page');
      const payments = await get(site(), '/payments', cookie);
      expect([200, 404]).toContain(payments.status); // 404 until the page exists
      const api = await get(site(), KPIS, cookie);
      expect(api.status).not.toBe(401);
      expect(api.status < 300 || api.status >= 400).toBe(true);
      expectSecurityHeaders(api, 'api');
    });
  });

  describe(`${target}: in Chromium`, { timeout: 120_000 }, () => {
    let browser: Browser;
    let context: BrowserContext;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function freshPage(): Promise<{ page: Page; seen: PageWatch }> {
      await context?.close();
      context = await browser.newContext();
      const page = await context.newPage();
      return { page, seen: await watch(page) };
    }

    async function sessionCookie(): Promise<string | undefined> {
      return (await context.cookies()).find((c) => /dashboard_session$/.test(c.name))?.value;
    }

    it('logs in through the form; pages and the API are then served, under a CSP the page satisfies', async () => {
      const { page, seen } = await freshPage();
      expect(await loginInBrowser(page, site().url, site().password, '/')).toBe(200);
      expect(new URL(page.url()).pathname).toBe('/');
      const cookie = (await context.cookies()).find((c) => /dashboard_session$/.test(c.name))!;
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });

      const payments = await page.goto(`${site().url}/payments`);
      expect([200, 404]).toContain(payments!.status());
      await page.waitForLoadState('networkidle');
      await page.goto(`${site().url}/`);
      await page.waitForLoadState('networkidle');
      await page.reload(); // a revalidation (304) must not leave the cached page with another policy
      await page.waitForLoadState('networkidle');
      // Astro islands, where a page has them, must have hydrated (Astro drops `ssr` when it does).
      await page.waitForFunction(() => [...document.querySelectorAll('astro-island')].every((island) => !island.hasAttribute('ssr')), null, { timeout: 15_000 });
      const apiStatus = await page.evaluate(async (path) => (await fetch(path, { redirect: 'manual' })).status, KPIS);
      expect(apiStatus).not.toBe(401);
      expect(seen.violations).toEqual([]);
      expect(seen.errors).toEqual([]);

      // The policy is enforced, not just sent: an injected inline script does not run.
      const ran = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      expect(ran).toBe(false);
      expect(seen.violations.some((violation) => /script-src/.test(violation))).toBe(true);
    });

    it('shows the form again with an error after a wrong password, and sets no cookie', async () => {
      const { page, seen } = await freshPage();
      await page.goto(`${site().url}/payments?status=failed`);
      await page.fill('input[name="password"]', 'not the password');
      await Promise.all([page.waitForURL(/\/login\?.*error=invalid/), page.click('button[type="submit"]')]);
      expect(new URL(page.url()).searchParams.get('next')).toBe('/payments?status=failed');
      await expect.poll(() => page.locator('[data-login-message]').isVisible()).toBe(true);
      expect(await page.locator('[data-login-message]').textContent()).toContain('not right');
      expect(await page.inputValue('input[name="next"]')).toBe('/payments?status=failed');
      expect(await sessionCookie()).toBeUndefined();
      expect(seen.violations).toEqual([]);
      // …and the corrected password then lands on the page asked for first.
      await page.fill('input[name="password"]', site().password);
      await Promise.all([page.waitForURL((url) => url.pathname === '/payments'), page.click('button[type="submit"]')]);
      expect(new URL(page.url()).search).toBe('?status=failed');
    });

    it('stays on site whatever next says', async () => {
      const { page } = await freshPage();
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', '/%2F%2Fevil.example', 'javascript:alert(1)']) {
        await context.clearCookies();
        await page.goto(`${site().url}/login?next=${encodeURIComponent(next)}`);
        await page.fill('input[name="password"]', site().password);
        await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login')), page.click('button[type="submit"]')]);
        expect(new URL(page.url()).origin, next).toBe(new URL(site().url).origin);
        expect(new URL(page.url()).pathname, next).toBe('/');
      }
    });

    it('logs out: the cookie is cleared and the pages redirect to /login again', async () => {
      const { page } = await freshPage();
      await loginInBrowser(page, site().url, site().password, '/');
      expect(await sessionCookie()).toBeDefined();
      // The layout's Log out button where it exists, else the same form post.
      await Promise.all([
        page.waitForURL(/\/login/),
        page.evaluate(() => {
          const form = document.querySelector<HTMLFormElement>('form[action="/api/logout"]') ?? Object.assign(document.createElement('form'), { method: 'post', action: '/api/logout' });
          if (!form.isConnected) document.body.append(form);
          form.requestSubmit();
        }),
      ]);
      expect(await sessionCookie()).toBeUndefined();
      await page.goto(`${site().url}/payments`);
      expect(new URL(page.url()).pathname).toBe('/login');
    });
  });
}
