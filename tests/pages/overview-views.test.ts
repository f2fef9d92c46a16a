/**
 * What a new user trips over on the Overview (issue 18), in Chromium against the Node build: cards
 * that clip their rows, time axes of short and empty ranges. Known data: 15,000 generated charges
 * in three currencies over the 100 days ending now (UTC is the reporting zone). Screenshots of
 * each state go to tests/artifacts (light, dark, 390 px) to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateCharges } from '../../src/seed/generate-charges.ts';
import { addDays, formatDate, todayIn } from '../../src/ui/date-range.ts';
import type { FailuresResponse } from '../../src/islands/overview/api-types.ts';
import { launchChromium, loginInBrowser } from '../helpers/login.ts';
import { PROJECT_ROOT, startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { chartAxisLabels, openOverviewPage, recordCanvasText } from './support/overview-page.ts';

const PASSWORD = 'overview-views-password';
const LOCALE = 'en-US';
const ARTIFACTS = join(PROJECT_ROOT, 'tests/artifacts');
const TODAY = todayIn('UTC');

let db: ScratchDatabase;
let server: RunningServer;
let browser: Browser;
let session: Awaited<ReturnType<BrowserContext['storageState']>>;

beforeAll(async () => {
  db = await createMartDatabase(generateCharges({ charges: 15_000, endDate: new Date(), days: 100, seed: 5 }));
  server = await startNodeServer(inject('nodeBuildDir'), {
    DATABASE_URL: db.url,
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: 'overview-views-session-secret-0123456789abcdef',
    REPORTING_TIMEZONE: 'UTC',
  });
  browser = await launchChromium();
  const loginContext = await browser.newContext({ locale: LOCALE });
  expect(await loginInBrowser(await loginContext.newPage(), server.url, PASSWORD, '/')).toBe(200);
  session = await loginContext.storageState();
  await loginContext.close();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A fresh context (no remembered view) with the session cookie; canvas text recorded. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: LOCALE, timezoneId: 'UTC', storageState: { cookies: session.cookies, origins: [] }, ...options });
  await recordCanvasText(context);
  return context;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(server.url + path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Light and dark at 1280 × 800 and a phone, full page, for a person to look at. */
async function screenshots(name: string, query: string, check: (page: Page) => Promise<void> = async () => {}): Promise<void> {
  for (const [variant, options, scheme] of [['light', {}, 'light'], ['dark', {}, 'dark'], ['phone', PHONE, 'light']] as const) {
    const context = await newContext(options);
    const { page, errors } = await openOverviewPage(context, `${server.url}/${query}`);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(250);
    await check(page);
    if (variant === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // No KPI value is cut off with an ellipsis.
    const cut = await page.$$eval('[data-kpi-value]', (values) => values.filter((v) => v.scrollWidth > v.clientWidth).map((v) => v.textContent));
    expect(cut, variant).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `overview-${name}-${variant}.png`), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  }
}

/** No row of the section's tables is cut off: each lies inside the card and nothing scrolls hidden. */
async function expectNothingClipped(page: Page, section: string): Promise<void> {
  const boxes = await page.$eval(`[data-section="${section}"]`, (card) => {
    const body = card.querySelector('.section__body')!;
    const cardBox = card.getBoundingClientRect();
    const clipped = [card, ...card.querySelectorAll('*')].filter((el) => {
      const style = getComputedStyle(el);
      // (1-px boxes are visually hidden text for screen readers, hidden on purpose)
      return el.clientHeight > 1 && el.scrollHeight > el.clientHeight + 1 && ['hidden', 'clip'].includes(style.overflowY);
    }).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { clipped, cardBottom: cardBox.bottom, bodyBottom: body.getBoundingClientRect().bottom, rows: [...card.querySelectorAll('tbody tr')].map((row) => row.getBoundingClientRect().bottom) };
  });
  expect(boxes.clipped, `${section}: elements hiding overflowing content`).toEqual([]);
  for (const bottom of boxes.rows) expect(bottom).toBeLessThanOrEqual(boxes.bodyBottom + 0.5);
  expect(boxes.bodyBottom).toBeLessThanOrEqual(boxes.cardBottom);
}

describe('cards grow with their content', () => {
  it('Failures by category shows all eight categories of the last 90 days, none clipped', { timeout: 120_000 }, async () => {
    await screenshots('failures-90d', '?range=last-90&currency=usd', async (page) => {
      const failures = await api<FailuresResponse>(page, `/api/overview/failures?from=${addDays(TODAY, -89)}&to=${TODAY}&currency=usd`);
      expect(failures.categories).toHaveLength(8);
      expect(await page.locator('[data-section="failures"] tbody tr').count()).toBe(8);
      expect(await page.locator('[data-section="failures"] tbody tr').last().textContent()).toContain(formatCategory(failures.categories.at(-1)!.category));
      await expectNothingClipped(page, 'failures');
      await expectNothingClipped(page, 'top-failures');
    });
  });
});

function formatCategory(category: string): string {
  return category === 'other' ? 'Other' : category.split('_')[0]!.replace(/^./, (c) => c.toUpperCase());
}

describe('time axes', () => {
  const day = (date: string) => formatDate(date, { locale: LOCALE, withYear: false });

  it('labels each day of the last 7 days once, on both charts, and nothing outside the range', { timeout: 120_000 }, async () => {
    const week = Array.from({ length: 7 }, (_, i) => day(addDays(TODAY, i - 6)));
    await screenshots('last-7', '?range=last-7&currency=usd', async (page) => {
      for (const section of ['revenue', 'recovery']) {
        const labels = await chartAxisLabels(page, section);
        expect(new Set(labels.x).size, `${section}: ${labels.x}`).toBe(labels.x.length);
        expect(labels.x.every((label) => week.includes(label)), `${section}: ${labels.x}`).toBe(true);
        expect(labels.x[0]).toBe(week[0]);
      }
    });
  });

  it('a one-day range shows that one date once', async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, `${server.url}/?from=${addDays(TODAY, -3)}&to=${addDays(TODAY, -3)}&currency=usd`);
    for (const section of ['revenue', 'recovery']) expect((await chartAxisLabels(page, section)).x).toEqual([day(addDays(TODAY, -3))]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a range without payments draws one zero on the money axis and says there is nothing', { timeout: 120_000 }, async () => {
    const empty = `?from=${addDays(TODAY, -160)}&to=${addDays(TODAY, -140)}&currency=jpy`;
    await screenshots('empty-range', empty, async (page) => {
      const labels = await chartAxisLabels(page, 'revenue');
      expect(labels.left).toEqual(['¥0']);
      expect(new Set(labels.right).size).toBe(labels.right.length);
      expect(await page.textContent('[data-section="revenue"] [data-chart-empty]')).toBe('No payments in this range');
    });
  });
});
