/**
 * The header's freshness line and stale warning in Chromium against the Node build: marts whose
 * newest charge is three days old and whose daily mart stops two days before that, then the
 * same marts brought up to date and the Refresh button pressed.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';

const PASSWORD = 'freshness-test-password';
const DAY_MS = 86_400_000;
const NEWEST = new Date(Date.now() - 3 * DAY_MS);

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite(generateCharges({ charges: 2_000, endDate: NEWEST, days: 40, seed: 13 }), {
    password: PASSWORD,
    prepare: async (db) => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      // The daily mart's job stopped two days before the detail mart's.
      await client.query(`delete from mart_stripe_payments_daily where date > (select max(created_at) from mart_stripe_payments)::date - 2`);
      await client.end();
    },
  });
}, 240_000);

afterAll(() => suite?.stop());

async function open(path: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', storageState: suite.session, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(suite.server.url + path);
  await page.waitForSelector('[data-data-age]:has-text("Newest charge")');
  return { page, context, errors };
}

describe('freshness in the header', () => {
  it('stale marts: both ages and a visible warning that names the job and the mart to rebuild, on both pages', { timeout: 90_000 }, async () => {
    for (const path of ['/', '/payments']) {
      const { page, context, errors } = await open(path);
      await page.waitForFunction(() => /fetched/.test(document.querySelector('[data-data-age]')?.textContent ?? ''));
      expect(await page.textContent('[data-data-age]')).toMatch(/^Newest charge 3 days ago · fetched (just now|\d+ min ago)$/);
      const warning = page.locator('[data-freshness-warning]');
      expect(await warning.isVisible()).toBe(true);
      const texts = await warning.locator('p').allTextContents();
      expect(texts[0]).toBe('Stale data: the newest charge was 3 days ago, more than 26 h. Check the job that builds public.mart_stripe_payments.');
      expect(texts[1]).toMatch(/^The daily mart ends .*, 2 days before the newest charge .*Rebuild public\.mart_stripe_payments_daily\.$/);
      const box = await warning.boundingBox();
      expect(box!.height).toBeGreaterThan(30);
      expect(errors).toEqual([]);
      if (path === '/') {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await page.screenshot({ path: join(ARTIFACTS, `freshness-stale-${colorScheme}.png`) });
        }
      }
      await context.close();
    }
    const phone = await open('/', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.screenshot({ path: join(ARTIFACTS, 'freshness-stale-390.png') });
    await phone.context.close();
  });

  it('the warning has no serious accessibility violations, light or dark', { timeout: 60_000 }, async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const { page, context } = await open('/', { bypassCSP: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string }[] }> } })
          .axe.run({ include: [['header'], ['[data-freshness-warning]']] });
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
      });
      expect(violations, colorScheme).toEqual([]);
    }
    await context.close();
  });

  it('marts brought up to date: Refresh clears the warning', { timeout: 60_000 }, async () => {
    const { page, context } = await open('/');
    expect(await page.locator('[data-freshness-warning]').isVisible()).toBe(true);
    const client = new pg.Client({ connectionString: suite.db.url });
    await client.connect();
    await client.query(`insert into mart_stripe_payments (charge_id, created_at, amount, currency, status) values ('ch_fresh', now() - interval '14 minutes', 500, 'usd', 'succeeded')`);
    await client.query(`insert into mart_stripe_payments_daily select d::date, 'usd', 0, 0, 0, 0, 0, 0, 0, 0
      from generate_series((select max(date) from mart_stripe_payments_daily) + 1, current_date, interval '1 day') d`);
    await client.end();
    await page.click('[data-refresh-all]');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-freshness-warning]')?.hidden === true, null, { timeout: 15_000 });
    expect(await page.textContent('[data-data-age]')).toMatch(/^Newest charge 14 min ago · fetched just now$/);
    await page.screenshot({ path: join(ARTIFACTS, 'freshness-fresh-light.png'), clip: { x: 0, y: 0, width: 1280, height: 160 } });
    await context.close();
  });
});
