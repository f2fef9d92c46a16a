import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { csvExportCompression, literalizeInvalidEscapes } from '../../src/cli/serve.ts';
import { assetHeaders } from '../../src/auth/security-headers.ts';
import { loginOverHttp } from '../helpers/login.ts';
import { PROJECT_ROOT, procfileWeb, startNodeServer } from '../helpers/node-build.ts';
import { SERVER_BUNDLE } from '../../src/server/node-integration.ts';
import { createScratchDatabase } from '../helpers/postgres.ts';

/** Runs `node src/cli/serve.ts` (what the Procfile starts) with exactly the given environment. */
function serveWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [...procfileWeb().nodeFlags, 'src/cli/serve.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

const SECRET = 's'.repeat(40);

describe('literalizeInvalidEscapes', () => {
  it('keeps valid escapes and escapes the percent signs of invalid runs', () => {
    expect(literalizeInvalidEscapes('/api/payments?q=caf%C3%A9&x=%20')).toBe('/api/payments?q=caf%C3%A9&x=%20');
    expect(literalizeInvalidEscapes('/api/payments?q=%80')).toBe('/api/payments?q=%2580');
    expect(literalizeInvalidEscapes('/api/payments/%c0%ae%c0%af?a=%E2%82')).toBe('/api/payments/%25c0%25ae%25c0%25af?a=%25E2%2582');
    expect(() => decodeURI(literalizeInvalidEscapes('/%FF%FE?%20=%80%00'))).not.toThrow();
  });
});

describe('the server process', () => {
  it('gets the same node flags from the Procfile, npm start and npm run serve, and glibc malloc settings on the web dyno', () => {
    const { env, nodeFlags } = procfileWeb();
    // Without a limit V8 let the old generation grow to ~100 MB of garbage under 50 clients before
    // collecting it (peak RSS 255 MB; with the limit 170 MB, live old space ~25 MB).
    expect(nodeFlags).toContain('--max-old-space-size=256');
    // Two arenas rather than 8 a core (the compressors run on libuv's threads), and buffers above
    // 128 KB mapped and unmapped rather than left in the heap: the full 10M export's peak RSS went
    // from 225 to 181-189 MB. The npm scripts stay portable; the variables mean nothing off glibc.
    expect(env).toEqual({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
    const { scripts } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.start).toBe(['node', ...nodeFlags, 'src/cli/start.ts'].join(' '));
    expect(scripts.serve).toBe(['node', ...nodeFlags, 'src/cli/serve.ts'].join(' '));
  });

  it('runs on the web dyno from the Node build\'s bundle of serve.ts, which imports no TypeScript', () => {
    // Importing one .ts file loads Node's TypeScript stripper, 16 MB of resident memory for the
    // process's whole life; the bundle's own imports are Node's modules and installed packages.
    expect(procfileWeb().script).toBe(`dist-node/${SERVER_BUNDLE}`);
    const bundle = readFileSync(join(inject('nodeBuildDir'), SERVER_BUNDLE), 'utf8');
    const imported = [...bundle.matchAll(/(?:^|\n)\s*import\s[^;]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] ?? match[2]!);
    expect(imported).toContain('pg');
    expect(imported.filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/') || specifier.endsWith('.ts'))).toEqual([]);
    expect(bundle).toContain('async function serve(');
  });
});

describe('csvExportCompression', () => {
  it('sends the export as brotli at quality 1 to browsers and as gzip at level 1 to the others', async () => {
    const csv = Buffer.from(Array.from({ length: 3000 }, (_, i) => `ch_${i},pi_${i % 700},cus_${i % 97},2026-05-01T14:00:0${i % 10}Z,${i}.00,usd,failed\r\n`).join(''));
    const compress = csvExportCompression();
    const server = createServer((req, res) => compress(req as never, res as never, () => {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.end(csv);
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const body = (acceptEncoding: string) => new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
      request({ port, host: '127.0.0.1', path: '/api/payments.csv', headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      }).on('error', reject).end();
    });
    try {
      const browser = await body('gzip, deflate, br, zstd');
      expect(browser.encoding).toBe('br');
      // One write: the stream's output is what a one-shot compression with the same settings gives.
      expect(browser.bytes.equals(brotliCompressSync(csv, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } }))).toBe(true);
      expect(browser.bytes.length).toBeGreaterThan(brotliCompressSync(csv, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } }).length);
      const other = await body('gzip');
      expect(other.encoding).toBe('gzip');
      expect(gunzipSync(other.bytes).equals(csv)).toBe(true);
      expect(other.bytes.length).toBe(gzipSync(csv, { level: 1 }).length);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('serve start-up checks', () => {
  it.each([
    ['DATABASE_URL', { NODE_ENV: 'production', DASHBOARD_PASSWORD: 'pw', SESSION_SECRET: SECRET }],
    ['DASHBOARD_PASSWORD', { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@127.0.0.1/db', SESSION_SECRET: SECRET }],
    ['SESSION_SECRET', { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@127.0.0.1/db', DASHBOARD_PASSWORD: 'pw', SESSION_SECRET: 'too-short' }],
  ])('stops with one line naming %s', (variable, env) => {
    const { status, stderr } = serveWith(env);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain(variable);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
  });

  it('stops with one readable line when the database is unreachable, without its password', () => {
    const { status, stderr } = serveWith({ DATABASE_URL: 'postgresql://reader:hunter2@127.0.0.1:1/analytics', DASHBOARD_PASSWORD: 'team' });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('Cannot reach the database at 127.0.0.1:1/analytics');
    expect(stderr).not.toContain('hunter2');
  });
});

/** node:http, since fetch refuses to send TRACE. */
function rawRequest(base: string, method: string, path: string, cookie = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve', () => {
  it('serves the built app with compressed responses, and says in one line that the marts are missing', async () => {
    // An empty database: reachable, but without the marts.
    const scratch = await createScratchDatabase();
    // Production, as the Procfile runs it (HSTS on every response, assets included).
    const server = await startNodeServer(inject('nodeBuildDir'), { NODE_ENV: 'production', DATABASE_URL: scratch.url, DASHBOARD_PASSWORD: 'team', SESSION_SECRET: SECRET }, { viaServeCli: true });
    try {
      expect(server.output()).toContain('Payments dashboard: http://localhost:');
      const martsLine = server.output().split('\n').find((line) => line.startsWith('Marts '));
      expect(martsLine).toBe('Marts missing: Table public.mart_stripe_payments (MART_SCHEMA, MART_PAYMENTS_TABLE) does not exist. '
        + 'Table public.mart_stripe_payments_daily (MART_SCHEMA, MART_DAILY_TABLE) does not exist.');
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ database: { status: 'ok' }, marts: { status: 'missing', table: 'public.mart_stripe_payments' } });
      const login = await fetch(`${server.url}/login`);
      expect(login.status).toBe(200);
      expect(login.headers.get('vary')).toMatch(/accept-encoding/i);
      // The largest bundled script; fetch decompresses it, the headers still say how it travelled.
      const assetsDir = join(inject('nodeBuildDir'), 'client/_astro');
      const scripts = readdirSync(assetsDir).filter((name) => name.endsWith('.js'));
      const largest = scripts.sort((a, b) => statSync(join(assetsDir, b)).size - statSync(join(assetsDir, a)).size)[0];
      const script = await fetch(`${server.url}/_astro/${largest}`, { headers: { 'accept-encoding': 'br, gzip' } });
      await script.arrayBuffer();
      expect(script.status).toBe(200);
      expect(script.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
      // Assets skip the middleware: serve.ts gives them the baseline, the non-document CSP and immutable caching.
      for (const [name, value] of Object.entries(assetHeaders(true))) expect(script.headers.get(name), name).toBe(value);

      // What the adapter cannot parse still gets the API's JSON errors, not plain text.
      const trace = await rawRequest(server.url, 'TRACE', '/api/health');
      expect(trace.status).toBe(405);
      expect(JSON.parse(trace.body)).toMatchObject({ error: 'method_not_allowed' });
      // Escapes that are not UTF-8 reach the app as literal text and meet its own validation.
      const cookie = await loginOverHttp(server.url, 'team');
      const badQuery = await rawRequest(server.url, 'GET', '/api/payments?status=%80', cookie);
      expect(badQuery.status).toBe(400);
      expect(JSON.parse(badQuery.body)).toMatchObject({ error: 'invalid_parameter', param: 'status' });
      const badPath = await rawRequest(server.url, 'GET', '/api/payments/ch_%C0', cookie);
      expect(badPath.status).toBe(400);
      expect(JSON.parse(badPath.body)).toMatchObject({ error: 'invalid_parameter', param: 'charge_id' });
    } finally {
      await server.stop();
      await scratch.drop();
    }
  });
});
