/**
 * `npm run bench -- --charges N` (default 1,000,000): seeds (or reuses) N charges in a dedicated
 * database on the running PostgreSQL, serves it with the Node build, and measures every endpoint
 * (the Overview's on 30 and 90 days) against its own SQL, pagination depth, the full CSV export, a
 * Netlify function's cold start and each page's weight and Lighthouse scores. Prints a markdown
 * table, writes tests/bench/results.json (the contract, bench-results.ts) and
 * tests/bench/results-details.json (machine, load average during each measurement, the rest).
 * Timings are reported, never asserted. Not part of CI: `npm test` never runs it.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
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
import { getFully, logIn, receive, timeCached, timeUncached, timeUncachedOnce, type HttpClient } from './measure-http.ts';
import { captureStatements, openStatementTimer, timeStatements, type StatementTimer } from './measure-sql.ts';
import { measureColdStart } from './measure-cold-start.ts';
import { measurePageWeight, runLighthouse } from './measure-pages.ts';
import { measureCsvExport } from './measure-csv.ts';
import { martsBuildMarkdown, measureMartsBuild, type MartsBuildMeasurement } from './measure-marts-build.ts';
import { median } from './stats.ts';
import { measureBacktest, type BacktestMeasurement } from './measure-alerts.ts';
import { BENCH_USAGE, parseBenchArgs } from './bench-options.ts';
import { addDays, benchEndpoints, rangeEnding } from './bench-endpoints.ts';
import { benchResultsProblems, endpointResult, type BenchResults, type EndpointResult } from './bench-results.ts';
import { CliError } from '../../src/cli/cli-support.ts';

const options = (() => {
  try {
    return parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`bench: ${error instanceof CliError ? error.message : String(error)}`);
    process.exit(1);
  }
})();
if (options === 'help') {
  console.log(BENCH_USAGE);
  process.exit(0);
}
const CHARGES = options.charges;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const DATABASE_NAME = process.env.BENCH_DATABASE ?? 'dash_bench';
const PASSWORD = 'bench-password';
const SECRET = 'bench-session-secret-0123456789abcdef';

/**
 * An endpoint's uncached requests and its SQL alone, sample by sample in turn: this machine's
 * speed drifts by a third over minutes (the same query: 20 ms, then 33 ms a quarter of an hour
 * later), and two series taken one after the other gave overheads of -4 to +10 ms from that drift
 * alone. Paired in time, both see the same machine.
 */
async function timeUncachedBesideSql(client: HttpClient, path: string, sqlTimer: StatementTimer): Promise<{ uncached: number[]; sql: number[] }> {
  try {
    await receive(client, path);
    const uncached: number[] = [];
    const sql: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      uncached.push(await timeUncachedOnce(client, path));
      sql.push(await sqlTimer.sample());
    }
    return { uncached, sql };
  } finally {
    await sqlTimer.close();
  }
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
const range = rangeEnding(dataEnd, 30);
const range90 = rangeEnding(dataEnd, 90);
/** The 1-, 5- and 15-minute load averages when a measurement ended (2 cores: above 2 it was shared). */
const load = () => loadavg().map((value) => Math.round(value * 100) / 100);
// Before the server starts, so the build has the machine to itself. Always 1,000,000 raw charges
// per loader (what `npm run bench:marts` measures), whatever --charges says.
const martsBuild = options.skip.has('marts-build') ? [] : await measureMartsBuild(ADMIN_URL, 1_000_000);

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

  const endpointResults: EndpointResult[] = [];
  const endpointDetails = [];
  for (const { name, rangeDays, path } of benchEndpoints(dataEnd, retriedCharge)) {
    const label = rangeDays === null ? name : `${name} (${rangeDays} days)`;
    process.stdout.write(`  ${label}…`);
    const statements = await captureStatements(deps, server.url + path);
    const { uncached, sql } = await timeUncachedBesideSql(client, path, await openStatementTimer(database.url, config.reportingTimezone, statements));
    const cached = name === 'health' || name.startsWith('payments.csv') ? [] : await timeCached(client, path, RUNS);
    const result = endpointResult(name, rangeDays, uncached, cached, sql);
    endpointResults.push(result);
    endpointDetails.push({ name, rangeDays, path, statements: statements.length, loadAverage: load() });
    console.log(` ${result.p50Ms} ms (SQL ${result.sqlP50Ms} ms, load ${load()[0]})`);
  }

  // The same questions without the rollups: the detail-mart fallbacks' SQL alone.
  const detailDeps: Deps = {
    ...deps,
    tables: martTables({
      ...config, acceptanceTable: 'bench_no_acceptance_rollup', failuresTable: 'bench_no_failures_rollup', retryHygieneTable: 'bench_no_retry_hygiene_rollup',
      alertSlotsTable: 'bench_no_alert_slots_rollup',
    }),
  };
  const fallbackSql = [];
  if (!options.skip.has('fallbacks')) console.log('Without the rollups (detail mart)…');
  for (const [name, path] of options.skip.has('fallbacks') ? [] : [
    ['overview/kpis (30 days)', `/api/overview/kpis?${range}`],
    ['overview/breakdown (30 days, country)', `/api/overview/breakdown?${range}&by=card_country`],
    ['overview/breakdown (90 days, country)', `/api/overview/breakdown?${range90}&by=card_country`],
    ['overview/failures (30 days)', `/api/overview/failures?${range}`],
    ['overview/failures (90 days)', `/api/overview/failures?${range90}`],
    ['overview/top-failures (30 days)', `/api/overview/top-failures?${range}`],
    ['overview/top-failures (90 days)', `/api/overview/top-failures?${range90}`],
    ['overview/retry-hygiene (30 days)', `/api/overview/retry-hygiene?${range}`],
    ['overview/retry-hygiene (90 days)', `/api/overview/retry-hygiene?${range90}`],
    ['overview/alerts (30 days)', `/api/overview/alerts?${range}`],
    ['overview/alerts (90 days)', `/api/overview/alerts?${range90}`],
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
    loadAverage: load(),
  };

  console.log('CSV export of every charge…');
  const csv = { ...(await measureCsvExport(client, '/api/payments.csv', server.pid)), loadAverage: load() };

  console.log('Failure-spike backtest over 90 days…');
  const alertsBacktest = await measureBacktest(deps, { from: addDays(dataEnd, -89), to: dataEnd });

  console.log('Cold start…');
  const coldStart = await measureColdStart('netlify/functions/overview-kpis.mts');
  const coldStartLoad = load();

  const clientDir = join(buildDir, 'client');
  const pagePaths = options.skip.has('pages') ? [] : ['/login', '/', '/payments'];
  if (pagePaths.length > 0) console.log('Pages…');
  // Lighthouse counts localhost as a secure origin, as the deployed site's HTTPS would be.
  const pageUrl = (path: string) => server.url.replace('127.0.0.1', 'localhost') + path;
  const scores = pagePaths.length > 0 ? await runLighthouse(pagePaths.map(pageUrl), client.cookie) : new Map();
  const pages = [];
  for (const path of pagePaths) {
    const html = await getFully(client, path);
    pages.push({ ...measurePageWeight(clientDir, path, html), lighthouse: scores.get(pageUrl(path)) });
  }

  const results: BenchResults = {
    charges: CHARGES,
    endpoints: endpointResults,
    pagination: { firstMs: pagination.firstMs, lastMs: pagination.lastMs },
    csv: { rowsPerSec: csv.rowsPerSec, peakRssMb: csv.peakRssMb },
    coldStartMs: coldStart.medianMs,
  };
  const problems = benchResultsProblems(results);
  if (problems.length > 0) throw new Error(`results.json would break its contract: ${problems.join('; ')}`);
  const cpu = cpus();
  const details = {
    machine: `${cpu.length} × ${cpu[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL ${postgresVersion}`,
    date: new Date().toISOString(),
    charges: CHARGES,
    seedSeconds: database.seedSeconds ?? null,
    runs: RUNS,
    endpoints: endpointDetails,
    withoutRollups: fallbackSql,
    pagination,
    csv,
    alertsBacktest,
    coldStart: { ...coldStart, loadAverage: coldStartLoad },
    pages,
    martsBuild,
  };
  writeFileSync(join(PROJECT_ROOT, 'tests/bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(PROJECT_ROOT, 'tests/bench/results-details.json'), JSON.stringify(details, null, 2) + '\n');
  console.log('\n' + markdown(results, details));
  await deps.db.close();
} finally {
  await server.stop();
  if (!process.env.BENCH_BUILD_DIR) rmSync(buildDir, { recursive: true, force: true });
}

function markdown(r: BenchResults, d: {
  machine: string;
  endpoints: Array<{ loadAverage: number[] }>;
  withoutRollups: Array<{ name: string; sqlMs: number }>;
  pagination: { page1000Ms: number; lastPage: number };
  csv: { rows: number; seconds: number };
  alertsBacktest: BacktestMeasurement;
  pages: Array<{ path: string; jsGzipBytes: number; cssGzipBytes: number; htmlGzipBytes: number; lighthouse?: { performance: number; accessibility: number; bestPractices: number } }>;
  martsBuild: MartsBuildMeasurement[];
}): string {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  const lines = [
    `Machine: ${d.machine}; ${r.charges.toLocaleString('en-US')} charges.`,
    '',
    '| endpoint (uncached unless noted) | days | p50 ms | p95 ms | cached p50 ms | its SQL alone ms | overhead ms | load avg (1 min) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...r.endpoints.map((e, i) => `| ${e.name} | ${e.rangeDays ?? '–'} | ${e.p50Ms} | ${e.p95Ms} | ${e.cachedP50Ms ?? '–'} | ${e.sqlP50Ms} | ${e.overheadMs} | ${d.endpoints[i]?.loadAverage[0]} |`),
    '',
    ...(d.withoutRollups.length === 0 ? [] : [`Without the rollups (the detail-mart fallbacks), SQL alone: ${d.withoutRollups.map((e) => `${e.name} ${e.sqlMs} ms`).join('; ')}.`]),
    `Pagination (all charges, 25 a page): page 1 ${r.pagination.firstMs} ms, page 1,000 ${d.pagination.page1000Ms} ms, last page (${d.pagination.lastPage.toLocaleString('en-US')}) ${r.pagination.lastMs} ms.`,
    `CSV export: ${d.csv.rows.toLocaleString('en-US')} rows in ${d.csv.seconds} s = ${r.csv.rowsPerSec.toLocaleString('en-US')} rows/s, server peak RSS ${r.csv.peakRssMb} MB.`,
    `Failure-spike backtest, every 15-minute check of ${d.alertsBacktest.range.from}..${d.alertsBacktest.range.to} (90 days): ${d.alertsBacktest.medianMs} ms (median of ${d.alertsBacktest.runs}; first ${d.alertsBacktest.firstMs} ms), ${d.alertsBacktest.episodes.length} episode(s).`,
    `Cold start (import of the bundled overview-kpis function): ${r.coldStartMs} ms.`,
    '',
    ...(d.pages.length === 0 ? [] : [
      '| page | JS gzip KB | CSS gzip KB | HTML gzip KB | Lighthouse perf | a11y | best practices |',
      '|---|---:|---:|---:|---:|---:|---:|',
      ...d.pages.map((p) => `| ${p.path} | ${kb(p.jsGzipBytes)} | ${kb(p.cssGzipBytes)} | ${kb(p.htmlGzipBytes)} | ${p.lighthouse?.performance ?? '–'} | ${p.lighthouse?.accessibility ?? '–'} | ${p.lighthouse?.bestPractices ?? '–'} |`),
      '',
    ]),
    ...(d.martsBuild.length === 0 ? [] : [martsBuildMarkdown(d.martsBuild)]),
  ];
  return lines.join('\n');
}
