/**
 * The Payments page's JavaScript budget: everything the built page loads (its scripts and what
 * they import, statically or dynamically) must stay within 130 KB gzipped. Tabulator is the big
 * item; importing TabulatorFull alone would be ~110 KB and fail this.
 *
 * The Node build renders pages on demand (so the session guard runs first), so the page's HTML is
 * taken from the running server after logging in; a prerendered build's file is used if present.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loginOverHttp } from '../helpers/login.ts';
import { startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { formatKb, measurePageJavaScript, type PageJavaScript } from '../helpers/page-js-budget.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

const BUDGET_BYTES = 130_000;
const PASSWORD = 'payments-budget-test-password';

let server: RunningServer | undefined;
let db: ScratchDatabase | undefined;
let clientDir: string;
let measured: PageJavaScript;

async function servedPage(path: string): Promise<string> {
  // An empty mart is enough: only the page's HTML is needed.
  db = await createMartDatabase([]);
  server = await startNodeServer(inject('nodeBuildDir'), { DASHBOARD_PASSWORD: PASSWORD, DATABASE_URL: db.url });
  const cookie = await loginOverHttp(server.url, PASSWORD, path);
  const response = await fetch(server.url + path, { headers: { cookie }, redirect: 'manual' });
  expect(response.status, `GET ${path} after logging in`).toBe(200);
  return response.text();
}

beforeAll(async () => {
  const buildDir = inject('nodeBuildDir');
  clientDir = join(buildDir, 'client');
  const prerendered = join(clientDir, 'payments/index.html');
  const html = existsSync(prerendered) ? readFileSync(prerendered, 'utf8') : await servedPage('/payments');
  measured = measurePageJavaScript(clientDir, html, '/payments');
});

afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

describe('Payments page JavaScript budget', () => {
  it(`loads at most ${formatKb(BUDGET_BYTES)} of JavaScript, gzipped`, () => {
    const report = measured.scripts.map((script) => `${script.url}: ${formatKb(script.gzipBytes)}`).join('\n');
    console.info(`/payments JavaScript: ${formatKb(measured.totalGzipBytes)} gzipped (${formatKb(measured.totalBytes)} raw)\n${report}`);
    // The page really loads the grid: a budget met by shipping nothing proves nothing.
    expect(measured.totalBytes).toBeGreaterThan(100_000);
    expect(measured.totalGzipBytes, report).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('has no inline scripts and only the Tabulator modules it uses', () => {
    expect(measured.scripts.filter((script) => script.url.startsWith('inline'))).toEqual([]);
    const code = measured.scripts.map((script) => readFileSync(join(clientDir, script.url), 'utf8')).join('\n');
    expect(code).toContain('tabulator-tableholder');
    // Strings that only modules the page does not register carry (Download, Spreadsheet, Edit).
    for (const marker of ['Download Error', 'tabulator-spreadsheet', 'tabulator-editing']) expect(code).not.toContain(marker);
  });
});
