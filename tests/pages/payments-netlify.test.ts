/**
 * The explorer on the Netlify variant (`netlify serve --offline`: static page, Functions for the
 * API, the edge function guarding both): the same page, logged in through the form, shows the
 * API's rows, expands a retried payment and exports CSV, with no console errors. The full
 * behaviour is tested on the Node build (payments.test.ts); this proves the other deploy target.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charge } from '../helpers/charge-fixture.ts';
import { launchChromium, loginInBrowser } from '../helpers/login.ts';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

const PASSWORD = 'payments-netlify-test-password';
const SECRET = 'payments-netlify-test-secret-0123456789abcdef';
const RANGE = 'from=2026-03-01&to=2026-03-31';

const rows = [
  ...Array.from({ length: 30 }, (_, i) => charge({
    charge_id: `ch_Net${String(i).padStart(3, '0')}`, created_at: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i).padStart(2, '0')}:00+00:00`,
    amount: 1000 + i * 100, customer_id: `cus_Net${i}`,
  })),
  charge({ charge_id: 'ch_NetRetry1', payment_intent_id: 'pi_NetRetry', created_at: '2026-03-05T09:00:00+00:00', amount: 2500, status: 'failed', failure_code: 'card_declined', decline_code: 'insufficient_funds', failure_category: 'insufficient_funds', recovery_action: 'retry_eligible', attempt_number: 1 }),
  charge({ charge_id: 'ch_NetRetry2', payment_intent_id: 'pi_NetRetry', created_at: '2026-03-08T09:00:00+00:00', amount: 2500, status: 'succeeded', attempt_number: 2 }),
];

let db: ScratchDatabase;
let site: NetlifyServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  db = await createMartDatabase(rows);
  site = await startNetlifyServer({ env: { DATABASE_URL: db.url, DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // Headless Chromium cannot answer a save dialog: the export takes the Blob download.
  await page.addInitScript(() => { delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker; });
  page.on('console', (message) => {
    if (message.type() === 'error' && !new URL(page.url()).pathname.startsWith('/login')) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400 && !new URL(page.url()).pathname.startsWith('/login')) consoleErrors.push(`${response.status()} ${response.url()}`);
  });
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await db?.drop();
});

describe('Payments explorer under netlify serve --offline', () => {
  it('lists, expands and exports like the Node build', { timeout: 60_000 }, async () => {
    expect(await loginInBrowser(page, site.url, PASSWORD, `/payments?${RANGE}`)).toBe(200);
    const api = await page.request.get(`${site.url}/api/payments?${RANGE}&page=1&size=25`);
    const expected = (await api.json()) as { rows: { chargeId: string }[]; total: number };
    expect(expected.total).toBe(32);
    await page.locator('.payments-count', { hasText: 'Showing 32 payments' }).waitFor();
    expect(await page.$$eval('.payments-grid .tabulator-tableholder .tabulator-row', (els) => els.map((el) => (el as HTMLElement).dataset.chargeId))).toEqual(expected.rows.map((row) => row.chargeId));

    await page.fill('#payments-q', 'pi_NetRetry');
    await page.press('#payments-q', 'Enter');
    await page.locator('.payments-count', { hasText: 'Showing 2 payments' }).waitFor();
    const row = page.locator('.tabulator-row[data-charge-id="ch_NetRetry1"]');
    await row.click();
    await row.locator('.final-outcome').waitFor();
    expect((await row.locator('.final-outcome').textContent())?.replace(/\s+/g, ' ').trim()).toBe('✓ Final outcome: Recovered — succeeded on attempt 2 of 2.');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Export CSV/ }).click()]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toMatch(/^payments_2026-03-01_to_2026-03-31_UTC_exported-\d{8}T\d{4}Z\.csv$/);
    const file = readFileSync((await download.path())!, 'utf8');
    expect(file).toBe(await (await page.request.get(`${site.url}/api/payments.csv?${RANGE}&q=pi_NetRetry`)).text());
    expect(file.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(consoleErrors).toEqual([]);
  });
});
