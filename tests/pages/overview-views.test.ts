/**
 * What a new user trips over on the Overview (issue 18), in Chromium against the Node build: cards
 * that clip their rows, time axes of short and empty ranges. Known data: 15,000 generated charges
 * in three currencies over the 100 days ending now (UTC is the reporting zone). Screenshots of
 * each state go to tests/artifacts (light, dark, 390 px) to be looked at.
 */
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { addDays, todayIn } from '../../src/contract/calendar-date.ts';
import { formatDate } from '../../src/ui/date-range.ts';
import type { FailuresResponse } from '../../src/contract/overview.ts';
import { chartAxisLabels, openOverviewPage, recordCanvasText } from './support/overview-page.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';

const PASSWORD = 'overview-views-password';
const LOCALE = 'en-US';
const TODAY = todayIn('UTC');

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite(generateCharges({ charges: 15_000, endDate: new Date(), days: 100, seed: 5 }), { password: PASSWORD });
}, 240_000);

afterAll(() => suite?.stop());

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A fresh context (no remembered view) with the session cookie; canvas text recorded. */
async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: LOCALE, timezoneId: 'UTC', storageState: { cookies: suite.session.cookies, origins: [] }, ...options });
  await recordCanvasText(context);
  return context;
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(suite.server.url + path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Light and dark at 1280 × 800 and a phone, full page, for a person to look at. */
async function screenshots(name: string, query: string, check: (page: Page) => Promise<void> = async () => {}, expectedConsole?: RegExp): Promise<void> {
  for (const [variant, options, scheme] of [['light', {}, 'light'], ['dark', {}, 'dark'], ['phone', PHONE, 'light']] as const) {
    const context = await newContext(options);
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/${query}`);
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(250);
    await check(page);
    if (variant === 'phone') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // No KPI value is cut off with an ellipsis.
    const cut = await page.$$eval('[data-kpi-value]', (values) => values.filter((v) => v.scrollWidth > v.clientWidth).map((v) => v.textContent));
    expect(cut, variant).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, `overview-${name}-${variant}.png`), fullPage: true });
    expect(errors.filter((error) => !expectedConsole?.test(error))).toEqual([]);
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
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/?from=${addDays(TODAY, -3)}&to=${addDays(TODAY, -3)}&currency=usd`);
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

describe('links that ask for something the page cannot show', () => {
  const notice = (page: Page) => page.textContent('[data-url-notice]');
  const search = (page: Page) => new URL(page.url()).searchParams;
  const waitForCurrencyInUrl = (page: Page) => page.waitForURL((url) => url.searchParams.has('currency'));

  it('a start after the end: says so, shows the last 30 days, and corrects the URL', { timeout: 120_000 }, async () => {
    const bad = `?from=${addDays(TODAY, -10)}&to=${addDays(TODAY, -40)}`;
    await screenshots('bad-url', bad, async (page) => {
      expect(await notice(page)).toMatch(/^This link could not be shown as it asked: the start date, .+, is after the end date, .+\. Showing Last 30 days instead\.Dismiss$/);
      await waitForCurrencyInUrl(page);
      expect(search(page).toString()).toBe('range=last-30&currency=usd');
      expect(await page.inputValue('#range-choice')).toBe('last-30');
      expect(await page.inputValue('#range-from')).toBe(addDays(TODAY, -29));
    });
  });

  it('an unknown range name, a made-up currency, one the data lacks: each named, the URL corrected', async () => {
    const context = await newContext();
    let { page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=forever`);
    expect(await notice(page)).toContain('“forever” is not a date range this page offers');
    await waitForCurrencyInUrl(page);
    expect(search(page).get('range')).toBe('last-30');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.locator('[data-url-notice]').count()).toBe(0);
    await page.close();

    ({ page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=last-7&currency=xyz`));
    expect(await notice(page)).toContain('“xyz” is not a currency (an ISO 4217 code such as USD). Showing Last 7 days instead.');
    await waitForCurrencyInUrl(page);
    expect(search(page).toString()).toBe('range=last-7&currency=usd');
    expect(await page.textContent('[data-kpi="grossRevenue"] [data-kpi-value]')).toMatch(/^\$/);
    await page.close();

    // GBP is a currency, but not one these payments are in.
    ({ page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=last-7&currency=gbp`));
    await page.waitForSelector('[data-url-notice]');
    expect(await notice(page)).toContain('there are no payments in GBP (the data has EUR, JPY, USD). Showing Last 7 days instead.');
    await page.waitForURL((url) => url.searchParams.get('currency') === 'usd');
    await page.waitForFunction(() => /^\$/.test(document.querySelector('[data-kpi="grossRevenue"] [data-kpi-value]')?.textContent ?? ''));
    // The API refuses what is not ISO 4217, naming the parameter.
    const refused = await page.request.get(`${suite.server.url}/api/overview/kpis?currency=xyz`);
    expect(refused.status()).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_parameter', param: 'currency' });
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });

  it('a range into the future ends today, and is compared with days that have happened', async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/?from=${addDays(TODAY, -5)}&to=${addDays(TODAY, 20)}&currency=usd`);
    expect(await notice(page)).toContain('the range ran past today, so it now ends today instead of');
    expect(search(page).get('to')).toBe(TODAY);
    expect(await page.inputValue('#range-to')).toBe(TODAY);
    const change = await page.textContent('[data-kpi="grossRevenue"] [data-kpi-change]');
    expect(change).not.toBe('-100.0%');
    // The API, asked directly, ends the range today too.
    expect((await api<{ range: { to: string } }>(page, `/api/overview/kpis?from=${addDays(TODAY, -5)}&to=${addDays(TODAY, 20)}&currency=usd`)).range.to).toBe(TODAY);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a shared link opens in the currency it names, not the one the recipient used last', async () => {
    const context = await newContext();
    let { page } = await openOverviewPage(context, `${suite.server.url}/?range=last-30`);
    await page.selectOption('#currency-choice', 'jpy');
    await page.waitForURL((url) => url.searchParams.get('currency') === 'jpy');
    await page.close();
    // The recipient remembers JPY; the link (as the sender's URL now records) says USD.
    ({ page } = await openOverviewPage(context, `${suite.server.url}/?range=last-30`));
    await waitForCurrencyInUrl(page);
    expect(search(page).get('currency')).toBe('usd');
    expect(await page.inputValue('#currency-choice')).toBe('usd');
    await context.close();
  });

  it('Payments marks a currency the data lacks, and the API says why it refuses one that is not a currency', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${suite.server.url}/payments?currency=xyz`);
    await page.waitForSelector('#payments-currency option:has-text("not in the data")', { state: 'attached' });
    expect(await page.$eval('#payments-currency', (select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('XYZ (not in the data)');
    await page.waitForFunction(() => document.body.textContent?.includes('Currency “xyz” is not one the payments have'));
    await context.close();
  });
});

describe('long ranges and what the figures count', () => {
  it('two years: totals and charts over both, the charge-by-charge sections say their limit', { timeout: 120_000 }, async () => {
    const twoYears = `?from=${addDays(TODAY, -729)}&to=${TODAY}&currency=usd`;
    await screenshots('two-years', twoYears, async (page) => {
      expect(await page.getAttribute('[data-section="kpis"]', 'data-state')).toBe('ready');
      expect(await page.textContent('[data-kpi="attempts"] [data-kpi-value]')).toMatch(/^[\d,]+$/);
      const labels = await chartAxisLabels(page, 'revenue');
      // A month or more apart (on a phone there is room for two or three).
      expect(labels.x.length).toBeGreaterThan(1);
      expect(labels.x.every((label) => /^[A-Z][a-z]{2} \d{4}$/.test(label)), labels.x.join()).toBe(true);
      expect(new Set(labels.x).size).toBe(labels.x.length);
      for (const id of ['failures', 'top-failures']) {
        const section = page.locator(`[data-section="${id}"]`);
        expect(await section.getAttribute('data-state')).toBe('error');
        expect(await section.locator('[role="alert"]').textContent()).toContain('at most 400 days are allowed for this section, which reads charge by charge (totals and charts take up to 3660)');
        // Retrying the same range would be refused again: no Retry to press.
        expect(await section.getByRole('button', { name: 'Retry' }).count()).toBe(0);
      }
    }, /status of 400/);
  });

  it('the success-rate card says it leaves pending payments out, and Attempts that it counts them', async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=last-30&currency=usd`);
    expect(await page.textContent('[data-kpi="successRate"] [data-kpi-hint]')).toBe('pending left out');
    expect(await page.getAttribute('[data-kpi="successRate"] .kpi-card__label', 'title')).toMatch(/pending payments have no outcome yet and are left out, while Attempts counts them/);
    expect(await page.textContent('[data-kpi="attempts"] [data-kpi-hint]')).toBe('pending counted');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('comparison periods', () => {
  it('Month to date is marked in progress and compared with the same days of last month; Previous month with the whole month before', { timeout: 120_000 }, async () => {
    const monthStart = `${TODAY.slice(0, 7)}-01`;
    const lastMonthStart = addDays(monthStart, -1).slice(0, 7) + '-01';
    await screenshots('month-to-date', '?range=month-to-date&currency=usd', async (page) => {
      expect(await page.textContent('[data-in-progress]')).toBe('in progress');
      expect(await page.textContent('.overview__period .muted')).toMatch(/, to the same time$/);
      const kpis = await api<{ previous: { from: string; to: string }; inProgress: boolean }>(page, `/api/overview/kpis?from=${monthStart}&to=${TODAY}&currency=usd`);
      expect(kpis.inProgress).toBe(true);
      expect(kpis.previous.from).toBe(lastMonthStart);
      expect(await page.textContent('.overview__period .muted')).toContain(formatDate(lastMonthStart, { locale: LOCALE, withYear: false }).split(' ')[0]!);
    });
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=previous-month&currency=usd`);
    const lastOfPrevious = addDays(monthStart, -1);
    const kpis = await api<{ range: { from: string; to: string }; previous: { from: string; to: string } }>(page, `/api/overview/kpis?from=${lastMonthStart}&to=${lastOfPrevious}&currency=usd`);
    // The calendar month before: it starts on the 1st and ends the day before the range does.
    expect(kpis.previous.from.endsWith('-01')).toBe(true);
    expect(kpis.previous.to).toBe(addDays(lastMonthStart, -1));
    expect(await page.locator('[data-in-progress]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('views carry across pages', () => {
  const waitForRows = (page: Page) => page.waitForFunction(() => /^Showing [\d,]+ payments?/.test(document.querySelector('[data-showing], .payments-summary')?.textContent?.trim() ?? '') || /Showing [\d,]+ payment/.test(document.body.textContent ?? ''));

  it('Overview (last 7 days, EUR) → Payments opens those dates in EUR, and back', { timeout: 60_000 }, async () => {
    const context = await newContext();
    const { page, errors } = await openOverviewPage(context, `${suite.server.url}/?range=last-7&currency=eur`);
    const week = { from: addDays(TODAY, -6), to: TODAY };
    await page.waitForFunction((want) => document.querySelector<HTMLAnchorElement>('.app-nav a[data-page-path="/payments"]')?.href.endsWith(want), `/payments?from=${week.from}&to=${week.to}&currency=eur`);
    await page.click('.app-nav a[data-page-path="/payments"]');
    await page.waitForURL((url) => url.pathname === '/payments');
    await waitForRows(page);
    expect(await page.inputValue('#payments-from')).toBe(week.from);
    expect(await page.inputValue('#payments-to')).toBe(week.to);
    expect(await page.inputValue('#payments-currency')).toBe('eur');
    // And the link back keeps them: the Overview opens the same dates in EUR.
    await page.click('.app-nav a[data-page-path="/"]');
    await page.waitForURL((url) => url.pathname === '/');
    await waitForOverviewSectionsAgain(page);
    expect(await page.inputValue('#range-from')).toBe(week.from);
    expect(await page.inputValue('#currency-choice')).toBe('eur');
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    await context.close();
  });

  it('a top failure reason and a failure category open the explorer filtered to them, list and CSV alike', { timeout: 90_000 }, async () => {
    const context = await newContext();
    const { page } = await openOverviewPage(context, `${suite.server.url}/?range=last-30&currency=usd`);
    const range = { from: addDays(TODAY, -29), to: TODAY };
    const top = await api<{ rows: { category: string; declineCode: string | null; count: number }[] }>(page, `/api/overview/top-failures?from=${range.from}&to=${range.to}&currency=usd`);
    const first = top.rows[0]!;
    await page.click('[data-section="top-failures"] tbody tr:first-child td.reason a');
    await page.waitForURL((url) => url.pathname === '/payments');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ from: range.from, to: range.to, currency: 'usd', status: 'failed', category: first.category, decline: first.declineCode ?? 'none' });
    await page.waitForFunction((count) => (document.body.textContent ?? '').includes(`Showing ${count.toLocaleString('en-US')} payment`), first.count);
    // The filters are visible: the category in its list, the decline code as a chip that removes it.
    expect(await page.inputValue('#payments-category')).toBe(first.category);
    expect(await page.textContent('[data-filter-chip="decline"]')).toContain(first.declineCode ?? 'none given');
    await page.screenshot({ path: join(ARTIFACTS, 'payments-from-top-failure.png'), fullPage: false });
    // The export (the same filters on /api/payments.csv) holds the same payments.
    const csv = await page.request.get(`${suite.server.url}/api/payments.csv${url.search}`);
    expect(csv.status()).toBe(200);
    expect((await csv.text()).trim().split('\n').length - 1).toBe(first.count);
    await page.click('[data-filter-chip="decline"] button');
    await page.waitForURL((u) => !u.searchParams.has('decline'));
    await page.close();

    const again = await openOverviewPage(context, `${suite.server.url}/?range=last-30&currency=usd`);
    const failures = await api<{ categories: { category: string; count: number }[] }>(again.page, `/api/overview/failures?from=${range.from}&to=${range.to}&currency=usd`);
    await again.page.click('[data-section="failures"] tbody tr:first-child th a');
    await again.page.waitForURL((u) => u.pathname === '/payments' && u.searchParams.get('category') === failures.categories[0]!.category);
    await again.page.waitForFunction((count) => (document.body.textContent ?? '').includes(`Showing ${count.toLocaleString('en-US')} payment`), failures.categories[0]!.count);
    await context.close();
  });
});

async function waitForOverviewSectionsAgain(page: Page): Promise<void> {
  await page.waitForFunction(() => ['kpis', 'revenue'].every((id) => document.querySelector(`[data-section="${id}"]`)?.getAttribute('data-state') === 'ready'));
}
