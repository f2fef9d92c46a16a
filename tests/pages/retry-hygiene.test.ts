/**
 * The Overview's retry-hygiene section in Chromium on data whose answers tests/api/retry-hygiene
 * proves: the numbers on screen, each opening exactly its charges in the explorer; screenshots in
 * light, dark and at 390 px.
 */
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETRY_HYGIENE_ROWS } from '../api/support/retry-hygiene-fixture.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';
import { openRetryHygiene } from './support/hygiene-page.ts';

const PASSWORD = 'hygiene-test-password';
const VIEW = '/?from=2026-03-01&to=2026-03-07&currency=usd';

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite(RETRY_HYGIENE_ROWS, { password: PASSWORD });
}, 240_000);

afterAll(() => suite?.stop());

const open = (options: BrowserContextOptions = {}) => openRetryHygiene(suite, VIEW, options);

describe('retry hygiene on the Overview', () => {
  it('shows the proven numbers, and each opens exactly its payments', async () => {
    const { context, page } = await open();
    const section = page.locator('[data-section="retry-hygiene"]');
    const hard = section.locator('[data-figure="after_hard_decline"]');
    expect(await hard.locator('.hygiene-figure__value').textContent()).toBe('3');
    expect(await hard.locator('.hygiene-figure__detail').textContent()).toBe('$45.00 · customers: 2 · payments: 3 · approved: 1');
    const past = section.locator('[data-figure="past_max_attempts"]');
    expect(await past.locator('.hygiene-figure__value').textContent()).toBe('1');
    expect(await past.locator('.hygiene-figure__detail').textContent()).toBe('$10.00 · attempts past no. 9: 2');
    expect(await section.locator('.hygiene-note').textContent()).toContain('8 retries in the range');
    await section.screenshot({ path: join(ARTIFACTS, 'retry-hygiene-light.png') });

    await hard.locator('a').click();
    await page.waitForURL(/\/payments\?/);
    expect(new URL(page.url()).searchParams.get('hygiene')).toBe('after_hard_decline');
    await page.locator('.payments-grid .tabulator-row').first().waitFor();
    const ids = await page.locator('.payments-grid .tabulator-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-charge-id')));
    expect(ids).toEqual(['ch_h4b', 'ch_h2b', 'ch_h1b']);
    expect(await page.locator('#payments-hygiene').inputValue()).toBe('after_hard_decline');
    await context.close();
  });

  it('reads in dark mode and at 390 px', async () => {
    const dark = await open({ colorScheme: 'dark' });
    await dark.page.locator('[data-section="retry-hygiene"]').screenshot({ path: join(ARTIFACTS, 'retry-hygiene-dark.png') });
    await dark.context.close();
    const phone = await open({ viewport: { width: 390, height: 844 } });
    const section = phone.page.locator('[data-section="retry-hygiene"]');
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await section.screenshot({ path: join(ARTIFACTS, 'retry-hygiene-390.png') });
    await phone.context.close();
  });
});
