/**
 * Astro islands under the app's CSP (no 'unsafe-inline' scripts, no 'unsafe-eval'): Astro's
 * security.csp hashes the inline hydration bootstrap and styles it emits, the guard sends that
 * policy as the header, and every hydration mode still works. Built from a throwaway copy of the
 * project with one extra page (island-fixture/), as the Node variant, and driven in Chromium.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, loginOverHttp, browserSession } from '../helpers/login.ts';
import { PROJECT_ROOT, startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { expectSecurityHeaders } from './guarded-site.ts';

const PASSWORD = 'islands';
let root: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dashboard-islands-'));
  const site = join(root, 'site');
  for (const input of ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json']) {
    cpSync(join(PROJECT_ROOT, input), join(site, input), { recursive: true });
  }
  cpSync(join(import.meta.dirname, 'island-fixture/Counter.tsx'), join(site, 'src/pages/_island-check/Counter.tsx'));
  cpSync(join(import.meta.dirname, 'island-fixture/island-check.astro'), join(site, 'src/pages/island-check.astro'));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(site, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: site,
    env: { ...process.env, NODE_ENV: '', DEPLOY_TARGET: 'node', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  server = await startNodeServer(join(site, 'dist-node'), {
    DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', // only /api/health touches it
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: 'island-check-session-secret-0123456789',
  });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('Astro islands under the CSP', () => {
  it('hydrate in every mode, with no policy violations, while injected inline script stays blocked', async () => {
    const cookie = await loginOverHttp(server.url, PASSWORD);
    const response = await fetch(`${server.url}/island-check`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expectSecurityHeaders(response, 'page');
    const html = await response.text();
    expect(html).toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // Astro's inline hydration bootstrap is there…
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')+/); // …and hashed

    // Through the form: a __Host- cookie cannot be planted with a Domain, which addCookies sets.
    const context = await browser.newContext({ storageState: await browserSession(browser, server.url, PASSWORD) });
    const page = await context.newPage();
    const violations: string[] = [];
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${server.url}/island-check`);
    for (const label of ['load', 'idle', 'visible', 'only']) {
      const button = page.locator(`[data-counter="${label}"]`);
      await expect.poll(async () => {
        await button.click();
        return button.textContent();
      }, { timeout: 15_000 }).not.toBe(`${label}: 0`);
    }
    expect(await page.locator('h1').evaluate((h1) => getComputedStyle(h1).color)).toBe('rgb(102, 51, 153)');
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);

    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    expect(violations.join('\n')).toMatch(/Content Security Policy/);
    await context.close();
  });
});
