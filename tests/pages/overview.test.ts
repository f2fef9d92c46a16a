/**
 * The Overview in a real browser (Debian's chromium through playwright-core) against the Node
 * build on known data: 6,000 generated charges in three currencies over the 100 days ending now
 * (the server's clock is real, so every range here is relative to today, in UTC, the reporting
 * zone of this build and server). Every number on screen is checked against the API's own answer
 * for the same query, formatted by the same code the page uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { addDays, todayIn } from '../../src/contract/calendar-date.ts';
import type { BreakdownResponse, KpisResponse } from '../../src/contract/overview.ts';
import { KPI_SPECS, PER_PAYMENT_SPEC, describeKpiChange, formatKpiValue } from '../../src/islands/overview/kpi-format.ts';
import { breakdownModel } from '../../src/islands/overview/breakdown-view.ts';
import { formatCount, formatPercent, formatPoints } from '../../src/ui/format.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';

const PASSWORD = 'overview-test-password';
const LOCALE = 'en-US';
const SECTIONS = ['kpis', 'revenue', 'failures', 'recovery', 'top-failures', 'breakdown'] as const;
/** Gzipped JavaScript the Overview may load (preact + uPlot are ~26 KB of it). */
const BUDGET_BYTES = 45_000;

const TODAY = todayIn('UTC');
const LAST_30 = { from: addDays(TODAY, -29), to: TODAY };
const LAST_7 = { from: addDays(TODAY, -6), to: TODAY };
const CUSTOM = { from: addDays(TODAY, -60), to: addDays(TODAY, -46) };

let suite: BrowserSuite;
let context: BrowserContext;

beforeAll(async () => {
  suite = await startBrowserSuite(generateCharges({ charges: 6_000, endDate: new Date(), days: 100, seed: 5 }), { password: PASSWORD });
}, 240_000);

beforeEach(async () => {
  context = await newContext();
});

afterEach(async () => {
  await context.close();
});

function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: LOCALE, timezoneId: 'UTC', storageState: { cookies: suite.session.cookies, origins: [] }, ...options });
}

afterAll(() => suite?.stop());

interface WatchedPage {
  page: Page;
  /** Console errors and uncaught exceptions (CSP violations land here too). */
  errors: string[];
}

async function openOverview(query: string, options: { context?: BrowserContext } = {}): Promise<WatchedPage> {
  const page = await (options.context ?? context).newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(`${suite.server.url}/${query}`);
  await waitForSections(page);
  return { page, errors };
}

/** Every section finished loading (or failed); resolves to the page's clock (ms since navigation) at that moment. */
async function waitForSections(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    (ids) => ids.every((id) => ['ready', 'error'].includes(document.querySelector(`[data-section="${id}"]`)?.getAttribute('data-state') ?? '')) && performance.now(),
    [...SECTIONS],
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(suite.server.url + path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** The four KPI cards as the page shows them. */
async function shownKpis(page: Page): Promise<Record<string, { value: string; change: string }>> {
  return page.$$eval('[data-kpi]', (cards) => Object.fromEntries(cards.map((card) => [
    card.getAttribute('data-kpi'),
    { value: card.querySelector('[data-kpi-value]')?.textContent ?? '', change: card.querySelector('[data-kpi-change]')?.textContent ?? '' },
  ])));
}

/** The KPI cards the API's answer should produce, formatted by the page's own code. */
function expectedKpis(kpis: KpisResponse): Record<string, { value: string; change: string }> {
  return Object.fromEntries(KPI_SPECS.map((spec) => {
    const kpi = kpis.kpis[spec.name];
    return [spec.name, { value: formatKpiValue(spec, kpi.value, kpis.currency!, LOCALE), change: describeKpiChange(spec, kpi, LOCALE)?.text ?? 'No previous data' }];
  }));
}

async function expectKpisMatchApi(page: Page, range: { from: string; to: string }, currency?: string): Promise<KpisResponse> {
  const kpis = await api<KpisResponse>(page, `/api/overview/kpis?from=${range.from}&to=${range.to}${currency ? `&currency=${currency}` : ''}`);
  expect(kpis.range).toEqual(range);
  const expected = expectedKpis(kpis);
  await page.waitForFunction((want) => {
    const cards = [...document.querySelectorAll('[data-kpi]')];
    return cards.length === 4 && cards.every((card) => card.querySelector('[data-kpi-value]')?.textContent === want[card.getAttribute('data-kpi') ?? '']?.value);
  }, expected, { timeout: 10_000 }).catch(() => undefined);
  expect(await shownKpis(page)).toEqual(expected);
  return kpis;
}

function query(range: { from: string; to: string }): string {
  return `?from=${range.from}&to=${range.to}`;
}

describe('Overview page', () => {
  it('shows the API’s four KPIs, formatted in the currency’s own digits, with the change vs the previous period', async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    const kpis = await expectKpisMatchApi(page, LAST_30);
    expect(kpis.currency).toBe('usd');
    expect(kpis.kpis.grossRevenue.value).toBeGreaterThan(0);
    expect((await shownKpis(page)).grossRevenue!.value).toMatch(/^\$[\d,]+\.\d\d$/);
    // Every section rendered its content, none its error.
    for (const id of SECTIONS) expect(await page.getAttribute(`[data-section="${id}"]`, 'data-state'), id).toBe('ready');
    // The previous period is named (visible and on hover) and the change has an arrow and a sign.
    const change = page.locator('[data-kpi="grossRevenue"] .kpi-card__change');
    expect(await change.getAttribute('title')).toMatch(/^Previous period, .+: \$[\d,]+\.\d\d$/);
    expect(await change.textContent()).toMatch(/^[▲▼▶] [+-]?[\d.]+%( \((better|worse)\))? vs /);
    // More failed revenue is bad, more gross revenue good; colour follows, but never alone.
    const sentiment = (name: string) => page.getAttribute(`[data-kpi="${name}"] .kpi-card__change`, 'data-sentiment');
    const direction = (value: number | null) => (value == null || Math.abs(value) < 0.0005 ? 'neutral' : value > 0);
    const failed = direction(kpis.kpis.failedRevenue.change);
    expect(await sentiment('failedRevenue')).toBe(failed === 'neutral' ? 'neutral' : failed ? 'bad' : 'good');
    const gross = direction(kpis.kpis.grossRevenue.change);
    expect(await sentiment('grossRevenue')).toBe(gross === 'neutral' ? 'neutral' : gross ? 'good' : 'bad');
    expect(await sentiment('attempts')).toBe('neutral');
    // Sections say how old their data is.
    expect(await page.textContent('[data-section="kpis"] .card__age')).toBe('updated just now');
    expect(await page.textContent('[data-data-age]')).toMatch(/^Newest charge .+ · fetched just now$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the success rate per attempt and per payment, and says what each means on hover and on focus', async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    const kpis = await expectKpisMatchApi(page, LAST_30);
    const unique = kpis.kpis.uniqueSuccessRate!;
    expect(unique.value).toBeGreaterThan(kpis.kpis.successRate.value!); // retries recover payments
    const card = page.locator('[data-kpi="successRate"]');
    expect(await card.locator('[data-kpi-unique]').textContent()).toBe(formatKpiValue(PER_PAYMENT_SPEC, unique.value, 'usd', LOCALE));
    const line = (await card.locator('.kpi-card__value').textContent())! + (await card.locator('.kpi-card__also').textContent())!;
    expect(line).toMatch(/^\d+\.\d% of attempts· \d+\.\d% of payments \([+-]?\d+\.\d pts/);
    const tooltip = card.locator('[role="tooltip"]');
    expect(await tooltip.isVisible()).toBe(false);
    await card.locator('.kpi-card__info').hover();
    await tooltip.waitFor({ state: 'visible' });
    await page.mouse.move(0, 0);
    await tooltip.waitFor({ state: 'hidden' });
    await card.locator('.kpi-card__info').focus();
    await tooltip.waitFor({ state: 'visible' });
    expect(await tooltip.textContent()).toMatch(/Per attempt counts every charge, retries included; per payment counts each payment once/);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-success-rate-tooltip.png'), clip: { x: 0, y: 0, width: 1280, height: 420 } });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('breaks the success rate down by a dimension kept in the URL, and opens a value’s payments in the explorer', { timeout: 60_000 }, async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    const section = page.locator('[data-section="breakdown"]');
    const expectRowsMatchApi = async (by: string) => {
      const data = await api<BreakdownResponse>(page, `/api/overview/breakdown?from=${LAST_30.from}&to=${LAST_30.to}&by=${by}`);
      expect(data.by).toBe(by);
      const kpis = await api<KpisResponse>(page, `/api/overview/kpis?from=${LAST_30.from}&to=${LAST_30.to}`);
      const model = breakdownModel(data, LAST_30, { previousAttempts: kpis.kpis.attempts.previous, locale: LOCALE });
      const expected = model.bars.map((bar) => [bar.label, bar.measure === null ? '—' : formatPercent(bar.measure, { locale: LOCALE }), formatCount(bar.attempts, { locale: LOCALE }), bar.change === null ? '—' : formatPoints(bar.change, { locale: LOCALE }), bar.tooSmall]);
      await page.waitForFunction((n) => document.querySelectorAll('[data-section="breakdown"] tbody tr').length === n && document.querySelector('[data-section="breakdown"]')?.getAttribute('data-state') === 'ready', expected.length);
      const shown = await section.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [
        row.querySelector('th')!.firstElementChild!.textContent,
        row.querySelector('[data-measure]')!.textContent,
        row.querySelector('td[data-label="Attempts"]')!.textContent,
        row.querySelector('[data-change]')!.textContent,
        row.getAttribute('data-too-small') === 'true',
      ]));
      expect(shown).toEqual(expected);
      return { data, model };
    };

    // Card brand by default; the demo's few brands each have enough attempts to read.
    expect(await page.inputValue('#breakdown-by')).toBe('card_brand');
    const brands = await expectRowsMatchApi('card_brand');
    expect(brands.model.bars.length).toBeGreaterThan(2);

    // Another dimension: in the URL, on screen, and undone by the back button.
    await page.selectOption('#breakdown-by', 'card_country');
    await page.waitForURL((url) => url.searchParams.get('by') === 'card_country' && url.searchParams.get('from') === LAST_30.from);
    const countries = await expectRowsMatchApi('card_country');
    // The long tail of countries has values with too few attempts to trust, and they say so.
    expect(countries.model.bars.some((bar) => bar.tooSmall)).toBe(true);
    expect(await section.locator('tr[data-too-small="true"] .low-volume').first().textContent()).toMatch(/±\d+ pts/);
    await page.emulateMedia({ colorScheme: 'light' });
    await section.screenshot({ path: join(ARTIFACTS, 'overview-breakdown-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await section.screenshot({ path: join(ARTIFACTS, 'overview-breakdown-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('by'));
    expect(await page.inputValue('#breakdown-by')).toBe('card_brand');
    await page.goForward();
    await page.waitForURL((url) => url.searchParams.get('by') === 'card_country');
    await expectRowsMatchApi('card_country');

    // Failure categories are drawn as their share of attempts.
    await page.selectOption('#breakdown-by', 'failure_category');
    await page.waitForURL((url) => url.searchParams.get('by') === 'failure_category');
    await expectRowsMatchApi('failure_category');
    expect(await section.locator('thead').textContent()).toContain('Share of attempts');
    await section.screenshot({ path: join(ARTIFACTS, 'overview-breakdown-categories.png') });

    // A reload keeps the dimension; a row opens the explorer on exactly its payments.
    await page.selectOption('#breakdown-by', 'card_country');
    await page.waitForURL((url) => url.searchParams.get('by') === 'card_country');
    await page.reload();
    await waitForSections(page);
    expect(await page.inputValue('#breakdown-by')).toBe('card_country');
    const first = countries.data.rows.find((row) => row.value !== null)!;
    await section.locator(`tr[data-value="${first.value}"] th a`).click();
    await page.waitForURL((url) => url.pathname === '/payments' && url.searchParams.get('country') === first.value);
    const explorer = new URL(page.url()).searchParams;
    expect(Object.fromEntries(explorer)).toEqual({ from: LAST_30.from, to: LAST_30.to, currency: 'usd', country: first.value });
    await page.locator('.payments-count', { hasText: `Showing ${first.attempts.toLocaleString('en-US')} payments` }).waitFor();
    expect(await page.inputValue('#payments-country')).toBe(first.value);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('offers the data’s currencies and shows JPY without decimals', async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    const options = await page.$$eval('#currency-choice option', (list) => list.map((o) => (o as HTMLOptionElement).value));
    expect(options).toEqual(['eur', 'jpy', 'usd']);
    await page.selectOption('#currency-choice', 'jpy');
    await page.waitForURL((url) => url.searchParams.get('currency') === 'jpy');
    await waitForSections(page);
    const kpis = await expectKpisMatchApi(page, LAST_30, 'jpy');
    expect(kpis.currency).toBe('jpy');
    expect((await shownKpis(page)).grossRevenue!.value).toMatch(/^¥[\d,]+$/);
    const firstAmount = await page.textContent('[data-section="top-failures"] tbody td.num:nth-child(4)');
    expect(firstAmount).toMatch(/^¥[\d,]+$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('draws both charts on their canvases', async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    // uPlot draws once its box is measured, a frame or two after the data arrives.
    await page.waitForSelector('[data-section="revenue"] canvas');
    await page.waitForSelector('[data-section="recovery"] canvas');
    await page.waitForTimeout(100);
    const painted = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const rgb = (name: string) => {
        const probe = document.createElement('canvas').getContext('2d')!;
        probe.fillStyle = root.getPropertyValue(name).trim();
        probe.fillRect(0, 0, 1, 1);
        return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      // Pixels of the series' own colour: axes and grid alone would not count.
      const count = (selector: string, colour: number[]) => {
        const canvas = document.querySelector<HTMLCanvasElement>(selector);
        if (!canvas || canvas.width === 0) return 0;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3]! > 200 && Math.abs(data[i]! - colour[0]!) < 12 && Math.abs(data[i + 1]! - colour[1]!) < 12 && Math.abs(data[i + 2]! - colour[2]!) < 12) n++;
        }
        return n;
      };
      return {
        revenueBars: count('[data-section="revenue"] canvas', rgb('--chart-revenue')),
        successLine: count('[data-section="revenue"] canvas', rgb('--chart-rate')),
        recoveryLine: count('[data-section="recovery"] canvas', rgb('--chart-recovery')),
      };
    });
    expect(painted.revenueBars).toBeGreaterThan(2_000);
    expect(painted.successLine).toBeGreaterThan(200);
    expect(painted.recoveryLine).toBeGreaterThan(200);
    // The legend names both series on the shared chart; the recovery chart marks maturing days.
    expect(await page.textContent('[data-section="revenue"] .u-legend')).toMatch(/Revenue.*Success rate/);
    expect(await page.textContent('[data-section="recovery"] .u-legend')).toContain('Still maturing');
    expect(await page.textContent('[data-section="recovery"] .chart-note')).toMatch(/still maturing/);
    // Hovering shows the day's values in the legend. Yesterday, not today: just after midnight
    // UTC today has no charges yet, and its legend rightly shows no success rate.
    const plot = page.locator('[data-section="revenue"] .u-over');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * (1 - 1.5 / 30), box.y + box.height / 2);
    expect(await page.textContent('[data-section="revenue"] .u-legend')).toMatch(/\$[\d,]+\.\d\d.*\d+\.\d%/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('follows a range change in the URL and the numbers, and the back button', async () => {
    const { page, errors } = await openOverview(query(LAST_30));
    const before = await expectKpisMatchApi(page, LAST_30);
    await page.selectOption('#range-choice', 'last-7');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last-7' && !url.searchParams.has('from'));
    await waitForSections(page);
    const after = await expectKpisMatchApi(page, LAST_7);
    expect(after.kpis.attempts.value).not.toBe(before.kpis.attempts.value);
    expect(await page.textContent('.overview__period')).toContain('compared with');
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('from') === LAST_30.from);
    expect(await page.inputValue('#range-choice')).toBe('custom');
    await expectKpisMatchApi(page, LAST_30);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('restores a custom range on reload and remembers it as the default', async () => {
    const { page, errors } = await openOverview('?range=last-90');
    await page.selectOption('#range-choice', 'custom');
    await page.fill('#range-from', CUSTOM.from);
    await page.fill('#range-to', CUSTOM.to);
    await page.click('.range-picker__apply');
    await page.waitForURL((url) => url.searchParams.get('from') === CUSTOM.from && url.searchParams.get('to') === CUSTOM.to);
    await waitForSections(page);
    await expectKpisMatchApi(page, CUSTOM);
    await page.reload();
    await waitForSections(page);
    expect(await page.inputValue('#range-choice')).toBe('custom');
    expect(await page.inputValue('#range-from')).toBe(CUSTOM.from);
    expect(await page.inputValue('#range-to')).toBe(CUSTOM.to);
    await expectKpisMatchApi(page, CUSTOM);
    // The bare page opens on the remembered choice and puts it in the URL to share, with the
    // currency the API chose for it.
    await page.goto(`${suite.server.url}/`);
    await waitForSections(page);
    await page.waitForURL((url) => url.searchParams.has('currency'));
    expect(new URL(page.url()).search).toBe(`?range=custom&from=${CUSTOM.from}&to=${CUSTOM.to}&currency=usd`);
    await expectKpisMatchApi(page, CUSTOM);
    // A start after the end is refused in words, without a request.
    await page.fill('#range-from', CUSTOM.to);
    await page.fill('#range-to', CUSTOM.from);
    await page.click('.range-picker__apply');
    expect(await page.textContent('#range-problem')).toBe('The start date must be on or before the end date.');
    expect(new URL(page.url()).searchParams.get('from')).toBe(CUSTOM.from);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows one failing section’s error while the others render, and Retry recovers it', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // The browser itself reports the injected 503; anything else is a real error.
      if (message.type() === 'error' && !/status of 503/.test(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const message = 'The database is not reachable right now. Please try again in a moment.';
    await page.route('**/api/overview/failures?**', (route) => route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'database_unavailable', message }),
    }));
    await page.goto(`${suite.server.url}/${query(LAST_30)}`);
    await waitForSections(page);
    const failures = page.locator('[data-section="failures"]');
    expect(await failures.getAttribute('data-state')).toBe('error');
    expect(await failures.locator('[role="alert"]').textContent()).toContain(message);
    for (const id of SECTIONS.filter((s) => s !== 'failures')) expect(await page.getAttribute(`[data-section="${id}"]`, 'data-state'), id).toBe('ready');
    // Same size as the loaded section: an error does not move the rest of the page.
    const errorHeight = await failures.locator('.section__body').evaluate((el) => el.getBoundingClientRect().height);
    await page.unroute('**/api/overview/failures?**');
    await failures.getByRole('button', { name: 'Retry' }).click();
    await page.waitForFunction(() => document.querySelector('[data-section="failures"]')?.getAttribute('data-state') === 'ready');
    expect(await failures.locator('tbody tr').count()).toBeGreaterThan(2);
    expect(await failures.locator('.section__body').evaluate((el) => el.getBoundingClientRect().height)).toBe(errorHeight);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Refresh clears the server cache and reloads every section past the browser cache', async () => {
    const { page, errors } = await openOverview(query(LAST_7));
    const requests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${request.method()} ${url.pathname}`);
    });
    const generatedBefore = await page.getAttribute('[data-section="kpis"] .card__age time', 'datetime');
    await page.click('[data-refresh-all]');
    await page.waitForFunction(() => document.querySelector('[data-refresh-status]')?.textContent === 'Data refreshed');
    expect(requests[0]).toBe('POST /api/refresh');
    expect(requests.slice(1).sort()).toEqual(['GET /api/filters', 'GET /api/freshness', 'GET /api/overview/alerts', 'GET /api/overview/breakdown', 'GET /api/overview/daily', 'GET /api/overview/failures', 'GET /api/overview/kpis', 'GET /api/overview/recovery', 'GET /api/overview/retry-hygiene', 'GET /api/overview/top-failures']);
    const generatedAfter = await page.getAttribute('[data-section="kpis"] .card__age time', 'datetime');
    expect(Date.parse(generatedAfter!)).toBeGreaterThan(Date.parse(generatedBefore!));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works with the keyboard', async () => {
    const { page, errors } = await openOverview('?range=last-30');
    // The skip link is the first stop and lands on the main content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    // The range select changes with the arrow keys.
    await page.focus('#range-choice');
    await page.keyboard.press('ArrowUp');
    await page.waitForURL((url) => url.searchParams.get('range') === 'last-7');
    await waitForSections(page);
    await expectKpisMatchApi(page, LAST_7);
    // Charts read out a day at a time.
    await page.focus('[data-section="revenue"] .chart__plot');
    // The last day but one: today may not have a charge yet (see the hover above).
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const spoken = await page.textContent('[data-section="revenue"] [aria-live]');
    expect(spoken).toMatch(/: revenue \$[\d,]+\.\d\d, success rate [\d.]+%, \d+ attempts\.$/);
    expect(await page.textContent('[data-section="revenue"] .u-legend')).toMatch(/\$[\d,]+\.\d\d/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('loads without layout shift and under a strict CSP with no inline scripts', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: { value: number; nodes: string[] }[] };
      w.shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources: { node?: Node }[] })[]) {
          if (entry.hadRecentInput) continue;
          w.shifts.push({ value: entry.value, nodes: entry.sources.map((source) => (source.node instanceof Element ? `${source.node.tagName}.${source.node.className}` : String(source.node?.nodeName))) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    // A fresh context: nothing cached, as on a first visit.
    const response = await page.goto(`${suite.server.url}/${query(LAST_30)}`);
    const ready = await waitForSections(page);
    const navigation = await page.evaluate(() => performance.getEntriesByType('navigation')[0]!.toJSON() as { responseEnd: number; domContentLoadedEventEnd: number });
    console.info(`cold load: HTML ${navigation.responseEnd.toFixed(0)} ms, DOMContentLoaded ${navigation.domContentLoadedEventEnd.toFixed(0)} ms, every section drawn ${ready.toFixed(0)} ms`);
    await page.waitForTimeout(300);
    const shifts = await page.evaluate(() => (window as unknown as { shifts: { value: number; nodes: string[] }[] }).shifts);
    expect(shifts.reduce((sum, shift) => sum + shift.value, 0), JSON.stringify(shifts)).toBeLessThan(0.01);
    const csp = response!.headers()['content-security-policy'] ?? '';
    const html = await response!.text();
    if (csp) {
      const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? csp.split(';').find((d) => d.trim().startsWith('default-src'));
      expect(scriptSrc).toBeDefined();
      expect(scriptSrc).not.toContain('unsafe-inline');
    }
    expect(html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/g) ?? []).toEqual([]);
    await page.close();
  });

  it('has no serious or critical accessibility violations, light or dark', { timeout: 90_000 }, async () => {
    // axe is injected as a script, which the page's CSP rightly forbids: this context bypasses it.
    const axeContext = await newContext({ bypassCSP: true });
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page } = await openOverview(query(LAST_30), { context: axeContext });
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(200);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), colorScheme).toEqual([]);
      await page.close();
    }
    await axeContext.close();
  });

  it('saves screenshots in light, dark and on a phone (tests/artifacts)', { timeout: 90_000 }, async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, errors } = await openOverview(query(LAST_30));
      await page.emulateMedia({ colorScheme });
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(ARTIFACTS, `overview-${colorScheme}.png`), fullPage: true });
      await page.screenshot({ path: join(ARTIFACTS, `overview-${colorScheme}-1280x800.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
    const phone = await newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const { page, errors } = await openOverview(query(LAST_30), { context: phone });
    // Nothing wider than the screen: the page never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-phone.png'), fullPage: true });
    await page.locator('[data-section="breakdown"]').screenshot({ path: join(ARTIFACTS, 'overview-breakdown-phone.png') });
    expect(errors).toEqual([]);
    await phone.close();
  });

  it(`loads at most ${BUDGET_BYTES.toLocaleString('en-US')} bytes of JavaScript, gzipped`, async () => {
    const measured = await measureOverviewJavaScript();
    const report = measured.files.map((file) => `${file.url}: ${(file.gzip / 1000).toFixed(1)} KB`).join('\n');
    console.info(`overview page JavaScript: ${(measured.total / 1000).toFixed(1)} KB gzipped\n${report}`);
    // It really loads the app (preact + uPlot): a budget met by shipping nothing proves nothing.
    expect(measured.files.length).toBeGreaterThan(1);
    expect(measured.files.map((file) => file.code).join('\n')).toContain('u-legend');
    expect(measured.total, report).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});

/**
 * Every JavaScript file the page makes the browser load, as served: the HTML's <script src>,
 * Astro islands' component-url / renderer-url / before-hydration-url, modulepreload links, and
 * everything those files import, statically or dynamically. Inline scripts count too.
 */
async function measureOverviewJavaScript(): Promise<{ total: number; files: { url: string; gzip: number; code: string }[] }> {
  const cookies = suite.session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const get = async (path: string) => {
    const response = await fetch(suite.server.url + path, { headers: { cookie: cookies } });
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const html = await get('/');
  const files: { url: string; gzip: number; code: string }[] = [];
  for (const [, code] of html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    if (code!.trim()) files.push({ url: 'inline', gzip: gzipSync(code!).length, code: code! });
  }
  const queue = [
    ...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g),
    ...html.matchAll(/<astro-island\b[^>]*\b(?:component|renderer|before-hydration)-url="([^"]+)"/g),
    ...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g),
  ].map((match) => match[1]!.replace(/&amp;/g, '&'));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const url = new URL(queue.shift()!, suite.server.url).pathname;
    if (seen.has(url)) continue;
    seen.add(url);
    const code = await get(url);
    files.push({ url, gzip: gzipSync(code).length, code });
    for (const match of code.matchAll(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)) {
      const specifier = match[1] ?? match[2];
      if (specifier && (specifier.startsWith('.') || specifier.startsWith('/'))) queue.push(new URL(specifier, suite.server.url + url).pathname);
    }
  }
  return { total: files.reduce((sum, file) => sum + file.gzip, 0), files };
}
