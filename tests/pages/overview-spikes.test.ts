/**
 * Failure-spike episodes on the Overview, in Chromium against the Node build: the synthetic marts
 * of tests/alerts (two usd spikes on 2026-03-09 and 2026-03-10) shaded on the daily chart and
 * listed with links to the explorer. Screenshots (light, dark, 390 px) go to tests/artifacts.
 */
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCharges } from '../alerts/support/spike-fixture.ts';
import { openOverviewPage } from './support/overview-page.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';

const PASSWORD = 'overview-spikes-password';
const SPIKES = '/?from=2026-03-01&to=2026-03-10&currency=usd';
const QUIET = '/?from=2026-03-01&to=2026-03-08&currency=usd';
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite(fixtureCharges(), { password: PASSWORD });
}, 240_000);

afterAll(() => suite?.stop());

function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US', timezoneId: 'UTC', storageState: { cookies: suite.session.cookies, origins: [] }, ...options });
}

/**
 * Where the revenue chart paints the spike strip along the top of its plot: the runs of columns
 * of that colour, as fractions of the plot's width (uPlot's .u-over covers the plot exactly).
 */
async function spikeStripRuns(page: Page): Promise<{ from: number; to: number }[]> {
  return page.$eval('[data-section="revenue"] .uplot', (chart) => {
    const canvas = chart.querySelector('canvas')!;
    const over = chart.querySelector<HTMLElement>('.u-over')!.getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const ratio = canvas.width / box.width;
    const spike = getComputedStyle(document.documentElement).getPropertyValue('--chart-spike').trim();
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = spike;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
    const left = Math.round((over.left - box.left) * ratio);
    const width = Math.round(over.width * ratio);
    const y = Math.round((over.top - box.top) * ratio) + 1;
    const row = canvas.getContext('2d')!.getImageData(left, y, width, 1).data;
    const runs: { from: number; to: number }[] = [];
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && Math.abs(row[x * 4]! - r!) < 12 && Math.abs(row[x * 4 + 1]! - g!) < 12 && Math.abs(row[x * 4 + 2]! - b!) < 12;
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        runs.push({ from: start / width, to: x / width });
        start = -1;
      }
    }
    return runs;
  });
}

describe('failure spikes on the Overview', () => {
  it('shades the spike days on the daily chart and lists each episode with a link to its day in the explorer', async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, suite.server.url + SPIKES);
    const items = page.locator('[data-section="spikes"] .spike');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).locator('a').getAttribute('href')).toBe('/payments?status=failed&from=2026-03-09&to=2026-03-09&currency=usd');
    expect(await items.nth(1).locator('a').getAttribute('href')).toBe('/payments?status=failed&from=2026-03-10&to=2026-03-10&currency=usd');
    const first = (await items.nth(0).innerText()).replace(/\s+/g, ' ');
    expect(first).toContain('Mar 9, 10:30 – 15:00');
    expect(first).toContain('23.2% failed vs 5.0% usual');
    expect(first).toContain('processing_error');
    expect(first).toContain('204 of 880 attempts');
    // Ten days on the axis, the last two shaded (one run: the spikes are on neighbouring days).
    await page.waitForTimeout(200);
    const runs = await spikeStripRuns(page);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.from).toBeCloseTo(0.8, 1);
    expect(runs[0]!.to).toBeCloseTo(1, 1);
    expect(await page.getAttribute('[data-section="revenue"] [aria-label]', 'aria-label')).toContain('failure spikes shaded on');
    // The link opens the explorer on that day's failed usd payments.
    await items.nth(0).locator('a').click();
    await page.waitForURL(/\/payments\?/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-03-09');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('marks nothing on a range without spikes', async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, suite.server.url + QUIET);
    await expect.poll(() => page.locator('[data-section="spikes"] .empty-note').innerText()).toBe('No failure spikes in this range.');
    await page.waitForTimeout(200);
    expect(await spikeStripRuns(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('screenshots: light, dark, 390 px', async () => {
    for (const [variant, options, scheme] of [['light', {}, 'light'], ['dark', {}, 'dark'], ['phone', PHONE, 'light']] as const) {
      const context = await newContext({ ...options, colorScheme: scheme });
      const { page, errors } = await openOverviewPage(context, suite.server.url + SPIKES);
      await page.waitForTimeout(300);
      if (variant === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect((await spikeStripRuns(page)).length, variant).toBe(1);
      await page.locator('[data-section="revenue"]').screenshot({ path: join(ARTIFACTS, `overview-spikes-chart-${variant}.png`) });
      await page.locator('[data-section="spikes"]').screenshot({ path: join(ARTIFACTS, `overview-spikes-list-${variant}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
