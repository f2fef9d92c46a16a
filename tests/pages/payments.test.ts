/**
 * The Payments explorer in a real browser (Debian's chromium through playwright-core) against the
 * Node build on known data: 3,000 generated charges over 90 days ending 2026-06-30 plus one
 * hand-built payment intent retried twice, plus three charges with the longest text each column can hold. Every number on screen is checked against the API's
 * own answer for the same query; the retry history against the fixture.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { launchChromium, loginInBrowser } from '../helpers/login.ts';
import { PROJECT_ROOT, startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

const PASSWORD = 'payments-explorer-test-password';
const FROM = '2026-04-01';
const TO = '2026-06-30';
const RANGE = `from=${FROM}&to=${TO}`;
const ARTIFACTS = join(PROJECT_ROOT, 'tests/artifacts');

/** One payment intent: declined twice, then paid. The test expands the middle attempt. */
const RETRIED: ChargeRow[] = [
  charge({
    charge_id: 'ch_RetryAttemptOne', payment_intent_id: 'pi_RetryJourney', customer_id: 'cus_RetryCustomer', profile_id: 'usr_retry_42',
    created_at: '2026-06-10T08:00:00+00:00', amount: 4900, currency: 'usd', status: 'failed',
    failure_code: 'card_declined', decline_code: 'insufficient_funds', failure_message: 'Your card has insufficient funds.',
    failure_category: 'insufficient_funds', recovery_action: 'retry_eligible',
    card_brand: 'mastercard', card_last4: '4444', card_country: 'GB', funnel: 'renewal', attempt_number: 1,
  }),
  charge({
    charge_id: 'ch_RetryAttemptTwo', payment_intent_id: 'pi_RetryJourney', customer_id: 'cus_RetryCustomer', profile_id: 'usr_retry_42',
    created_at: '2026-06-13T08:00:00+00:00', amount: 4900, currency: 'usd', status: 'failed',
    failure_code: 'card_declined', decline_code: 'do_not_honor', failure_message: 'Your card was declined.',
    failure_category: 'card_declined', recovery_action: 'contact_customer',
    card_brand: 'mastercard', card_last4: '4444', card_country: 'GB', funnel: 'renewal', attempt_number: 2,
  }),
  charge({
    charge_id: 'ch_RetryAttemptThree', payment_intent_id: 'pi_RetryJourney', customer_id: 'cus_RetryCustomer', profile_id: 'usr_retry_42',
    created_at: '2026-06-17T08:00:00+00:00', amount: 4900, currency: 'usd', status: 'succeeded',
    card_brand: 'mastercard', card_last4: '4444', card_country: 'GB', funnel: 'renewal', attempt_number: 3,
  }),
];

/**
 * The widest values each grid column shows: Stripe's largest amount (eight digits of minor units,
 * docs.stripe.com/currencies) in two- and zero-decimal currencies, the longest failure category and
 * card label, a full-length charge id, and a charge with no funnel.
 */
const LONG_CELLS: ChargeRow[] = [
  charge({
    charge_id: 'ch_3LongCellsAuthRequired01', payment_intent_id: 'pi_3LongCellsAuthRequired01', created_at: '2026-05-20T23:59:59+00:00',
    amount: 99_999_999, currency: 'usd', status: 'failed', failure_code: 'authentication_required', decline_code: 'authentication_required',
    failure_category: 'authentication_required', recovery_action: 'authenticate', card_brand: 'diners', card_last4: '3237', funnel: null,
  }),
  charge({
    charge_id: 'ch_3LongCellsIncorrectDet02', created_at: '2026-05-20T22:00:00+00:00',
    amount: 99_999_999, currency: 'jpy', status: 'failed', failure_code: 'incorrect_number', failure_category: 'incorrect_details',
    recovery_action: 'request_card', card_brand: 'mastercard', card_last4: '4444', funnel: 'trial_conversion',
  }),
  charge({
    charge_id: 'ch_3LongCellsSucceededEur03', created_at: '2026-05-20T21:00:00+00:00',
    amount: 99_999_999, currency: 'eur', status: 'succeeded', card_brand: 'unionpay', card_last4: '0005', funnel: 'upgrade',
  }),
];

interface ApiRow { chargeId: string; amount: number; createdAt: string }
interface ApiPage { rows: ApiRow[]; page: number; size: number; total: number; totalCapped: boolean; lastPage: number }

let db: ScratchDatabase;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

/** The session from beforeAll's login through the form carries over. */
async function open(path: string): Promise<void> {
  await page.goto(server.url + path);
  expect(new URL(page.url()).pathname).toBe('/payments');
}

async function api(path: string): Promise<ApiPage> {
  const response = await page.request.get(server.url + path);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as ApiPage;
}

function gridIds(target: Page = page): Promise<string[]> {
  return target.$$eval('.payments-grid .tabulator-tableholder .tabulator-row', (rows) => rows.map((row) => (row as HTMLElement).dataset.chargeId ?? ''));
}

/** Waits until the grid shows exactly `ids` (in order), then asserts it so a failure says what differs. */
async function expectGrid(ids: string[], target: Page = page): Promise<void> {
  await target.waitForFunction(
    (expected) => JSON.stringify([...document.querySelectorAll<HTMLElement>('.payments-grid .tabulator-tableholder .tabulator-row')].map((row) => row.dataset.chargeId)) === expected,
    JSON.stringify(ids),
    { timeout: 10_000 },
  ).catch(() => undefined);
  expect(await gridIds(target)).toEqual(ids);
}

async function expectCount(total: number, capped = false, target: Page = page): Promise<void> {
  const text = `Showing ${total.toLocaleString('en-US')}${capped ? '+' : ''} payment${total === 1 && !capped ? '' : 's'}`;
  await target.locator('.payments-count', { hasText: text }).waitFor({ timeout: 10_000 }).catch(() => undefined);
  expect((await target.locator('.payments-count').textContent())?.trim()).toBe(text);
}

function search(target: Page = page): URLSearchParams {
  return new URL(target.url()).searchParams;
}

async function runAxe(target: Page, label: string): Promise<void> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // evaluate, not a <script> tag: the page's CSP rightly refuses injected scripts.
  await target.evaluate(source);
  const violations = await target.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `${label}: ${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

beforeAll(async () => {
  const rows = [...generateCharges({ charges: 3000, endDate: new Date(`${TO}T18:00:00Z`), days: 90, seed: 6 }), ...RETRIED, ...LONG_CELLS];
  db = await createMartDatabase(rows);
  server = await startNodeServer(inject('nodeBuildDir'), {
    DATABASE_URL: db.url,
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: 'payments-explorer-test-secret-0123456789abcdef',
    REPORTING_TIMEZONE: 'UTC',
  });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // Headless Chromium cannot answer a save dialog: exports take the Blob download (payments-export.test.ts covers both).
  await context.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  page = await context.newPage();
  page.on('console', (message) => {
    // Only this page's: the login page is another feature's (and its browser asks for /favicon.ico).
    if (message.type() !== 'error' || new URL(page.url()).pathname.startsWith('/login')) return;
    consoleErrors.push(`${message.text()} (${message.location().url} on ${page.url()})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
  mkdirSync(ARTIFACTS, { recursive: true });
  expect(await loginInBrowser(page, server.url, PASSWORD, `/payments?${RANGE}`)).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
});

describe('Payments explorer', () => {
  it('shows the first page of the range as the API does, with the reporting zone named', async () => {
    const expected = await api(`/api/payments?${RANGE}&page=1&size=25`);
    expect(expected.total).toBe(3006);
    await expectCount(expected.total);
    await expectGrid(expected.rows.map((row) => row.chargeId));
    await expect(page.locator('.payments-zone').textContent()).resolves.toBe('Times in UTC');
    expect(await page.locator('.tabulator-col[tabulator-field="createdAt"] .tabulator-col-title').textContent()).toBe('Date & time (UTC)');
    // Wall-clock time as the API wrote it, amount in the currency's digits with its code, status in words.
    const first = expected.rows[0]!;
    const firstRow = page.locator('.payments-grid .tabulator-row').first();
    expect(await firstRow.locator('[tabulator-field="createdAt"]').textContent()).toBe(first.createdAt.slice(0, 19).replace('T', ' '));
    expect(await firstRow.locator('.status').textContent()).toMatch(/^. (Succeeded|Failed|Pending)$/);
  });

  it('fits every column to its content at 1280 px: nothing cut off, a missing value shown as —', async () => {
    await open(`/payments?${RANGE}&q=ch_3LongCells`);
    await expectGrid(['ch_3LongCellsAuthRequired01', 'ch_3LongCellsIncorrectDet02', 'ch_3LongCellsSucceededEur03']);
    const clipped = await page.$$eval('.payments-grid .tabulator-cell, .payments-grid .tabulator-col-title', (cells) => cells
      .filter((cell) => cell.scrollWidth > cell.clientWidth)
      .map((cell) => `${cell.getAttribute('tabulator-field') ?? cell.closest('.tabulator-col')?.getAttribute('tabulator-field')}: "${cell.textContent}" ${cell.scrollWidth} > ${cell.clientWidth}`));
    expect(clipped).toEqual([]);
    // And on one line each: the known values fit without wrapping.
    const heights = await page.$$eval('.payments-grid .tabulator-tableholder .tabulator-row', (rows) => rows.map((row) => row.getBoundingClientRect().height));
    expect(Math.max(...heights)).toBeLessThan(48);
    const cells = (id: string) => page.locator(`.payments-grid .tabulator-row[data-charge-id="${id}"] > .tabulator-cell`).allTextContents();
    expect((await cells('ch_3LongCellsAuthRequired01')).slice(1)).toEqual([
      'ch_3LongCellsAuthRequired01', '2026-05-20 23:59:59', '$999,999.99 USD', '✕ Failed', 'Authentication required', 'Diners Club ****3237', '—',
    ]);
    expect((await cells('ch_3LongCellsIncorrectDet02'))[3]).toBe('¥99,999,999 JPY');
    expect((await cells('ch_3LongCellsIncorrectDet02'))[5]).toBe('Incorrect card details');
    expect((await cells('ch_3LongCellsIncorrectDet02'))[7]).toBe('Trial conversion');
    // Nor does the grid scroll sideways: every column is on screen.
    expect(await page.$eval('.payments-grid .tabulator-tableholder', (holder) => holder.scrollWidth <= holder.clientWidth)).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'payments-long-cells-light.png') });
    await open(`/payments?${RANGE}`); // the next tests start from the whole range
    await expectCount(3006);
  });

  it('combines filters (ANDed), keeps them in the URL, and counts and lists what the API returns', async () => {
    await page.selectOption('#payments-status', 'failed');
    await page.selectOption('#payments-currency', 'usd');
    await page.selectOption('#payments-brand', 'visa');
    const expected = await api(`/api/payments?status=failed&${RANGE}&brand=visa&currency=usd&page=1&size=25`);
    expect(expected.total).toBeGreaterThan(25);
    await expectCount(expected.total);
    await expectGrid(expected.rows.map((row) => row.chargeId));
    const params = search();
    expect([params.get('status'), params.get('currency'), params.get('brand'), params.get('from'), params.get('to')]).toEqual(['failed', 'usd', 'visa', FROM, TO]);
    // Every row on screen satisfies all three filters.
    expect(await page.locator('.payments-grid .tabulator-row .status-failed').count()).toBe(expected.rows.length);
    expect(await page.locator('.payments-grid .tabulator-row [tabulator-field="amount"]', { hasText: 'USD' }).count()).toBe(expected.rows.length);
    expect(await page.locator('.payments-grid .tabulator-row [tabulator-field="cardLast4"]', { hasText: /^Visa \*{4}\d{4}$/ }).count()).toBe(expected.rows.length);
  });

  it('goes to page 2 and to the last page', async () => {
    const query = `status=failed&${RANGE}&brand=visa&currency=usd`;
    const first = await api(`/api/payments?${query}&page=1&size=25`);
    await page.getByRole('button', { name: 'Next page' }).click();
    const second = await api(`/api/payments?${query}&page=2&size=25`);
    await expectGrid(second.rows.map((row) => row.chargeId));
    expect(search().get('page')).toBe('2');
    await expect(page.locator('.pager-position').textContent()).resolves.toBe(`Page 2 of ${first.lastPage}`);

    await page.getByRole('button', { name: 'Last page' }).click();
    const last = await api(`/api/payments?${query}&page=${first.lastPage}&size=25`);
    expect(last.rows.length).toBe(first.total - (first.lastPage - 1) * 25);
    await expectGrid(last.rows.map((row) => row.chargeId));
    await expect(page.locator('.pager-position').textContent()).resolves.toBe(`Page ${first.lastPage} of ${first.lastPage}`);
    expect(await page.getByRole('button', { name: 'Next page' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('changes the page size, back to page 1', async () => {
    const query = `status=failed&${RANGE}&brand=visa&currency=usd`;
    await page.selectOption('#payments-size', '50');
    const expected = await api(`/api/payments?${query}&page=1&size=50`);
    await expectGrid(expected.rows.map((row) => row.chargeId));
    expect(search().get('size')).toBe('50');
    expect(search().get('page')).toBeNull();
  });

  it('sorts by amount both ways on the server', async () => {
    const query = `status=failed&${RANGE}&brand=visa&currency=usd`;
    const header = page.locator('.tabulator-col[tabulator-field="amount"]');
    await header.click();
    const descending = await api(`/api/payments?${query}&sort=-amount&page=1&size=50`);
    await expectGrid(descending.rows.map((row) => row.chargeId));
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(search().get('sort')).toBe('-amount');
    const amounts = descending.rows.map((row) => row.amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));

    // The keyboard sorts too: Enter on the focused header.
    await header.focus();
    await page.keyboard.press('Enter');
    const ascending = await api(`/api/payments?${query}&sort=amount&page=1&size=50`);
    await expectGrid(ascending.rows.map((row) => row.chargeId));
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(search().get('sort')).toBe('amount');
    expect(ascending.rows[0]!.amount).toBeLessThanOrEqual(ascending.rows.at(-1)!.amount);
    // One currency chosen: a plain amount order, nothing to explain.
    expect(await page.locator('.payments-sort-note').count()).toBe(0);
  });

  it('sorts by amount within each currency when Currency is Any, and says so', async () => {
    await open(`/payments?${RANGE}&size=100`);
    await expectCount(3006);
    const header = page.locator('.tabulator-col[tabulator-field="amount"]');
    await header.click();
    const descending = await api(`/api/payments?${RANGE}&sort=-amount&page=1&size=100`);
    await expectGrid(descending.rows.map((row) => row.chargeId));
    // The currencies come with the filter choices, which may still be on their way.
    await page.locator('.payments-sort-note', { hasText: 'USD, then JPY, then EUR' }).waitFor({ timeout: 10_000 }).catch(() => undefined);
    await expect(page.locator('.payments-sort-note').textContent()).resolves
      .toBe('Sorted by amount within each currency (USD, then JPY, then EUR); choose a currency to compare amounts in one.');
    // Page 1 of largest-first is the largest dollars, no yen or euros among them.
    const codes = await page.locator('.payments-grid .tabulator-row [tabulator-field="amount"] .currency-code').allTextContents();
    expect(new Set(codes)).toEqual(new Set(['USD']));
    const last = await api(`/api/payments?${RANGE}&sort=-amount&page=${descending.lastPage}&size=100`);
    await page.getByRole('button', { name: 'Last page' }).click();
    await expectGrid(last.rows.map((row) => row.chargeId));
    const lastCodes = await page.locator('.payments-grid .tabulator-row [tabulator-field="amount"] .currency-code').allTextContents();
    // Each currency one run: the codes change at most twice (USD → JPY → EUR), never back.
    const runs = lastCodes.filter((code, i) => i === 0 || code !== lastCodes[i - 1]);
    expect(runs).toEqual([...new Set(runs)]);
    expect(runs.at(-1)).toBe('EUR');
    await page.selectOption('#payments-currency', 'jpy');
    await page.locator('.payments-count', { hasText: 'Showing' }).waitFor();
    await page.waitForFunction(() => !document.querySelector('.payments-sort-note'));
  });

  it('limits the search box to the length of an id, and words a refused search for people', async () => {
    const other = await context.newPage();
    await other.goto(`${server.url}/payments?${RANGE}`);
    await other.locator('.payments-count', { hasText: 'Showing 3,006 payments' }).waitFor();
    const box = other.locator('#payments-q');
    await box.focus();
    await other.keyboard.insertText('x'.repeat(3000));
    expect((await box.inputValue()).length).toBe(100);
    // A link can still carry a longer one: the message speaks of the search, not of the API's "q".
    await other.goto(`${server.url}/payments?q=${'x'.repeat(3000)}`);
    const error = other.locator('.payments-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('The search is 3,000 characters long; ids are at most 100.');
    expect(text).not.toMatch(/\bq\b|characters$/);
    await other.close();
  });

  it('restores the view from the URL, and the back button walks back through it', async () => {
    const url = `/payments?status=failed&${RANGE}&brand=visa&currency=usd&sort=amount&page=2&size=50`;
    const fresh = await context.newPage();
    const errors: string[] = [];
    fresh.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await fresh.goto(server.url + url);
    const expected = await api(`/api/payments?status=failed&${RANGE}&brand=visa&currency=usd&sort=amount&page=2&size=50`);
    await expectGrid(expected.rows.map((row) => row.chargeId), fresh);
    await expectCount(expected.total, false, fresh);
    expect(await fresh.inputValue('#payments-status')).toBe('failed');
    expect(await fresh.inputValue('#payments-brand')).toBe('visa');
    expect(await fresh.inputValue('#payments-currency')).toBe('usd');
    expect(await fresh.inputValue('#payments-from')).toBe(FROM);
    expect(await fresh.inputValue('#payments-to')).toBe(TO);
    expect(await fresh.inputValue('#payments-size')).toBe('50');
    expect(await fresh.locator('.tabulator-col[tabulator-field="amount"]').getAttribute('aria-sort')).toBe('ascending');
    await expect(fresh.locator('.pager-position').textContent()).resolves.toMatch(/^Page 2 of /);
    // Loading the URL did not add a history entry of its own.
    expect(new URL(fresh.url()).search).toBe(new URL(server.url + url).search);

    await fresh.selectOption('#payments-funnel', 'renewal');
    const narrowed = await api(`/api/payments?status=failed&${RANGE}&funnel=renewal&brand=visa&currency=usd&sort=amount&page=1&size=50`);
    await expectGrid(narrowed.rows.map((row) => row.chargeId), fresh);
    await fresh.goBack();
    await expectGrid(expected.rows.map((row) => row.chargeId), fresh);
    expect(await fresh.inputValue('#payments-funnel')).toBe('');
    expect(search(fresh).get('page')).toBe('2');
    expect(errors).toEqual([]);
    await fresh.close();
  });

  it('exports the whole filtered result as CSV, every row of it', async () => {
    await open(`/payments?status=failed&${RANGE}`);
    const expected = await api(`/api/payments?status=failed&${RANGE}&page=1&size=25`);
    expect(expected.total).toBeGreaterThan(100); // more than any one page
    await expectCount(expected.total);
    const button = page.getByRole('button', { name: /Export CSV/ });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^failed-payments_${FROM}_to_${TO}_UTC_exported-\\d{8}T\\d{4}Z\\.csv$`));
    const text = readFileSync((await download.path())!, 'utf8');
    // Assembled from chunks, byte for byte the single-response export.
    expect(text).toBe(await (await page.request.get(`${server.url}/api/payments.csv?status=failed&from=${FROM}&to=${TO}`)).text());
    const records = parseCsv(text).filter((record) => record.some((cell) => cell !== ''));
    expect(records.length - 1).toBe(expected.total);
    const header = records[0]!;
    const idColumn = header.findIndex((name) => /charge/i.test(name));
    expect(idColumn).toBeGreaterThanOrEqual(0);
    expect(records.slice(1, 26).map((record) => record[idColumn])).toEqual(expected.rows.map((row) => row.chargeId));
  });

  it('expands a retried payment to its attempts in order, the expanded one marked, the outcome stated', async () => {
    await open(`/payments?${RANGE}&q=pi_RetryJourney`);
    await expectCount(3);
    await expectGrid(['ch_RetryAttemptThree', 'ch_RetryAttemptTwo', 'ch_RetryAttemptOne']);
    const row = page.locator('.payments-grid .tabulator-row[data-charge-id="ch_RetryAttemptTwo"]');
    await row.click();
    const detail = row.locator('.payment-detail');
    await detail.locator('table.attempts tbody tr').nth(2).waitFor();
    expect(await row.getAttribute('aria-expanded')).toBe('true');

    const attempts = await detail.locator('table.attempts tbody tr').evaluateAll((rows) => rows.map((tr) => ({
      id: (tr as HTMLElement).dataset.chargeId,
      current: tr.getAttribute('aria-current'),
      cells: [...tr.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    })));
    expect(attempts).toEqual([
      { id: 'ch_RetryAttemptOne', current: null, cells: ['1', '2026-06-10 08:00:00', '$49.00', '✕ Failed', 'Insufficient funds'] },
      { id: 'ch_RetryAttemptTwo', current: 'true', cells: ['2 (this charge)', '2026-06-13 08:00:00', '$49.00', '✕ Failed', 'Card declined Do not honor'] },
      { id: 'ch_RetryAttemptThree', current: null, cells: ['3', '2026-06-17 08:00:00', '$49.00', '✓ Succeeded', '—'] },
    ]);
    // The list names each attempt's failure as its retry history does.
    for (const attempt of attempts.filter((a) => a.cells[3] === '✕ Failed')) {
      const listed = await page.locator(`.payments-grid .tabulator-row[data-charge-id="${attempt.id}"] > [tabulator-field="failureCategory"]`).textContent();
      expect(attempt.cells[4]!.startsWith(listed!)).toBe(true);
    }
    expect((await detail.locator('.final-outcome').textContent())?.replace(/\s+/g, ' ').trim()).toBe('✓ Final outcome: Recovered — succeeded on attempt 3 of 3.');

    const facts = Object.fromEntries(await detail.locator('.detail-field').evaluateAll((fields) => fields.map((field) => [
      field.querySelector('dt')?.textContent?.trim(),
      // An id's cell also holds its Copy button: take the id itself.
      (field.querySelector('dd .id-value code') ?? field.querySelector('dd'))?.textContent?.replace(/\s+/g, ' ').trim(),
    ])));
    expect(facts).toMatchObject({
      'Charge id': 'ch_RetryAttemptTwo',
      'Payment intent': 'pi_RetryJourney',
      Customer: 'cus_RetryCustomer',
      Profile: 'usr_retry_42',
      Amount: '$49.00 USD',
      Card: 'Mastercard ****4444 (GB)',
      Status: '✕ Failed attempt 2 (max 9)',
      Failure: 'Card declined',
      'Failure code': 'card_declined',
      'Decline code': 'do_not_honor',
      Message: 'Your card was declined.',
      'What to do': 'Customer to contact their issuer or pay another way',
    });

    const stripe = detail.getByRole('link', { name: /Stripe Dashboard/ });
    expect(await stripe.getAttribute('href')).toBe('https://dashboard.stripe.com/payments/ch_RetryAttemptTwo');
    expect(await stripe.getAttribute('target')).toBe('_blank');
    expect(await stripe.getAttribute('rel')).toContain('noopener');

    await detail.getByRole('button', { name: 'Copy payment intent id pi_RetryJourney' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('pi_RetryJourney');
    await expect(detail.locator('.copy-feedback.copy-copied').textContent()).resolves.toBe('✓ Copied');

    await runAxe(page, 'expanded row');
    await page.screenshot({ path: join(ARTIFACTS, 'payments-expanded-light.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'payments-expanded-dark.png'), fullPage: true });
    await runAxe(page, 'expanded row, dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('lays rows out as cards on a 390 px phone, the opened detail within the screen (screenshots saved)', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await context.storageState() });
    await phone.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const mobile = await phone.newPage();
    try {
      await mobile.goto(`${server.url}/payments?${RANGE}&q=pi_RetryJourney`);
      await expectGrid(['ch_RetryAttemptThree', 'ch_RetryAttemptTwo', 'ch_RetryAttemptOne'], mobile);
      /** Elements matching `selector` that are cut off or reach past the screen's edges. */
      const offScreen = (selector: string) => mobile.$$eval(selector, (nodes) => nodes
        .filter((node) => {
          node.scrollIntoView({ block: 'center' });
          const box = node.getBoundingClientRect();
          if (box.width === 0 || box.left < 0 || box.right > window.innerWidth || node.scrollWidth > node.clientWidth + 1) return true;
          // Not hidden under a clipping parent either: what is drawn at its middle is part of it.
          const seen = document.elementFromPoint(box.left + box.width / 2, box.top + Math.min(box.height / 2, 8));
          return !seen || !(node === seen || node.contains(seen) || seen.contains(node));
        })
        .map((node) => `${node.className || node.tagName}: "${node.textContent?.slice(0, 40)}"`));
      // Each card shows the id, date, amount and status in full.
      const cardFields = ['chargeId', 'createdAt', 'amount', 'status'].map((field) => `.payments-grid .tabulator-row [tabulator-field="${field}"]`).join(', ');
      expect(await mobile.locator(cardFields).count()).toBe(12);
      expect(await offScreen(cardFields)).toEqual([]);
      // Sorting stays within reach: the sortable headers are on screen.
      expect(await mobile.locator('.payments-grid .tabulator-col.tabulator-sortable').count()).toBe(4);
      expect(await offScreen('.payments-grid .tabulator-col.tabulator-sortable')).toEqual([]);
      await mobile.evaluate(() => window.scrollTo(0, 0));
      await mobile.screenshot({ path: join(ARTIFACTS, 'payments-390-light.png'), fullPage: true });

      const row = mobile.locator('.payments-grid .tabulator-row[data-charge-id="ch_RetryAttemptTwo"]');
      await row.locator('[tabulator-field="chargeId"]').click();
      const detail = row.locator('.payment-detail');
      await detail.locator('.final-outcome').waitFor();
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await offScreen('.payment-detail')).toEqual([]);
      expect(await offScreen('.payment-detail .copy-button')).toEqual([]);
      expect(await mobile.locator('.payment-detail .copy-button').count()).toBe(4);
      // Every attempt's time, amount, outcome and failure, and the final outcome, are on screen.
      const history = '.payment-detail table.attempts tbody td, .payment-detail table.attempts tbody th, .payment-detail .final-outcome';
      expect(await mobile.locator(history).count()).toBe(3 * 5 + 1);
      expect(await offScreen(history)).toEqual([]);
      const firstAttempt = await detail.locator('table.attempts tbody tr').first().innerText();
      expect(firstAttempt).toContain('2026-06-10 08:00:00');
      expect(firstAttempt).toContain('$49.00');
      expect(firstAttempt).toContain('Failed');
      await detail.getByRole('button', { name: 'Copy charge id ch_RetryAttemptTwo' }).click();
      expect(await mobile.evaluate(() => navigator.clipboard.readText())).toBe('ch_RetryAttemptTwo');

      await runAxe(mobile, '390 px, expanded');
      await mobile.screenshot({ path: join(ARTIFACTS, 'payments-390-expanded-light.png'), fullPage: true });
      await mobile.emulateMedia({ colorScheme: 'dark' });
      await mobile.screenshot({ path: join(ARTIFACTS, 'payments-390-expanded-dark.png'), fullPage: true });
      await runAxe(mobile, '390 px, expanded, dark');
    } finally {
      await phone.close();
    }
  });

  it('works with the keyboard: arrows between rows, Home and End, Enter or Right opens, Left or Escape closes', async () => {
    await open(`/payments?${RANGE}&q=pi_RetryJourney`);
    await expectGrid(['ch_RetryAttemptThree', 'ch_RetryAttemptTwo', 'ch_RetryAttemptOne']);
    const rows = page.locator('.payments-grid .tabulator-tableholder .tabulator-row');
    expect(await rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).tabIndex))).toEqual([0, -1, -1]);
    await rows.first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.chargeId)).toBe('ch_RetryAttemptOne');
    await page.keyboard.press('Enter');
    const detail = rows.nth(2).locator('.payment-detail');
    await detail.locator('.final-outcome').waitFor();
    expect(await detail.locator('tr[aria-current="true"]').getAttribute('data-charge-id')).toBe('ch_RetryAttemptOne');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.payment-detail') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await rows.nth(2).getAttribute('aria-expanded')).toBe('false');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement).dataset.chargeId);
    expect(await focused()).toBe('ch_RetryAttemptOne');
    // The rest of the treegrid's keys (src/islands/payments/treegrid-keys.ts), wired to the page.
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('ch_RetryAttemptOne');
    await page.keyboard.press('Home');
    expect(await focused()).toBe('ch_RetryAttemptThree');
    await page.keyboard.press('ArrowRight');
    expect(await rows.first().getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await rows.first().getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('End');
    expect(await focused()).toBe('ch_RetryAttemptOne');
    expect(await rows.evaluateAll((els) => els.map((el) => (el as HTMLElement).tabIndex))).toEqual([-1, -1, 0]);
  });

  it('shows the empty state for a search with no match, and Clear filters brings everything back', async () => {
    await open(`/payments?${RANGE}`);
    await expectCount(3006);
    await page.locator('#payments-q').fill('ch_NothingLikeThis');
    await page.locator('#payments-q').press('Enter');
    const empty = page.locator('.payments-empty');
    await empty.waitFor();
    expect((await empty.textContent())?.replace(/\s+/g, ' ').trim()).toBe('No payments match — clear filters');
    await expectCount(0);
    await expectGrid([]);
    expect(search().get('q')).toBe('ch_NothingLikeThis');
    await runAxe(page, 'empty state');
    await page.screenshot({ path: join(ARTIFACTS, 'payments-empty-light.png') });

    await empty.getByRole('button', { name: 'clear filters' }).click();
    const everything = await api('/api/payments?page=1&size=25');
    await expectCount(everything.total);
    await expectGrid(everything.rows.map((row) => row.chargeId));
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#payments-q')).toBe('');
  });

  it('reloads through /api/refresh when Refresh is pressed', async () => {
    await open(`/payments?${RANGE}&status=pending`);
    const expected = await api(`/api/payments?status=pending&${RANGE}&page=1&size=25`);
    await expectGrid(expected.rows.map((row) => row.chargeId));
    const refreshed = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/api/refresh'));
    const reloaded = page.waitForResponse((response) => response.url().includes('/api/payments?') && response.url().includes('status=pending'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await refreshed;
    expect((await reloaded).status()).toBe(200);
    await expectGrid(expected.rows.map((row) => row.chargeId));
  });

  it('has no serious or critical accessibility violations, in light and dark (screenshots saved)', async () => {
    await open(`/payments?${RANGE}`);
    await expectCount(3006);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await runAxe(page, scheme);
      await page.screenshot({ path: join(ARTIFACTS, `payments-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logged no console errors along the way', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('still filters by status when the filter choices cannot be loaded, and offers to retry', async () => {
    const other = await context.newPage();
    let failFilters = true;
    await other.route('**/api/filters', (route) => failFilters
      ? route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'database_unavailable', message: 'The database took too long to answer. Please try again in a moment.' }) })
      : route.continue());
    await other.goto(`${server.url}/payments?${RANGE}&brand=visa`);
    const note = other.locator('.payments-filters .field-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('The database took too long to answer.');
    // Statuses are known without the API; the brand in the URL stays selected and applied.
    expect(await other.locator('#payments-status option').allTextContents()).toEqual(['Any', 'Succeeded', 'Failed', 'Pending']);
    expect(await other.inputValue('#payments-brand')).toBe('visa');
    await other.selectOption('#payments-status', 'failed');
    const expected = await api(`/api/payments?status=failed&${RANGE}&brand=visa&page=1&size=25`);
    await expectGrid(expected.rows.map((row) => row.chargeId), other);
    failFilters = false;
    await note.getByRole('button', { name: 'Try again' }).click();
    await other.locator('#payments-currency option').nth(3).waitFor({ state: 'attached' });
    expect(await note.count()).toBe(0);
    expect(await other.locator('#payments-currency option').allTextContents()).toEqual(['Any', 'EUR', 'JPY', 'USD']);
    await other.close();
  });

  it('shows the API\'s reason when the URL holds a filter it refuses', async () => {
    const other = await context.newPage();
    // A page far past the end is fine (the grid moves to the last page); an unknown status is not.
    await other.goto(`${server.url}/payments?status=refunded`);
    const error = other.locator('.payments-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Status “refunded” is not one the payments have. Choose another in the Status list, or Any.');
    expect(await error.textContent()).not.toContain('status must');
    await other.getByRole('button', { name: 'Clear filters' }).first().click();
    await other.locator('.payments-count', { hasText: 'Showing 3,006 payments' }).waitFor();
    await other.close();
  });
});

/** RFC 4180: quoted fields may hold commas, quotes ("") and newlines. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field); records.push(record); record = []; field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) { record.push(field); records.push(record); }
  return records;
}
