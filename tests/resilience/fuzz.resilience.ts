import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/node-build.ts';
import {
  checkAnswer, DETAIL, encodeComponent, FILTERS, HEALTH, OVERVIEW_ENDPOINTS, pathWithQuery, PAYMENTS, PAYMENTS_CSV, REFRESH,
  type Endpoint, type ParamList, type ParamValue,
} from './lib/api-contract.ts';
import { garbage, requestArb } from './lib/arbitraries.ts';
import { suiteContext } from './lib/context.ts';
import { reportFigure } from './lib/figures.ts';
import { DeviationTally, deviationOf } from './lib/known-deviations.ts';
import { formatStatusCounts, type HttpResponse, type SuiteClient } from './lib/http.ts';
import { loggedInClient, logIn, startSuiteServer } from './lib/suite-server.ts';

/**
 * fast-check over every API parameter, alone and combined, logged in: whatever is sent, the
 * answer is a 2xx that respects the filters or a 4xx JSON naming the parameter — never a 5xx.
 * Requests go out in batches of 8 at a time; a failing batch shrinks to its smallest failing
 * request.
 */
const context = suiteContext();
const { dataset } = context;
const BATCH = 8;
// Set FC_SEED to replay a failure fast-check printed.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

describe('fuzzing every API parameter', () => {
  let server: RunningServer;
  let client: SuiteClient;
  const deviations = new DeviationTally();

  beforeAll(async () => {
    server = await startSuiteServer();
    client = await loggedInClient(server);
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  async function send(endpoint: Endpoint, params: ParamList, segment?: ParamValue): Promise<{ response: HttpResponse; problems: string[] }> {
    const path = pathWithQuery(segment === undefined ? endpoint.path : `${endpoint.path}${encodeComponent(segment)}`, params);
    // A whole-result CSV can be megabytes: the first 64 KB say enough, and the server must cope with the hang-up.
    const headers = endpoint.method === 'POST' ? { origin: client.baseUrl } : undefined;
    const response = await client.request({ method: endpoint.method, path, headers, maxBodyBytes: endpoint.kind === 'csv' ? 65_536 : undefined });
    if (deviations.note(response)) return { response, problems: [] };
    return { response, problems: checkAnswer(endpoint, response, params.map(([name]) => name)) };
  }

  async function fuzz<T>(label: string, requests: number, arb: fc.Arbitrary<T>, run: (item: T) => Promise<{ response: HttpResponse; problems: string[] }>) {
    const before = client.requests;
    await fc.assert(
      fc.asyncProperty(fc.array(arb, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const results = await Promise.all(batch.map(run));
        const failures = results.filter((r) => r.problems.length > 0);
        if (failures.length > 0) {
          throw new Error(failures.map(({ response, problems }) =>
            `${response.method} ${response.path} → ${response.status}: ${problems.join('; ')}\n  body: ${response.body.slice(0, 300)}`).join('\n'));
        }
      }),
      { numRuns: Math.ceil(requests / BATCH), seed, endOnFailure: false },
    );
    console.log(`[fuzz] ${label}: ${client.requests - before} requests`);
  }

  for (const endpoint of [...OVERVIEW_ENDPOINTS, PAYMENTS, PAYMENTS_CSV]) {
    const requests = endpoint === PAYMENTS ? 1280 : endpoint === PAYMENTS_CSV ? 160 : 560;
    it(`${endpoint.name}: ${endpoint.params.join(', ')} alone and combined`, async () => {
      await fuzz(endpoint.name, requests, requestArb(endpoint.params, dataset), (params) => send(endpoint, params));
    });
  }

  it('payments/{id}: real ids, prefixes of them, and anything else as the id', async () => {
    const ids = [...dataset.chargeIds, ...dataset.retriedChargeIds];
    const segment: fc.Arbitrary<ParamValue> = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.constantFrom(...ids).chain((id) => fc.integer({ min: 1, max: id.length - 1 }).map((n) => id.slice(0, n))) },
      { weight: 1, arbitrary: fc.constantFrom(...dataset.intentIds, ...dataset.customerIds) },
      { weight: 3, arbitrary: garbage.filter((v) => typeof v !== 'string' || v !== '') },
    );
    await fuzz(DETAIL.name, 400, segment, (id) => send(DETAIL, [], id));
  });

  it('filters, health and refresh: unknown parameters are ignored', async () => {
    const extras = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), garbage), { maxLength: 5 }).map((pairs): ParamList => pairs);
    for (const endpoint of [FILTERS, HEALTH, REFRESH]) {
      await fuzz(endpoint.name, endpoint === REFRESH ? 48 : 96, extras, async (params) => {
        const result = await send(endpoint, params);
        const { status } = result.response;
        if (status !== 200 && status !== 204 && !deviationOf(result.response)) result.problems.push(`expected a success, got ${status}`);
        return result;
      });
    }
  });

  it('login: any `next` with the right password redirects on site only', async () => {
    const next = fc.oneof(
      fc.constantFrom('/', '/payments', '/payments?status=failed&q=ch_1', '/?from=2026-01-01#x', '//evil.example', '///evil.example', '/\\evil.example',
        '\\\\evil.example', 'https://evil.example/', 'http:evil.example', '%2F%2Fevil.example', '/%2F%2Fevil.example', 'javascript:alert(1)',
        'data:text/html,x', ' //evil.example', '/\t/evil.example', '/.\\./evil', `${'/a'.repeat(3000)}`, '/\u0000', '/\r\nSet-Cookie: x=1'),
      fc.string({ maxLength: 40 }),
      fc.webPath(),
    );
    const origin = new URL(server.url).origin;
    await fuzz('login next', 160, next, async (target) => {
      const login = await logIn(client, context.dashboardPassword, { next: target });
      const response = { method: 'POST', path: `/api/login next=${JSON.stringify(target)}`, status: login.status, headers: {}, rawHeaders: [], body: '', truncated: false, ms: 0 };
      const problems: string[] = [];
      // The login form is at most 8 KB (src/auth/login-handler.ts): a longer one is refused whole.
      const oversize = new URLSearchParams({ password: context.dashboardPassword, next: target }).toString().length > 8 * 1024;
      if (oversize) {
        if (login.status !== 413 || login.cookie) problems.push(`an oversized form answered ${login.status}${login.cookie ? ' with a cookie' : ''}`);
        return { response, problems };
      }
      if (login.status !== 303) problems.push(`right password answered ${login.status}`);
      if (!login.cookie) problems.push('no session cookie');
      const location = new URL(login.location ?? '', `${origin}/login`);
      if (location.origin !== origin) problems.push(`redirects off site to ${login.location}`);
      return { response, problems };
    });
  });

  it(`sent at least 5,000 requests and saw no 5xx`, () => {
    reportFigure('fuzz: requests sent', client.requests);
    reportFigure('fuzz: statuses', formatStatusCounts(client.statusCounts));
    reportFigure('fuzz: 5xx seen', client.serverErrors.length);
    reportFigure('fuzz: framework answers outside the contract (known, see known-deviations.ts)', deviations.summary());
    expect(client.requests).toBeGreaterThanOrEqual(5000);
    expect(client.serverErrors.filter((r) => !deviationOf(r)).map((r) => `${r.method} ${r.path} → ${r.status} ${r.body.slice(0, 200)}`)).toEqual([]);
  });

  it('leaked no secret in any response or server log line', () => {
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
    expect(server.output()).not.toMatch(/unexpected error|Unhandled|uncaught/i);
  });
});
