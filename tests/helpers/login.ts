/**
 * Logging in from tests, on either deploy target (a Node server from node-build.ts or a Netlify
 * one from netlify-server.ts):
 *
 *   const cookie = await loginOverHttp(server.url, 'secret');     // → '__Host-dashboard_session=eyJ…'
 *   await fetch(`${server.url}/api/filters`, { headers: { cookie } });
 *
 *   const browser = await launchChromium();
 *   const page = await browser.newPage();
 *   await loginInBrowser(page, server.url, 'secret', '/payments'); // through the real form
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless, with nothing that would reach the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * POSTs the login form the way the browser does (same Origin) and returns the session cookie
 * as a Cookie request header value. Throws with the status when the login is refused.
 */
export async function loginOverHttp(baseUrl: string, password: string, next = '/'): Promise<string> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ password, next }),
  });
  await response.body?.cancel();
  const setCookie = response.headers.getSetCookie().find((cookie) => /^(__Host-)?dashboard_session=[^;]+/.test(cookie));
  if (response.status !== 303 || !setCookie) {
    throw new Error(`login refused: ${response.status} ${response.headers.get('location') ?? ''}`);
  }
  return setCookie.split(';', 1)[0]!;
}

/**
 * Opens `path`, expects to be sent to the login form, submits `password` there and waits until
 * the browser is back on `path`. Returns the status of that final page load.
 */
export async function loginInBrowser(page: Page, baseUrl: string, password: string, path = '/'): Promise<number> {
  await page.goto(`${baseUrl}${path}`);
  const landed = new URL(page.url());
  if (landed.pathname !== '/login' && landed.pathname !== '/login/') {
    throw new Error(`expected the login form, got ${page.url()}`);
  }
  await page.fill('input[name="password"]', password);
  const target = new URL(path, baseUrl);
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => {
      const url = new URL(candidate.url());
      return url.pathname === target.pathname && candidate.request().isNavigationRequest();
    }),
    page.click('button[type="submit"]'),
  ]);
  await page.waitForLoadState('load');
  return response.status();
}

/** Logs in once through the real form in a throwaway context; its cookies start every later context logged in. */
export async function browserSession(browser: Browser, baseUrl: string, password: string): Promise<Awaited<ReturnType<BrowserContext['storageState']>>> {
  const context = await browser.newContext();
  try {
    const status = await loginInBrowser(await context.newPage(), baseUrl, password, '/');
    if (status !== 200) throw new Error(`login answered ${status}`);
    return await context.storageState();
  } finally {
    await context.close();
  }
}
