/**
 * Export CSV in Chromium against the Node build, on 45,000 generated charges (five chunks of
 * 10,000 rows): the progress bar and its words while chunks arrive (each held back a moment so
 * the bar can be seen), the finished file byte for byte the single-response export, through the
 * Blob download and through a save-file stream, Cancel leaving no file, and the button disabled
 * while the list shows an error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { formatBytes } from '../../src/ui/export-progress.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';

const PASSWORD = 'payments-export-test-password';
const CHARGES = 45_000;

let suite: BrowserSuite;
let singleResponse: Buffer;

beforeAll(async () => {
  suite = await startBrowserSuite(generateCharges({ charges: CHARGES, endDate: new Date('2026-06-30T23:00:00Z'), days: 120, seed: 21 }), { password: PASSWORD });
  const context = await suite.browser.newContext({ storageState: suite.session });
  singleResponse = Buffer.from(await (await context.request.get(`${suite.server.url}/api/payments.csv`)).body());
  await context.close();
}, 240_000);

afterAll(() => suite?.stop());

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Options { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; saveStream?: boolean; chunkDelayMs?: number }

/**
 * The explorer, all payments. Without `saveStream` the page has no showSaveFilePicker (the Blob
 * path); with it, a stand-in that records what a real save stream would be told.
 */
async function openExplorer(options: Options = {}): Promise<{ page: Page; context: BrowserContext; chunkUrls: string[] }> {
  const context = await suite.browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light', locale: 'en-US', timezoneId: 'UTC',
    storageState: suite.session, acceptDownloads: true, ...(options.viewport?.width === 390 ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  await page.addInitScript((saveStream: boolean) => {
    const w = window as unknown as Record<string, unknown>;
    delete w.showSaveFilePicker;
    if (!saveStream) return;
    const chunks: Uint8Array[] = [];
    const record = { suggestedName: '', chunks: 0, closed: false, aborted: false, sha256: '' };
    w.__saveStream = record;
    w.showSaveFilePicker = async (options: { suggestedName: string }) => {
      record.suggestedName = options.suggestedName;
      return {
        createWritable: async () => ({
          write: async (data: Uint8Array) => { chunks.push(data.slice()); record.chunks += 1; },
          close: async () => {
            record.closed = true;
            const digest = await crypto.subtle.digest('SHA-256', await new Blob(chunks as BlobPart[]).arrayBuffer());
            record.sha256 = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
          },
          abort: async () => { record.aborted = true; },
        }),
      };
    };
  }, options.saveStream ?? false);
  const chunkUrls: string[] = [];
  await page.route('**/api/payments.csv?*', async (route) => {
    chunkUrls.push(route.request().url());
    if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
    await route.continue();
  });
  await page.goto(`${suite.server.url}/payments`);
  await page.locator('.payments-count', { hasText: /Showing/ }).waitFor();
  return { page, context, chunkUrls };
}

describe('Export CSV', () => {
  it('Blob download: progress while chunks arrive, then the file, byte for byte the single response', { timeout: 120_000 }, async () => {
    const { page, context, chunkUrls } = await openExplorer({ chunkDelayMs: 700 });
    const downloaded = page.waitForEvent('download', { timeout: 90_000 });
    await page.getByRole('button', { name: /Export CSV/ }).click();
    const progress = page.locator('[data-export-progress]');
    await progress.filter({ hasText: /of 45,000 rows/ }).waitFor();
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      seen.add((await progress.textContent()) ?? '');
      await page.waitForTimeout(600);
    }
    expect([...seen].some((text) => /^\d{1,2},000 of 45,000 rows · \d+(\.\d)? MB( · (about \d+ s|a few seconds) left)?$/.test(text))).toBe(true);
    expect(await page.locator('progress.csv-export__bar').getAttribute('max')).toBe('45000');
    await page.screenshot({ path: join(ARTIFACTS, 'payments-export-progress-light.png'), clip: { x: 0, y: 0, width: 1280, height: 400 } });
    const download = await downloaded;
    const file = readFileSync((await download.path())!);
    expect(sha256(file)).toBe(sha256(singleResponse));
    expect(download.suggestedFilename()).toMatch(/^payments_all-dates_UTC_exported-\d{8}T\d{4}Z\.csv$/);
    expect(chunkUrls.map((url) => new URL(url).searchParams.get('limit'))).toEqual(Array(5).fill('10000'));
    expect(await page.locator('.csv-export [role="status"]').textContent()).toBe(`Exported 45,000 rows (${formatBytes(singleResponse.length)})`);
    await context.close();
  });

  it('save-file stream: chunks written as they come, then closed; the same bytes', { timeout: 120_000 }, async () => {
    const { page, context } = await openExplorer({ saveStream: true });
    await page.getByRole('button', { name: /Export CSV/ }).click();
    await page.locator('.csv-export[data-export-state="done"]').waitFor({ timeout: 90_000 });
    const record = await page.evaluate(() => (window as unknown as { __saveStream: { suggestedName: string; chunks: number; closed: boolean; aborted: boolean; sha256: string } }).__saveStream);
    expect(record).toMatchObject({ closed: true, aborted: false, chunks: 5, sha256: sha256(singleResponse) });
    expect(record.suggestedName).toMatch(/^payments_all-dates_UTC_exported-\d{8}T\d{4}Z\.csv$/);
    await context.close();
  });

  it('Cancel: no download, the save stream aborted and never closed, no more chunks asked for', { timeout: 60_000 }, async () => {
    for (const saveStream of [false, true]) {
      const { page, context, chunkUrls } = await openExplorer({ chunkDelayMs: 800, saveStream });
      const downloads: unknown[] = [];
      page.on('download', (download) => downloads.push(download));
      await page.getByRole('button', { name: /Export CSV/ }).click();
      await page.locator('[data-export-progress]', { hasText: /of 45,000 rows/ }).waitFor();
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.locator('.csv-export[data-export-state="cancelled"]').waitFor();
      const asked = chunkUrls.length;
      await page.waitForTimeout(2500);
      expect(downloads).toEqual([]);
      expect(chunkUrls.length).toBe(asked);
      expect(asked).toBeLessThan(5);
      if (saveStream) {
        expect(await page.evaluate(() => (window as unknown as { __saveStream: { closed: boolean; aborted: boolean } }).__saveStream)).toMatchObject({ closed: false, aborted: true });
      }
      expect(await page.locator('.csv-export [role="status"]').textContent()).toBe('Export cancelled');
      await context.close();
    }
  });

  it('disabled while the list shows an error: bad filters in the URL', async () => {
    const { page, context } = await openExplorer();
    await page.goto(`${suite.server.url}/payments?from=2026-05-10&to=2026-05-01`);
    await page.locator('.payments-error').waitFor();
    const button = page.getByRole('button', { name: /Export CSV/ });
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('title')).toBe('Nothing to export: the filters are not valid.');
    expect(await page.locator('a[download]').count()).toBe(0);
    await context.close();
  });

  it('progress bar in dark mode and at 390 px (screenshots)', { timeout: 90_000 }, async () => {
    for (const [name, options] of [['dark', { colorScheme: 'dark' }], ['390', { viewport: { width: 390, height: 844 } }]] as const) {
      const { page, context } = await openExplorer({ chunkDelayMs: 1500, ...options });
      await page.getByRole('button', { name: /Export CSV/ }).click();
      await page.locator('[data-export-progress]', { hasText: /of 45,000 rows/ }).waitFor();
      if (name === '390') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: join(ARTIFACTS, `payments-export-progress-${name}.png`), ...(name === 'dark' ? { clip: { x: 0, y: 0, width: 1280, height: 400 } } : {}) });
      await page.getByRole('button', { name: 'Cancel' }).click();
      await context.close();
    }
  });
});
