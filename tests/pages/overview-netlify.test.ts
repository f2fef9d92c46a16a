/**
 * The Overview on the Netlify variant (`netlify serve --offline`: the prerendered page, Functions
 * for the API, the edge function guarding both): logged in through the form, every section
 * renders the API's data, the charts are drawn, and nothing is blocked by the page's CSP. The full
 * behaviour is tested on the Node build (overview.test.ts); this proves the other deploy target.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { addDays, todayIn } from '../../src/contract/calendar-date.ts';
import type { KpisResponse } from '../../src/contract/overview.ts';
import { KPI_SPECS, formatKpiValue } from '../../src/islands/overview/kpi-format.ts';
import { launchChromium, loginInBrowser } from '../helpers/login.ts';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

const PASSWORD = 'overview-netlify-test-password';
const SECRET = 'overview-netlify-test-secret-0123456789abcdef';
const TODAY = todayIn('UTC');
const RANGE = `from=${addDays(TODAY, -29)}&to=${TODAY}`;
const SECTIONS = ['kpis', 'revenue', 'failures', 'recovery', 'top-failures'];

let db: ScratchDatabase;
let site: NetlifyServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  db = await createMartDatabase(generateCharges({ charges: 2_000, endDate: new Date(), days: 60, seed: 7 }));
  site = await startNetlifyServer({ env: { DATABASE_URL: db.url, DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page.on('console', (message) => {
    if (message.type() === 'error' && !new URL(page.url()).pathname.startsWith('/login')) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await db?.drop();
});

describe('Overview under netlify serve --offline', () => {
  it('renders every section from the API, draws the charts, and keeps to the CSP', { timeout: 60_000 }, async () => {
    expect(await loginInBrowser(page, site.url, PASSWORD, `/?${RANGE}`)).toBe(200);
    await page.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-section="${id}"]`)?.getAttribute('data-state') === 'ready'),
      SECTIONS,
      { timeout: 30_000 },
    );
    const response = await page.request.get(`${site.url}/api/overview/kpis?${RANGE}`);
    expect(response.status()).toBe(200);
    const kpis = (await response.json()) as KpisResponse;
    const shown = await page.$$eval('[data-kpi]', (cards) => Object.fromEntries(cards.map((card) => [card.getAttribute('data-kpi'), card.querySelector('[data-kpi-value]')?.textContent])));
    expect(shown).toEqual(Object.fromEntries(KPI_SPECS.map((spec) => [spec.name, formatKpiValue(spec, kpis.kpis[spec.name].value, kpis.currency!, 'en-US')])));
    await page.waitForSelector('[data-section="revenue"] canvas');
    await page.waitForSelector('[data-section="recovery"] canvas');
    expect(await page.locator('[data-section="top-failures"] tbody tr').count()).toBeGreaterThan(0);
    // The page's scripts are files (no inline code for the CSP to allow), and nothing was blocked.
    const html = await (await page.request.get(`${site.url}/?${RANGE}`)).text();
    expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
