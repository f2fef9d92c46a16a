import type { BrowserContextOptions } from 'playwright-core';
import type { BrowserSuite } from './browser-suite.ts';

/** A logged-in Overview at `path` (a 1280 × 900 window in UTC unless `options` say otherwise), once its retry-hygiene section is ready. */
export async function openRetryHygiene(suite: BrowserSuite, path: string, options: BrowserContextOptions = {}) {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', timezoneId: 'UTC', storageState: suite.session, ...options });
  const page = await context.newPage();
  await page.goto(`${suite.server.url}${path}`);
  await page.waitForFunction(() => document.querySelector('[data-section="retry-hygiene"]')?.getAttribute('data-state') === 'ready');
  return { context, page };
}
