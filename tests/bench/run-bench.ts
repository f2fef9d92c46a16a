/**
 * `npm run bench`: seeds (or reuses) 1,000,000 charges in a dedicated database on the running
 * PostgreSQL, serves it with the Node build, and measures every endpoint against its own SQL,
 * pagination depth, the full CSV export, a Netlify function's cold start and each page's weight
 * and Lighthouse scores. Prints a markdown table and writes tests/bench/results.json.
 * Timings are reported, never asserted.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { parseConfig } from '../../src/config/config.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { createMartCheck } from '../../src/api/mart-check.ts';
import { createFailedLoginLimiter } from '../../src/auth/failed-login-limiter.ts';
import type { Deps } from '../../src/api/deps.ts';
import { buildNodeVariant, PROJECT_ROOT, projectTempDir, startNodeServer } from '../helpers/node-build.ts';
import { ensureBenchDatabase } from './bench-database.ts';
import { getFully, logIn, timeCached, timeUncached, type HttpClient } from './measure-http.ts';
import { captureStatements, timeStatements } from './measure-sql.ts';
import { measureColdStart } from './measure-cold-start.ts';
import { measurePageWeight, runLighthouse } from './measure-pages.ts';
import { measureCsvExport } from './measure-csv.ts';
import { martsBuildMarkdown, measureMartsBuild, type MartsBuildMeasurement } from './measure-marts-build.ts';
import { median, percentile } from './stats.ts';
import { measureBacktest, type BacktestMeasurement } from './measure-alerts.ts';

const CHARGES = Number(process.env.BENCH_CHARGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DATABASE_NAME = process.env.BENCH_DATABASE ?? 'dash_bench';
const PASSWORD = 'bench-password';
const SECRET = 'bench-session-secret-0123456789abcdef';

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function scalar<T>(url: string, sql: string): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Object.values((await client.query(sql)).rows[0] as Record<string, T>)[0]!;
  } finally {
    await client.end();
  }
}

const database = await ensureBenchDatabase(ADMIN_URL, DATABASE_NAME, CHARGES);
const dataEnd = await scalar<string>(database.url, "select to_char(max(created_at at time zone 'UTC'), 'YYYY-MM-DD') from mart_stripe_payments");
const retriedCharge = await scalar<string>(database.url, 'select charge_id from mart_stripe_payments where attempt_number = 2 order by created_at desc limit 1');
const postgresVersion = await scalar<string>(database.url, 'show server_version');
const range = `from=${addDays(dataEnd, -29)}&to=${dataEnd}`;
const range90 = `from=${addDays(dataEnd, -89)}&to=${dataEnd}`;
// Before the server starts, so the build has the machine to itself.
const martsBuild = await measureMartsBuild(ADMIN_URL, CHARGES);

console.log('Building the Node variant…');
// BENCH_BUILD_DIR reuses an existing Node build while iterating on the benchmark itself.
const buildDir = process.env.BENCH_BUILD_DIR ?? projectTempDir('bench-build');
if (!process.env.BENCH_BUILD_DIR) buildNodeVariant(buildDir);
const env = { DATABASE_URL: database.url, DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET, STATEMENT_TIMEOUT_MS: '60000' };
// Through serve.ts, as the Procfile runs it (with its response compression).
const server = await startNodeServer(buildDir, env, { viaServeCli: true });

try {
  const client: HttpClient = { base: server.url, cookie: await logIn(server.url, PASSWORD) };
  const config = parseConfig(env);
  const db = createPgDatabase(database.url, sessionSettingsFor(config));
  const deps: Deps = {
    config,
    db,
    tables: martTables(config),
    marts: createMartCheck(db, config),
    now: () => new Date(),
    log: () => {},
    loginLimiter: createFailedLoginLimiter(),
  };

  const endpoints: Array<[string, string]> = [
    ['health', '/api/health'],
    ['overview/kpis', `/api/overview/kpis?${range}`],
    ['overview/daily', `/api/overview/daily?${range}`],
    ['overview/failures', `/api/overview/failures?${range}`],
    ['overview/recovery', `/api/overview/recovery?${range}`],
    ['overview/top-failures', `/api/overview/top-failures?${range}`],
    ['overview/kpis (90 days)', `/api/overview/kpis?${range90}`],
    ['overview/breakdown (30 days, country)', `/api/overview/breakdown?${range}&by=card_country`],
    ['overview/breakdown (90 days, country)', `/api/overview/breakdown?${range90}&by=card_country`],
    ['overview/breakdown (90 days, category)', `/api/overview/breakdown?${range90}&by=failure_category`],
    ['filters', '/api/filters'],
    ['payments', `/api/payments?${range}`],
    ['payments (failed, card brand)', `/api/payments?${range}&status=failed&brand=visa`],
    ['payments (q prefix)', '/api/payments?q=cus_A'],
    ['payments/{id}', `/api/payments/${retriedCharge}`],
    ['payments.csv (one day, failed)', `/api/payments.csv?from=${dataEnd}&to=${dataEnd}&status=failed`],
  ];
  const endpointResults = [];
  for (const [name, path] of endpoints) {
    process.stdout.write(`  ${name}…`);
    const uncached = await timeUncached(client, path, RUNS);
    const cached = name === 'health' || name.startsWith('payments.csv') ? [] : await timeCached(client, path, RUNS);
    const statements = await captureStatements(deps, server.url + path);
    const sql = await timeStatements(database.url, config.reportingTimezone, statements, RUNS);
    const p50 = median(uncached);
    endpointResults.push({
      name,
      path,
      p50Ms: p50,
      p95Ms: percentile(uncached, 95),
      cachedP50Ms: cached.length ? median(cached) : null,
      sqlMs: median(sql),
      statements: statements.length,
      ratio: Math.round((p50 / median(sql)) * 100) / 100,
    });
    console.log(` ${p50} ms`);
  }

  // The same acceptance questions without the rollup: the detail-mart fallback's SQL alone.
  console.log('Acceptance without the rollup (detail mart)…');
  const detailDeps: Deps = { ...deps, tables: martTables({ ...config, acceptanceTable: 'bench_no_acceptance_rollup' }) };
  const fallbackSql = [];
  for (const [name, path] of [
    ['overview/kpis (30 days)', `/api/overview/kpis?${range}`],
    ['overview/breakdown (30 days, country)', `/api/overview/breakdown?${range}&by=card_country`],
    ['overview/breakdown (90 days, country)', `/api/overview/breakdown?${range90}&by=card_country`],
  ] as const) {
    const statements = await captureStatements(detailDeps, server.url + path);
    fallbackSql.push({ name, path, sqlMs: median(await timeStatements(database.url, config.reportingTimezone, statements, 5)) });
  }

  console.log('Pagination…');
  const firstPage = JSON.parse(await getFully(client, '/api/payments?size=25')) as { lastPage: number; total: number; totalCapped: boolean };
  const pageTimes = async (page: number) => median(await timeUncached(client, `/api/payments?size=25&page=${page}`, 10));
  const pagination = {
    filter: 'all charges, newest first, 25 a page',
    lastPage: firstPage.lastPage,
    firstMs: await pageTimes(1),
    page1000Ms: await pageTimes(1000),
    lastMs: await pageTimes(firstPage.lastPage),
  };

  console.log('CSV export of every charge…');
  const csv = await measureCsvExport(client, '/api/payments.csv', server.pid);

  console.log('Failure-spike backtest over 90 days…');
  const alertsBacktest = await measureBacktest(deps, { from: addDays(dataEnd, -89), to: dataEnd });

  console.log('Cold start…');
  const coldStart = await measureColdStart('netlify/functions/overview-kpis.mts');

  console.log('Pages…');
  const clientDir = join(buildDir, 'client');
  const pagePaths = ['/login', '/', '/payments'];
  // Lighthouse counts localhost as a secure origin, as the deployed site's HTTPS would be.
  const pageUrl = (path: string) => server.url.replace('127.0.0.1', 'localhost') + path;
  const scores = await runLighthouse(pagePaths.map(pageUrl), client.cookie);
  const pages = [];
  for (const path of pagePaths) {
    const html = await getFully(client, path);
    pages.push({ ...measurePageWeight(clientDir, path, html), lighthouse: scores.get(pageUrl(path)) });
  }

  const cpu = cpus();
  const results = {
    machine: `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${postgresVersion}`,
    date: new Date().toISOString(),
    charges: CHARGES,
    seedSeconds: database.seedSeconds ?? null,
    runs: RUNS,
    endpoints: endpointResults,
    acceptanceWithoutRollup: fallbackSql,
    pagination,
    csv,
    alertsBacktest,
    coldStartMs: coldStart.medianMs,
    coldStartBundleBytes: coldStart.bundleBytes,
    pages,
    martsBuild,
  };
  writeFileSync(join(PROJECT_ROOT, 'tests/bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  console.log('\n' + markdown(results));
  await deps.db.close();
} finally {
  await server.stop();
  if (!process.env.BENCH_BUILD_DIR) rmSync(buildDir, { recursive: true, force: true });
}

function markdown(r: {
  machine: string; charges: number; endpoints: Array<{ name: string; p50Ms: number; p95Ms: number; cachedP50Ms: number | null; sqlMs: number; ratio: number }>;
  acceptanceWithoutRollup: Array<{ name: string; sqlMs: number }>;
  pagination: { firstMs: number; page1000Ms: number; lastMs: number; lastPage: number };
  csv: { rows: number; rowsPerSec: number; peakRssMb: number; seconds: number };
  alertsBacktest: BacktestMeasurement;
  coldStartMs: number;
  pages: Array<{ path: string; jsGzipBytes: number; cssGzipBytes: number; htmlGzipBytes: number; lighthouse?: { performance: number; accessibility: number; bestPractices: number } }>;
  martsBuild: MartsBuildMeasurement[];
}): string {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  const lines = [
    `Machine: ${r.machine}; ${r.charges.toLocaleString('en-US')} charges.`,
    '',
    '| endpoint (uncached unless noted) | p50 ms | p95 ms | cached p50 ms | its SQL alone ms | ratio |',
    '|---|---:|---:|---:|---:|---:|',
    ...r.endpoints.map((e) => `| ${e.name} | ${e.p50Ms} | ${e.p95Ms} | ${e.cachedP50Ms ?? '–'} | ${e.sqlMs} | ${e.ratio} |`),
    '',
    `Without the acceptance rollup (the detail-mart fallback), SQL alone: ${r.acceptanceWithoutRollup.map((e) => `${e.name} ${e.sqlMs} ms`).join('; ')}.`,
    `Pagination (all charges, 25 a page): page 1 ${r.pagination.firstMs} ms, page 1,000 ${r.pagination.page1000Ms} ms, last page (${r.pagination.lastPage.toLocaleString('en-US')}) ${r.pagination.lastMs} ms.`,
    `CSV export: ${r.csv.rows.toLocaleString('en-US')} rows in ${r.csv.seconds} s = ${r.csv.rowsPerSec.toLocaleString('en-US')} rows/s, server peak RSS ${r.csv.peakRssMb} MB.`,
    `Failure-spike backtest, every 15-minute check of ${r.alertsBacktest.range.from}..${r.alertsBacktest.range.to} (90 days): ${r.alertsBacktest.medianMs} ms (median of ${r.alertsBacktest.runs}; first ${r.alertsBacktest.firstMs} ms), ${r.alertsBacktest.episodes.length} episode(s).`,
    `Cold start (import of the bundled overview-kpis function): ${r.coldStartMs} ms.`,
    '',
    '| page | JS gzip KB | CSS gzip KB | HTML gzip KB | Lighthouse perf | a11y | best practices |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...r.pages.map((p) => `| ${p.path} | ${kb(p.jsGzipBytes)} | ${kb(p.cssGzipBytes)} | ${kb(p.htmlGzipBytes)} | ${p.lighthouse?.performance ?? '–'} | ${p.lighthouse?.accessibility ?? '–'} | ${p.lighthouse?.bestPractices ?? '–'} |`),
    '',
    martsBuildMarkdown(r.martsBuild),
  ];
  return lines.join('\n');
}
