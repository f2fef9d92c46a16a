import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/node-build.ts';
import {
  checkAnswer, DATA_ENDPOINTS, LEAKED_INTERNALS, DETAIL, encodeComponent, HEALTH, OVERVIEW_ENDPOINTS, pathWithQuery,
  PAYMENTS, PAYMENTS_CSV, REFRESH, type Endpoint, type ParamList, type ParamValue,
} from './lib/api-contract.ts';
import { SQL_INJECTIONS } from './lib/arbitraries.ts';
import { suiteContext } from './lib/context.ts';
import { reportFigure } from './lib/figures.ts';
import { DeviationTally, deviationOf, inPool } from './lib/known-deviations.ts';
import { formatStatusCounts, type HttpResponse, type SuiteClient } from './lib/http.ts';
import { loggedInClient, startSuiteServer } from './lib/suite-server.ts';

/**
 * Hostile input through every endpoint: SQL injection, path traversal, huge and repeated
 * parameters, unicode and NUL bytes, wrong methods, forged cookies. Nothing may produce a 5xx,
 * echo database internals, reach the file system, or return a row outside the request's filters.
 */
const context = suiteContext();
const { dataset } = context;
const WINDOW: ParamList = [['from', dataset.lastDate.slice(0, 8) + '01'], ['to', dataset.lastDate]];
const ALL_ROUTES = [...DATA_ENDPOINTS, HEALTH, REFRESH];
const LOGIN_PATHS = ['/api/login', '/api/logout'];
/** Requests in flight at once: a busy client, not a load test (that is load.resilience.ts). */
const CONCURRENCY = 4;

/** Files and source that must never be served: their tell-tale text. */
const FILE_CONTENT = /root:x:0:0|"stripe-payments-dashboard"|createExports|DASHBOARD_PASSWORD|BEGIN (RSA |OPENSSH )?PRIVATE KEY|\[core\]\s+repositoryformatversion/;

describe('hostile input through every endpoint', () => {
  let server: RunningServer;
  let client: SuiteClient;
  let admin: pg.Client;
  let rowsBefore = 0;
  const problems: string[] = [];
  let nodeCoreRefusals = 0;
  const deviations = new DeviationTally();

  beforeAll(async () => {
    server = await startSuiteServer();
    client = await loggedInClient(server);
    admin = new pg.Client({ connectionString: context.adminDatabaseUrl });
    await admin.connect();
    rowsBefore = Number((await admin.query('select count(*) as n from mart_stripe_payments')).rows[0].n);
  });

  beforeEach(() => {
    problems.length = 0;
  });

  afterAll(async () => {
    client?.close();
    await admin?.end();
    await server?.stop();
  });

  /**
   * Node's HTTP parser refuses request lines over its 16 KB header limit (431) and malformed
   * request lines (400) with an empty body before any JavaScript runs: a 4xx, never the app's.
   */
  const isNodeCoreRefusal = (response: { status: number; body?: string; headers?: Record<string, unknown> }) =>
    [400, 413, 414, 431].includes(response.status) && !response.body && !response.headers?.['content-type'];

  function judge(endpoint: Endpoint, response: HttpResponse, sent: readonly string[], options: { oversize?: boolean } = {}): void {
    const where = `${response.method} ${response.path.length > 160 ? `${response.path.slice(0, 160)}…(${response.path.length} chars)` : response.path} → ${response.status}`;
    if (FILE_CONTENT.test(response.body)) problems.push(`${where}: served file or source content`);
    if (response.ms > 3000) problems.push(`${where}: took ${response.ms.toFixed(0)} ms`);
    if (options.oversize && isNodeCoreRefusal(response)) {
      nodeCoreRefusals++;
      return;
    }
    if (deviations.note(response)) return;
    for (const problem of checkAnswer(endpoint, response, sent)) problems.push(`${where}: ${problem} — ${response.body.slice(0, 160)}`);
  }

  async function send(endpoint: Endpoint, params: ParamList, options: { segment?: ParamValue; rawPath?: string; method?: string; oversize?: boolean } = {}) {
    const path = options.rawPath ?? pathWithQuery(options.segment === undefined ? endpoint.path : `${endpoint.path}${encodeComponent(options.segment)}`, params);
    const method = options.method ?? endpoint.method;
    const headers = method === 'POST' ? { origin: client.baseUrl } : undefined;
    let response: HttpResponse;
    try {
      response = await client.request({ method, path, headers, maxBodyBytes: endpoint.kind === 'csv' ? 262_144 : undefined });
    } catch (error) {
      // Node answers 431 to an oversize request line and closes at once; a client still writing
      // the rest of it may see the reset instead of the answer. Either way: refused before the app.
      if (!options.oversize || !/ECONNRESET|EPIPE|socket hang up/.test(String(error))) throw error;
      response = { method, path, status: 431, headers: {}, rawHeaders: [], body: '', truncated: false, ms: 0 };
    }
    judge(endpoint, response, params.map(([name]) => name), options);
    return response;
  }

  const paramsOf = (endpoint: Endpoint) => (endpoint.kind === 'detail' ? [] : endpoint.params);
  /** A narrowing context so "no rows outside the filters" means something: failed usd charges of the last month. */
  const narrowed = (endpoint: Endpoint, name: string, value: ParamValue): ParamList => {
    const base: ParamList = endpoint.kind === 'overview'
      ? [...WINDOW, ['currency', 'usd']]
      : [['status', 'failed'], ['currency', 'usd'], ...WINDOW];
    return [...base.filter(([n]) => n !== name && endpoint.params.includes(n)), [name, value]];
  };

  it('SQL injection in every parameter of every endpoint: refused or inert, the marts untouched', async () => {
    for (const endpoint of DATA_ENDPOINTS) {
      if (endpoint.kind === 'detail') {
        for (const injection of SQL_INJECTIONS) await send(endpoint, [], { segment: injection });
        continue;
      }
      for (const name of [...paramsOf(endpoint), 'unknown']) {
        await inPool(SQL_INJECTIONS.flatMap((injection) => [() => send(endpoint, [[name, injection]]), () => send(endpoint, narrowed(endpoint, name, injection))]), CONCURRENCY);
      }
    }
    // The q search escapes LIKE's wildcards: these match nothing, or only ids starting with the literal text.
    for (const q of ['%', '_', '%%', 'ch_%', '\\', '\\%', 'c_', '%ch']) await send(PAYMENTS, [['q', q], ['size', '100']]);
    const [{ n }] = (await admin.query('select count(*) as n from mart_stripe_payments')).rows;
    expect(Number(n)).toBe(rowsBefore);
    // Nothing left running: a CSV batch already in flight when its download ended may finish
    // (one batch, bounded by the statement timeout), but nothing keeps going after that.
    const stillRunning = async () => (await admin.query("select query from pg_stat_activity where datname = current_database() and application_name = 'payments-dashboard' and state = 'active'")).rows;
    await expect.poll(stillRunning, { timeout: 5000, interval: 100 }).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('path traversal in the charge id and around the static files: nothing outside the API is served', async () => {
    const traversals = [
      '/api/payments/..%2F..%2F..%2Fetc%2Fpasswd', '/api/payments/%2e%2e%2f%2e%2e%2fpackage.json', '/api/payments/..%5c..%5cpackage.json',
      '/api/payments/../../../etc/passwd', '/api/payments/..', '/api/payments/.', '/api/payments/%2e%2e', '/api/payments/',
      '/api/payments//', '/api/payments/ch_1/..', '/api/payments/ch_1/../../health', `/api/payments/${dataset.chargeIds[0]}/extra`,
      `/api/payments/${dataset.chargeIds[0]}%2F..%2F..%2Fhealth`, '/api/payments/%c0%ae%c0%ae%c0%af', '/api/payments/....//....//etc/passwd',
      '/api/payments/%252e%252e%252fpackage.json', '/api/payments/ch_%00.json', '/api/payments/%00', '/api/payments/ch_%0d%0aSet-Cookie:%20x=1',
      '/api/payments/file:%2F%2F%2Fetc%2Fpasswd', '/api/payments/%2Fetc%2Fpasswd', '/api/payments/~root', `/api/payments/${'../'.repeat(40)}etc/passwd`,
      '/api/../package.json', '/api/..%2F..%2Fpackage.json', '/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/_astro/..%2F..%2F..%2Fpackage.json',
      '/_astro/../../server/entry.mjs', '/..%2Fserver%2Fentry.mjs', '/%2e%2e%2fserver%2fentry.mjs', '/server/entry.mjs', '/../server/entry.mjs',
      '/.env', '/.git/config', '/package.json', '/node_modules/pg/package.json', '/api/payments.csv/..%2F..%2Fpackage.json',
      '//etc/passwd', '/\\..\\..\\package.json', '/%5c..%5c..%5cpackage.json',
    ];
    for (const path of traversals) {
      // The server resolves dot segments (also %2e%2e) as WHATWG URLs do: judge the path it routes.
      const routed = new URL(path, 'http://x').pathname;
      const response = await client.get(path);
      const where = `GET ${path} (routed as ${routed}) → ${response.status}`;
      if (FILE_CONTENT.test(response.body)) problems.push(`${where}: served file or source content`);
      if (deviations.note(response)) continue;
      if (response.status >= 500) problems.push(`${where}: server error`);
      if (routed.startsWith('/api/payments/')) judge(DETAIL, response, []);
      else if (routed.startsWith('/api/')) {
        if (response.status >= 400 && !String(response.headers['content-type']).includes('application/json')) problems.push(`${where}: API error not JSON`);
      } else if (response.status === 200 && !String(response.headers['content-type']).startsWith('text/html')) {
        problems.push(`${where}: served a ${String(response.headers['content-type'])} file outside the API`);
      }
    }
    // The id is matched exactly: a prefix or an intent id never opens a charge.
    for (const id of [dataset.chargeIds[0]!.slice(0, 6), dataset.intentIds[0]!, dataset.customerIds[0]!, `${dataset.chargeIds[0]}%`, `${dataset.chargeIds[0]} `]) {
      const response = await send(DETAIL, [], { segment: id });
      if (response.status === 200) problems.push(`${response.path}: opened a charge for a non-exact id`);
    }
    expect(problems).toEqual([]);
  });

  it('a very long q is refused with a 400 naming q (or by Node beyond its header limit)', async () => {
    for (const length of [101, 1_000, 8_000, 15_000, 70_000]) {
      for (const endpoint of [PAYMENTS, PAYMENTS_CSV]) {
        const response = await send(endpoint, [['q', 'c'.repeat(length)]], { oversize: length > 15_000 });
        if (length > 100 && response.status === 200) problems.push(`q of ${length} characters accepted by ${endpoint.name}`);
      }
      await send(DETAIL, [], { segment: 'c'.repeat(length), oversize: length > 15_000 });
    }
    expect(problems).toEqual([]);
  });

  it('thousands of parameters, and every parameter repeated', async () => {
    const many = (n: number, make: (i: number) => [string, string]): ParamList => Array.from({ length: n }, (_, i) => make(i));
    for (const endpoint of ALL_ROUTES.filter((e) => e.kind !== 'detail')) {
      await send(endpoint, many(1500, (i) => [`p${i}`, String(i)]));
      await send(endpoint, many(4000, (i) => [`p${i}`, 'x']), { oversize: true });
    }
    await send(PAYMENTS, many(1000, () => ['status', 'failed']));
    await send(PAYMENTS, many(1000, (i) => ['status', i % 2 ? 'failed' : 'succeeded']));
    await send(PAYMENTS, many(700, (i) => ['q', `ch_${i}`]));

    // Repeated: the same value twice is that value; two different values are refused, naming the parameter.
    const valid: Record<string, [string, string]> = {
      status: ['failed', 'succeeded'], from: [WINDOW[0]![1] as string, dataset.firstDate], to: [dataset.lastDate, WINDOW[0]![1] as string],
      q: [dataset.chargeIds[0]!.slice(0, 5), 'cus_'], funnel: [dataset.funnels[0]!, dataset.funnels.at(-1)!], brand: [dataset.brands[0]!, dataset.brands.at(-1)!],
      currency: ['usd', 'eur'], sort: ['amount', '-amount'], page: ['2', '3'], size: ['25', '50'],
    };
    for (const endpoint of [...OVERVIEW_ENDPOINTS, PAYMENTS, PAYMENTS_CSV]) {
      for (const name of endpoint.params) {
        const [a, b] = valid[name]!;
        await send(endpoint, [[name, a], [name, a]]);
        await send(endpoint, [[name, ''], [name, a]]);
        const twoValues = await send(endpoint, [[name, a], [name, b]]);
        if (twoValues.status === 200) {
          // Accepted: the rows must then satisfy one of the two values (checkAnswer used the first), never neither.
          const body = endpoint.kind === 'payments' ? JSON.parse(twoValues.body) as { rows: Array<Record<string, unknown>> } : undefined;
          if (body && name === 'status' && body.rows.some((r) => r.status !== a) && body.rows.some((r) => r.status !== b)) problems.push(`${twoValues.path}: rows of both statuses`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('unicode, control characters and NUL bytes in every parameter and in the path', async () => {
    const values: ParamValue[] = [
      '\u0000', 'ch_\u0000', 'failed\u0000', `${dataset.lastDate}\u0000`, '\u0000usd', '💳', 'ch_💳', '\u202efailed', 'ｆａｉｌｅｄ', 'ＵＳＤ',
      'e\u0301', '\ufeffusd', 'fa\u200biled', '\u00a0failed', 'ch_\r\nSet-Cookie: x=1', 'failed\r\nX-Injected: 1', '\t', '\u001b[31m', '\u2028',
      '\ud83d', '\udc00x', { bytes: [0xc0, 0x80] }, { bytes: [0xed, 0xa0, 0x80] }, { bytes: [0xff, 0xfe] }, { bytes: [0xe2, 0x82] }, { bytes: [0x00] },
      '١٢', '１', '²', 'Ⅻ', '𝟏𝟐', 'İ', 'ß', 'ﬁ',
    ];
    for (const endpoint of [...DATA_ENDPOINTS, HEALTH]) {
      if (endpoint.kind === 'detail') {
        await inPool(values.map((value) => () => send(endpoint, [], { segment: value })), CONCURRENCY);
        continue;
      }
      for (const name of [...endpoint.params, 'x']) await inPool(values.map((value) => () => send(endpoint, narrowed(endpoint, name, value))), CONCURRENCY);
    }
    // Raw bytes in the request line, which no well-behaved client sends.
    for (const path of ['/api/payments/ch_\u00ff', '/api/payments?q=\u00e9', '/api/payments/\u0000', '/api/payments?q=a\u0000b', '/api/overview/kpis?from=\u00ff', '/api/payments?q=a b']) {
      const { status, text } = await client.rawRequest(Buffer.from(`GET ${path} HTTP/1.1`, 'latin1'));
      if (status >= 500 || status === 0) problems.push(`raw ${JSON.stringify(path)} → ${status}`);
      if (FILE_CONTENT.test(text)) problems.push(`raw ${JSON.stringify(path)} served file content`);
    }
    expect(problems).toEqual([]);
  });

  it('wrong methods: 405 JSON with Allow on every API route, never a 5xx', async () => {
    const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];
    const routes: Array<{ endpoint: Endpoint; path: string; allowed: string[] }> = [
      ...ALL_ROUTES.map((endpoint) => ({ endpoint, path: endpoint.kind === 'detail' ? `${endpoint.path}${dataset.chargeIds[0]}` : endpoint.path, allowed: endpoint.method === 'GET' ? ['GET', 'HEAD'] : ['POST'] })),
      ...LOGIN_PATHS.map((path) => ({ endpoint: REFRESH, path, allowed: ['POST'] })),
    ];
    for (const { endpoint, path, allowed } of routes) {
      for (const method of methods.filter((m) => !allowed.includes(m))) {
        const response = await client.request({ method, path, headers: { 'content-type': 'application/json', origin: server.url }, body: method === 'GET' || method === 'HEAD' ? undefined : '{"x":1}' });
        const where = `${method} ${path} → ${response.status}`;
        if (deviations.note(response)) continue;
        if (response.status >= 500) problems.push(`${where}: server error`);
        else if (method === 'OPTIONS' && response.status < 300) continue; // a CORS-style preflight answer is acceptable
        else if (method === 'HEAD') {
          if (response.status !== 405 && response.status !== 404) problems.push(`${where}: expected 405`);
        } else if (response.status !== 405) problems.push(`${where}: expected 405`);
        else {
          if (!String(response.headers['content-type']).includes('application/json')) problems.push(`${where}: not JSON`);
          if (!response.headers.allow) problems.push(`${where}: no Allow header`);
        }
        if (LOGIN_PATHS.includes(path)) continue;
        judge(endpoint, response, []);
      }
    }
    // HEAD on a GET route answers like GET without a body.
    const head = await client.request({ method: 'HEAD', path: pathWithQuery(PAYMENTS.path, WINDOW) });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    // Methods Node's parser does not know never reach the app.
    const unknown = await client.rawRequest(Buffer.from('FOO /api/payments HTTP/1.1'));
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(problems).toEqual([]);
  });

  it('odd bodies and content types on the POST routes, and forged or oversized cookies, never give a 5xx', async () => {
    const bodies: Array<[string, string]> = [
      ['application/json', '{"password": "x", "next": "/"}'],
      ['application/x-www-form-urlencoded', 'password=%zz&next=%'],
      ['application/x-www-form-urlencoded', `password=${'x'.repeat(200_000)}`],
      ['application/x-www-form-urlencoded', Array.from({ length: 5000 }, (_, i) => `password=${i}`).join('&')],
      ['application/x-www-form-urlencoded', 'password=%00&next=%00'],
      ['multipart/form-data; boundary=zzz', '--zzz\r\nContent-Disposition: form-data; name="password"\r\n\r\nx\r\n--zzz--\r\n'],
      ['multipart/form-data', 'garbage'],
      ['text/plain', '\u0000\u0001\u0002'],
      ['application/x-www-form-urlencoded; charset=utf-16', 'password=x'],
    ];
    for (const path of [...LOGIN_PATHS, REFRESH.path]) {
      for (const [type, body] of bodies) {
        // Each from its own address, so the failed-login limit does not mask what the handler does.
        const response = await client.request({ method: 'POST', path, headers: { 'content-type': type, origin: server.url, cookie: '' }, body });
        if (response.status >= 500) problems.push(`POST ${path} (${type}, ${body.length} bytes) → ${response.status}: ${response.body.slice(0, 160)}`);
        if (LEAKED_INTERNALS.test(response.body)) problems.push(`POST ${path} (${type}) leaked internals`);
      }
    }
    // Forged sessions under the real cookie's name: refused with 401 JSON, never a 5xx, never let in.
    const [name, token = ''] = client.cookie!.split('=');
    const [header = '', payload = '', signature = ''] = token.split('.');
    const flip = (text: string) => `${text.slice(0, -2)}${text.at(-2) === 'A' ? 'B' : 'A'}${text.at(-1)}`;
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
    const forged = [
      'garbage', '', 'a.b.c', `${header}.${flip(payload)}.${signature}`, `${header}.${payload}.${flip(signature)}`, none,
      `${header}.${Buffer.from('{"exp":4102444800}').toString('base64url')}.${signature}`, 'A'.repeat(7000), '%00', `${token}x`, `"${token}"`,
    ].map((value) => `${name}=${value}`);
    forged.push(Array.from({ length: 300 }, (_, i) => `c${i}=${i}`).join('; '), `${name}=garbage; ${name}=${token}x`);
    for (const cookie of forged) {
      const response = await client.request({ path: pathWithQuery(PAYMENTS.path, WINDOW), headers: { cookie } });
      const where = `cookie ${cookie.slice(0, 60)} → ${response.status}`;
      if (response.status !== 401) problems.push(`${where}: expected 401`);
      else if (!String(response.headers['content-type']).includes('application/json')) problems.push(`${where}: not JSON`);
    }
    expect(problems).toEqual([]);
  });

  it('saw no 5xx, refused nothing it should have served, and leaked no secret', () => {
    reportFigure('hostile: requests sent', client.requests);
    reportFigure('hostile: statuses', formatStatusCounts(client.statusCounts));
    reportFigure('hostile: 5xx seen', client.serverErrors.length);
    reportFigure('hostile: refused by Node before the app (oversize request line)', nodeCoreRefusals);
    reportFigure('hostile: framework answers outside the contract (known, see known-deviations.ts)', deviations.summary());
    expect(client.serverErrors.filter((r) => !deviationOf(r)).map((r) => `${r.method} ${r.path.slice(0, 200)} → ${r.status} ${r.body.slice(0, 200)}`)).toEqual([]);
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
    expect(server.output()).not.toMatch(/unexpected error|Unhandled|uncaught/i);
  });
});
