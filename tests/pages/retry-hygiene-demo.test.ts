/**
 * The Overview's retry-hygiene section in Chromium on the demo data (the generator's 50,000 charges
 * ending now, as `npm start` shows them), in its default view (the last 30 days, the main
 * currency): numbers above zero, the ones the rows themselves give (tests/helpers/
 * retry-hygiene-rows.ts, which tests/api/retry-hygiene-demo compares with the API), and the link
 * opening exactly those charges. Screenshots in light and at 390 px.
 */
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.ts';
import { addDays } from '../../src/contract/calendar-date.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { hygieneOf, retriesAfterHardDecline } from '../helpers/retry-hygiene-rows.ts';
import { ARTIFACTS, startBrowserSuite, type BrowserSuite } from './support/browser-suite.ts';
import { openRetryHygiene } from './support/hygiene-page.ts';

const PASSWORD = 'hygiene-demo-test-password';
const END = new Date();
const rows: ChargeRow[] = [...generateCharges({ charges: parseConfig({}).demoCharges, endDate: END })];
const TO = END.toISOString().slice(0, 10);
const FROM = addDays(TO, -29);

let suite: BrowserSuite;

beforeAll(async () => {
  suite = await startBrowserSuite(rows, { password: PASSWORD });
}, 240_000);

afterAll(() => suite?.stop());

const open = (options: BrowserContextOptions = {}) => openRetryHygiene(suite, '/', options);

describe('retry hygiene on the demo', () => {
  it('shows the demo’s bad retries in the default view, as many as the rows hold, and opens exactly them', async () => {
    const expected = hygieneOf(rows, 'usd', FROM, TO);
    expect(expected.afterHardDecline.attempts).toBeGreaterThan(0);
    expect(expected.pastMaxAttempts.intents).toBeGreaterThan(0);

    const { context, page } = await open();
    const section = page.locator('[data-section="retry-hygiene"]');
    const hard = section.locator('[data-figure="after_hard_decline"]');
    const past = section.locator('[data-figure="past_max_attempts"]');
    expect(await hard.locator('.hygiene-figure__value').textContent()).toBe(String(expected.afterHardDecline.attempts));
    expect(await hard.locator('.hygiene-figure__detail').textContent()).toContain(`payments: ${expected.afterHardDecline.intents}`);
    expect(await past.locator('.hygiene-figure__value').textContent()).toBe(String(expected.pastMaxAttempts.intents));
    expect(await past.locator('.hygiene-figure__detail').textContent()).toContain(`attempts past no. 9: ${expected.pastMaxAttempts.attempts}`);
    expect(await section.locator('.hygiene-note').textContent()).toContain(`${expected.retries.toLocaleString('en-US')} retries in the range`);
    await section.screenshot({ path: join(ARTIFACTS, 'retry-hygiene-demo-light.png') });

    await hard.locator('a').click();
    await page.waitForURL(/\/payments\?/);
    await page.locator('.payments-grid .tabulator-row').first().waitFor();
    const ids = await page.locator('.payments-grid .tabulator-row').evaluateAll((gridRows) => gridRows.map((row) => row.getAttribute('data-charge-id')));
    expect([...ids].sort()).toEqual(retriesAfterHardDecline(rows, 'usd', FROM, TO).map((row) => row.charge_id).sort());
    await context.close();
  });

  it('reads at 390 px', async () => {
    const phone = await open({ viewport: { width: 390, height: 844 } });
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.page.locator('[data-section="retry-hygiene"]').screenshot({ path: join(ARTIFACTS, 'retry-hygiene-demo-390.png') });
    await phone.context.close();
  });
});
