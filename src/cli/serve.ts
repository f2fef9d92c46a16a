/**
 * Starts the built Node variant (dist-node) — what the Procfile runs on Heroku and `npm start`
 * runs locally. Configuration and the database are checked first so a mistake is one readable
 * line and exit code 1, never a stack trace from deep inside the server.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import compression from 'compression';
import { constants as zlibConstants } from 'node:zlib';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseConfig, type Config } from '../config/config.ts';
import { connectExternalDatabase, openConfiguredDatabase } from '../runtime/open-database.ts';
import { DatabaseError } from '../db/database.ts';
import { describeDiagnosis, diagnoseMarts } from '../queries/mart-diagnosis.ts';
import { martTables } from '../marts/mart-tables.ts';
import { onceUntilFailure } from '../runtime/runtime-deps.ts';
import { everyTick, scheduledCheck } from '../alerts/schedule.ts';
import { memoryLedger } from '../alerts/ledger.ts';
import { assetHeaders } from '../auth/security-headers.ts';
import { handleApiRequest, isApiRequest } from './api-requests.ts';
import { isEntryPoint } from './cli-support.ts';

export const NODE_BUILD_ENTRY = join(process.cwd(), 'dist-node/server/entry.mjs');

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** host:port/database of a URL, never its user or password. */
function describeDatabase(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

/**
 * An unreachable database stops start-up; marts that are missing, unreadable or incomplete are
 * said in one line but the server still starts, so /api/health can be read (and the running
 * server heals once the marts are fixed).
 */
async function checkDatabase(config: Config): Promise<void> {
  if (!config.databaseUrl) return;
  const db = await connectExternalDatabase(config);
  try {
    await db.query('select 1');
    const diagnosis = await diagnoseMarts(db, config);
    (diagnosis.status === 'ok' ? console.log : console.error)(describeDiagnosis(diagnosis, config));
  } catch (error) {
    const reason = error instanceof DatabaseError ? error.message : 'unknown error';
    fail(`Cannot reach the database at ${describeDatabase(config.databaseUrl)} (${reason}). Check DATABASE_URL and that the server is running.`);
  } finally {
    await db.close().catch(() => {}); // a probe connection: the check's outcome is what counts
  }
}

const COMPRESSION_THRESHOLD_BYTES = 14 * 1024;
const CSV_EXPORT_PATH = '/api/payments.csv';

/**
 * Compression for the CSV export, the one body measured in gigabytes: each encoding at its
 * fastest setting. On 300,000 exported rows (53 MB, one core): brotli at quality 1, what browsers
 * get (they accept br and the middleware prefers it), 223 MB/s for a ratio of 2.84, where the
 * middleware's default quality 4 ran at 37 MB/s (2.96); gzip at level 1, for clients without br,
 * 119 MB/s (2.71), where its default level 6 ran at 40 MB/s (2.88).
 */
export function csvExportCompression(): ReturnType<typeof compression> {
  return compression({
    threshold: COMPRESSION_THRESHOLD_BYTES,
    level: 1,
    brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
  });
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Methods undici's Request refuses, which the adapter would answer with a plain-text 500. */
function refusedMethod(method: string | undefined): boolean {
  return method === 'TRACE' || method === 'TRACK' || method === 'CONNECT';
}

/**
 * The adapter answers a URL whose %-escapes are not UTF-8 (`?q=%80`) with a plain-text 400 before
 * the app sees it. Escaping the percent signs of such runs (`%80` → `%2580`) hands the app the
 * literal text instead, which its own validation then accepts, ignores or refuses by name like
 * any other value.
 */
export function literalizeInvalidEscapes(url: string): string {
  return url.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      decodeURIComponent(run);
      return run;
    } catch {
      return run.replaceAll('%', '%25');
    }
  });
}

/**
 * @astrojs/node's standalone handler (static files and pages) and the API (./api-requests.ts)
 * behind gzip/brotli compression, which the adapter does not do itself: on Heroku nothing in front
 * compresses, and the pages' JavaScript would travel at 2–3× its size. Netlify's CDN compresses
 * on its side.
 */
async function listen(port: number, host: string, production: boolean): Promise<void> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  // The adapter serves /_astro/* from disk without running the middleware that adds the
  // security headers, so they are set here, before it writes its own.
  const assets = Object.entries(assetHeaders(production));
  const { handler } = (await import(pathToFileURL(NODE_BUILD_ENTRY).href)) as { handler: NodeHandler };
  // Below ~14 KB (TCP's initial window of ten segments, RFC 6928) a response takes one round trip
  // compressed or not, so compressing it only costs: ~0.2 ms of CPU a response, a tenth of an
  // API request's budget beyond its SQL. Pages' scripts and the CSV export are far larger.
  const compress = compression({ threshold: COMPRESSION_THRESHOLD_BYTES });
  const compressCsv = csvExportCompression();
  const server = createServer((req, res) => {
    if (refusedMethod(req.method)) {
      res.writeHead(405, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', allow: 'GET, HEAD, POST' });
      res.end(JSON.stringify({ error: 'method_not_allowed', message: `${req.method} is not allowed` }));
      return;
    }
    req.url = literalizeInvalidEscapes(req.url ?? '/');
    if (req.url.startsWith('/_astro/')) for (const [name, value] of assets) res.setHeader(name, value);
    const route: NodeHandler = isApiRequest(req.url) ? (apiReq, apiRes) => void handleApiRequest(apiReq, apiRes) : handler;
    (req.url.startsWith(CSV_EXPORT_PATH) ? compressCsv : compress)(req as never, res as never, () => route(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
}

/** The server listens shortly after its module loads; the first health check also fills the demo database. */
async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => undefined); // not listening yet: ask again
    if (response) return response.ok;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

export async function serve(): Promise<void> {
  let config: Config;
  try {
    config = parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
  await checkDatabase(config);
  if (!existsSync(NODE_BUILD_ENTRY)) fail('No Node build found in dist-node/. Run `npm run build:node` first (or `npm start`, which builds when needed).');

  const port = process.env.PORT || '4321';
  await listen(Number(port), process.env.HOST || 'localhost', config.production);

  const url = `http://localhost:${port}`;
  if (config.databaseKind === 'pglite') {
    // Fill the embedded database now rather than on the first visitor's request.
    console.log(`Preparing the demo database (${config.demoCharges.toLocaleString('en-US')} generated charges)…`);
    const started = performance.now();
    if (!(await waitForHealth(`${url}/api/health`, 120_000))) fail('The demo database could not be prepared; see the messages above.');
    console.log(`Demo database ready in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    console.log(`\n  Payments dashboard: ${url}\n  Password: ${config.password === 'demo' ? 'demo' : '(DASHBOARD_PASSWORD)'}\n`);
  } else {
    console.log(`\n  Payments dashboard: ${url} (${config.databaseKind} database at ${describeDatabase(config.databaseUrl!)})\n`);
  }
  scheduleAlerts(config);
}

/**
 * Failure-spike alerts in the web process, so Heroku needs no extra dyno: a check at every tick
 * when alerts are configured. Of several Heroku web dynos only web.1 checks, or each would
 * announce every episode. The check opens its own read-only connection on first use.
 */
function scheduleAlerts(config: Config): void {
  const dyno = process.env.DYNO;
  if (!config.alerts.enabled || (dyno !== undefined && dyno.startsWith('web.') && dyno !== 'web.1')) return;
  const source = onceUntilFailure(async () => ({ db: await openConfiguredDatabase(config), tables: martTables(config) }));
  const deps = { source, settings: config.alerts, timeZone: config.reportingTimezone, ledger: memoryLedger(), log: (message: string) => console.error(message) };
  everyTick(config.alerts.intervalMinutes * 60_000, async (tick) => {
    await scheduledCheck(deps, tick);
  });
  console.log(`  Failure-spike alerts: checked every ${config.alerts.intervalMinutes} minutes.\n`);
}

if (isEntryPoint(import.meta.url)) await serve();
