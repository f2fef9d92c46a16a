/**
 * Starts the built Node variant (dist-node) — what the Procfile runs on Heroku and `npm start`
 * runs locally. Configuration and the database are checked first so a mistake is one readable
 * line and exit code 1, never a stack trace from deep inside the server.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import compression from 'compression';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, parseConfig, type Config } from '../config/config.ts';
import { connectExternalDatabase } from '../db/connect.ts';
import { DatabaseError } from '../db/database.ts';

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

async function checkDatabase(config: Config): Promise<void> {
  if (!config.databaseUrl) return;
  const db = await connectExternalDatabase(config);
  try {
    await db.query('select 1');
  } catch (error) {
    const reason = error instanceof DatabaseError ? error.message : 'unknown error';
    fail(`Cannot reach the database at ${describeDatabase(config.databaseUrl)} (${reason}). Check DATABASE_URL and that the server is running.`);
  } finally {
    await db.close().catch(() => {});
  }
}

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

interface Refusal {
  status: number;
  body: { error: string; message: string; param?: string };
  headers?: Record<string, string>;
}

/**
 * Requests the adapter cannot turn into a Web Request, which it would answer with a plain-text
 * 500 (TRACE, CONNECT) or 400 (a %-escape that is not UTF-8), answered here in the API's own JSON
 * error shape instead.
 */
function refuseUnservable(req: IncomingMessage): Refusal | undefined {
  const method = req.method ?? 'GET';
  if (method === 'TRACE' || method === 'TRACK' || method === 'CONNECT') {
    return { status: 405, body: { error: 'method_not_allowed', message: `${method} is not allowed` }, headers: { allow: 'GET, HEAD, POST' } };
  }
  const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
  if (!decodes(path)) return { status: 400, body: { error: 'invalid_url', message: 'The URL path contains a %-escape that is not valid UTF-8.' } };
  for (const pair of query.split('&')) {
    const [name = '', value = ''] = pair.split(/=(.*)/s);
    if (decodes(name) && decodes(value)) continue;
    const param = decodes(name) ? decodeURIComponent(name.replace(/\+/g, ' ')) : undefined;
    const message = `${param ?? 'a parameter name'} contains a %-escape that is not valid UTF-8`;
    return { status: 400, body: param ? { error: 'invalid_parameter', param, message } : { error: 'invalid_url', message } };
  }
  return undefined;
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * @astrojs/node's standalone handler (static files + pages + /api) behind gzip/brotli
 * compression, which the adapter does not do itself: on Heroku nothing in front compresses, and
 * the pages' JavaScript would travel at 2–3× its size. Netlify's CDN compresses on its side.
 */
async function listen(port: number, host: string): Promise<void> {
  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  const { handler } = (await import(pathToFileURL(NODE_BUILD_ENTRY).href)) as { handler: NodeHandler };
  const compress = compression();
  const server = createServer((req, res) => {
    const refusal = refuseUnservable(req);
    if (refusal) {
      res.writeHead(refusal.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...refusal.headers });
      res.end(JSON.stringify(refusal.body));
      return;
    }
    compress(req as never, res as never, () => handler(req, res));
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
    const response = await fetch(url).catch(() => undefined);
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
  await listen(Number(port), process.env.HOST || 'localhost');

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
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await serve();
