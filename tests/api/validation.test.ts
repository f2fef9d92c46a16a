import { describe, expect, it } from 'vitest';
import { routeApiRequest } from '../../src/api/router.ts';
import type { Database } from '../../src/db/database.ts';
import { testDeps } from './support/fixture-database.ts';
import { SEARCH_MAX_LENGTH } from '../../src/islands/payments/payments-view.ts';

/** Validation happens before any query: this database fails the test if it is touched. */
const untouchable: Database = {
  kind: 'pg',
  query: () => { throw new Error('validation should have rejected the request before querying'); },
  close: async () => {},
};
const deps = testDeps(untouchable); // maxRangeDays 92, now 2026-03-20

const OVERVIEW = ['kpis', 'daily', 'failures', 'recovery', 'top-failures', 'breakdown', 'alerts', 'retry-hygiene'].map((name) => `/api/overview/${name}`);
const PAYMENTS = ['/api/payments', '/api/payments.csv'];
/** Overview routes that read the daily mart take years; the others read charge by charge. */
const DAILY_MART = ['kpis', 'daily', 'recovery'].map((name) => `/api/overview/${name}`);
const BY_CHARGE = OVERVIEW.filter((path) => !DAILY_MART.includes(path));

const CASES: [paths: string[], query: string, param: string, message: RegExp][] = [
  [[...OVERVIEW, ...PAYMENTS], 'from=2026-2-1', 'from', /YYYY-MM-DD/],
  [[...OVERVIEW, ...PAYMENTS], 'from=2026-02-30', 'from', /real calendar date/],
  [[...OVERVIEW, ...PAYMENTS], 'to=2026-13-01', 'to', /real calendar date/],
  [[...OVERVIEW, ...PAYMENTS], 'to=yesterday', 'to', /YYYY-MM-DD/],
  [[...OVERVIEW, ...PAYMENTS], 'from=2026-03-10&to=2026-03-01', 'from', /must not be after to/],
  [PAYMENTS, 'from=2025-01-01&to=2026-03-01', 'from', /at most 92 days are allowed$/],
  [BY_CHARGE, 'from=2025-01-01&to=2026-03-01', 'from', /at most 92 days are allowed for this section, which reads charge by charge \(totals and charts take up to 3660\)/],
  [BY_CHARGE, 'from=2025-01-01', 'from', /at most 92 days/], // the open end defaults to today
  [DAILY_MART, 'from=2015-01-01&to=2026-03-01', 'from', /is 4078 days; at most 3660 days are allowed$/],
  [[...OVERVIEW, ...PAYMENTS], 'currency=dollars', 'currency', /three-letter ISO 4217/],
  [[...OVERVIEW, ...PAYMENTS], 'currency=us1', 'currency', /three-letter/],
  [[...OVERVIEW, ...PAYMENTS], 'currency=xyz', 'currency', /ISO 4217 code such as usd, eur or jpy; xyz is not one/],
  [OVERVIEW, 'from=2026-03-21', 'from', /after today \(2026-03-20 in the reporting time zone\)/],
  [OVERVIEW, 'from=2026-04-01&to=2026-03-25', 'from', /must not be after to/],
  [[...OVERVIEW, ...PAYMENTS], 'from=2026-03-01&from=2026-03-02', 'from', /more than once/],
  [['/api/overview/breakdown'], 'by=issuer', 'by', /card_brand, card_country, funnel, failure_category/],
  [['/api/overview/breakdown'], 'by=card_brand;drop', 'by', /one of/],
  [['/api/overview/breakdown'], 'by=funnel&by=card_brand', 'by', /more than once/],
  [PAYMENTS, 'status=refunded', 'status', /succeeded, failed, pending/],
  [PAYMENTS, 'hygiene=bad_retries', 'hygiene', /after_hard_decline, past_max_attempts/],
  [PAYMENTS, 'status=FAILED', 'status', /one of/],
  [PAYMENTS, 'sort=created_at', 'sort', /createdAt, amount, status, chargeId/],
  [PAYMENTS, 'sort=-amount;drop', 'sort', /one of/],
  [PAYMENTS, `q=${'x'.repeat(101)}`, 'q', /at most 100/],
  [PAYMENTS, 'q=ch_%0Aa', 'q', /control characters/],
  [PAYMENTS, `funnel=${'f'.repeat(101)}`, 'funnel', /at most 100/],
  [PAYMENTS, 'brand=%00', 'brand', /control/],
  [PAYMENTS, 'country=USA', 'country', /two-letter ISO 3166-1/],
  [PAYMENTS, 'country=U1', 'country', /two-letter/],
  [PAYMENTS, `category=${'c'.repeat(101)}`, 'category', /at most 100/],
  [['/api/payments'], 'page=0', 'page', /from 1 to/],
  [['/api/payments'], 'page=-1', 'page', /whole number/],
  [['/api/payments'], 'page=1.5', 'page', /whole number/],
  [['/api/payments'], 'page=abc', 'page', /whole number/],
  [['/api/payments'], 'size=101', 'size', /from 1 to 100/],
  [['/api/payments'], 'size=0', 'size', /from 1 to 100/],
  [['/api/payments'], 'size=99999999999', 'size', /whole number/],
  [['/api/payments'], 'after=not-a-cursor', 'after', /nextCursor/],
  [['/api/payments'], 'after=%25%25', 'after', /nextCursor/],
  [['/api/payments'], `after=${Buffer.from('["-createdAt","x","usd",1,"failed","ch_1"]').toString('base64url')}`, 'after', /nextCursor/],
  [['/api/payments'], `sort=amount&after=${Buffer.from('["-createdAt","2026-03-01T00:00:00+00:00","usd",1,"failed","ch_1"]').toString('base64url')}`, 'after', /same sort/],
  [['/api/payments'], `sort=amount&after=${Buffer.from('["amount","2026-03-01T00:00:00+00:00","US$",1,"failed","ch_1"]').toString('base64url')}`, 'after', /nextCursor/],
  [['/api/payments/bad%20id', '/api/payments/cus_123', "/api/payments/ch_1'--"], '', 'charge_id', /Stripe charge id/],
];

describe('every bad parameter is a 400 naming it, before any query', () => {
  for (const [paths, query, param, message] of CASES) {
    for (const path of paths) {
      it(`${path}?${query.slice(0, 40)} → 400 ${param}`, async () => {
        const response = await routeApiRequest(new Request(`http://dash.test${path}?${query}`), deps);
        expect(response.status).toBe(400);
        expect(response.headers.get('cache-control')).toBe('no-store');
        const body = await response.json();
        expect(body).toMatchObject({ error: 'invalid_parameter', param });
        expect(body.message).toMatch(message);
      });
    }
  }

  it('ignores unknown parameters and treats empty ones as absent', async () => {
    const seen: unknown[][] = [];
    const recording: Database = { kind: 'pg', query: async (_text, params) => { seen.push([...(params ?? [])]); return []; }, close: async () => {} };
    const response = await routeApiRequest(
      new Request('http://dash.test/api/payments?utm_source=mail&status=&q=&funnel=&foo=bar&page=&size='),
      testDeps(recording),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rows: [], page: 1, size: 25, total: 0, totalCapped: false, lastPage: 1, nextCursor: null });
  });

  it('takes a search exactly as long as the explorer\'s search box allows, and no longer', async () => {
    const recording: Database = { kind: 'pg', query: async () => [], close: async () => {} };
    const longest = await routeApiRequest(new Request(`http://dash.test/api/payments?q=${'x'.repeat(SEARCH_MAX_LENGTH)}`), testDeps(recording));
    expect(longest.status).toBe(200);
    const longer = await routeApiRequest(new Request(`http://dash.test/api/payments?q=${'x'.repeat(SEARCH_MAX_LENGTH + 1)}`), deps);
    expect(longer.status).toBe(400);
    expect(await longer.json()).toMatchObject({ param: 'q', message: `q must be at most ${SEARCH_MAX_LENGTH} characters` });
  });

  it('passes request values to the database only as parameters', async () => {
    const texts: string[] = [];
    const recording: Database = { kind: 'pg', query: async (text) => { texts.push(text); return []; }, close: async () => {} };
    const evil = "x' or 1=1; drop table mart_stripe_payments; --";
    await routeApiRequest(new Request(`http://dash.test/api/payments?q=${encodeURIComponent(evil)}&funnel=${encodeURIComponent(evil)}&brand=${encodeURIComponent(evil)}`), testDeps(recording));
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain('drop table');
  });

  it('unknown routes and methods answer JSON', async () => {
    const missing = await routeApiRequest(new Request('http://dash.test/api/nope'), deps);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found' });
    const wrongMethod = await routeApiRequest(new Request('http://dash.test/api/refresh'), deps);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });
});
