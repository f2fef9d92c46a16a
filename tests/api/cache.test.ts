import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeApiRequest } from '../../src/api/router.ts';
import { handleRefresh } from '../../src/api/handlers/refresh.ts';
import { TtlCache } from '../../src/cache/ttl-cache.ts';
import { cacheKey, OVERVIEW_RANGE_POLICY, PAYMENTS_CSV_POLICY, PAYMENTS_LIST_POLICY } from '../../src/cache/cache-policy.ts';
import { parsePaymentFilters } from '../../src/api/params/payment-params.ts';
import type { Deps } from '../../src/api/deps.ts';
import { countingDatabase, openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

function fakeClock(start = Date.parse('2026-03-20T12:00:00Z')) {
  let now = start;
  return { now: () => now, advance: (seconds: number) => { now += seconds * 1000; } };
}

const entry = (text: string) => ({ status: 200, headers: [] as [string, string][], body: new TextEncoder().encode(text) });

describe('TtlCache', () => {
  it('expires entries after their TTL and reports their age', () => {
    const clock = fakeClock();
    const cache = new TtlCache({ now: clock.now });
    cache.set('k', entry('v'), 'overview', 300);
    clock.advance(299.9);
    expect(cache.get('k')?.ageSeconds).toBe(299);
    clock.advance(0.1);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its entry budget, dropping the least recently used first', () => {
    const cache = new TtlCache({ maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) cache.set(key, entry(key), 'payments', 60);
    cache.get('a');
    cache.set('d', entry('d'), 'payments', 60);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].every((key) => cache.get(key))).toBe(true);
  });

  it('stays within its byte budget and refuses one outsized answer', () => {
    const cache = new TtlCache({ maxBytes: 800 });
    for (let i = 0; i < 20; i++) cache.set(`k${i}`, entry('x'.repeat(90)), 'payments', 60);
    expect(cache.size).toBeLessThanOrEqual(8);
    cache.set('huge', entry('x'.repeat(500)), 'payments', 60);
    expect(cache.get('huge')).toBeUndefined();
  });

  it('clears by tag, and a fill that started before the clear is not stored', async () => {
    const cache = new TtlCache();
    cache.set('o', entry('o'), 'overview', 300);
    cache.set('p', entry('p'), 'payments', 60);
    expect(cache.clear(['payments'])).toBe(1);
    expect(cache.get('o')).toBeDefined();
    let release!: () => void;
    const slow = cache.getOrFill('late', 'overview', 300, () => new Promise((resolve) => { release = () => resolve(entry('old')); }));
    cache.clear();
    release();
    await slow;
    expect(cache.get('late')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('lets concurrent identical requests share one fill', async () => {
    const cache = new TtlCache();
    let fills = 0;
    const fill = async () => { fills++; await new Promise((r) => setTimeout(r, 10)); return entry('v'); };
    await Promise.all([1, 2, 3].map(() => cache.getOrFill('k', 'overview', 300, fill)));
    expect(fills).toBe(1);
  });

  it('keys on method, path and only the parameters that matter, in a fixed order', () => {
    const key = (url: string) => cacheKey('GET', new URL(url), OVERVIEW_RANGE_POLICY);
    expect(key('http://x/api/overview/kpis?to=2026-03-07&from=2026-03-01&utm_source=a'))
      .toBe(key('http://x/api/overview/kpis?from=2026-03-01&to=2026-03-07&currency='));
    expect(key('http://x/api/overview/kpis?from=2026-03-01')).not.toBe(key('http://x/api/overview/daily?from=2026-03-01'));
    expect(cacheKey('GET', new URL('http://x/api/payments?page=2'), PAYMENTS_LIST_POLICY))
      .not.toBe(cacheKey('GET', new URL('http://x/api/payments?page=3'), PAYMENTS_LIST_POLICY));
  });

  // Two values of every explorer filter: a parameter that changes the filters but not the key
  // would serve one filter's page for another (decline did, for a minute after each change).
  const FILTER_VALUES: Record<string, [string, string]> = {
    status: ['failed', 'succeeded'], from: ['2026-03-01', '2026-03-02'], to: ['2026-03-07', '2026-03-08'], q: ['cus_a', 'cus_b'],
    funnel: ['renewal', 'signup'], brand: ['visa', 'amex'], country: ['US', 'GB'], category: ['card_declined', 'fraud_risk'],
    decline: ['generic_decline', 'none'], currency: ['usd', 'eur'], hygiene: ['after_hard_decline', 'past_max_attempts'],
  };

  it.each([['list', PAYMENTS_LIST_POLICY], ['CSV export', PAYMENTS_CSV_POLICY]] as const)(
    'keys the payments %s on every parameter that changes the filters',
    (_name, policy) => {
      const filters = (search: URLSearchParams) => parsePaymentFilters(new URL(`http://x/api/payments?${search}`), { maxDays: 400 });
      const probe = new URLSearchParams({ status: 'failed', from: '2026-03-01', to: '2026-03-07' });
      const parsed = new Set<string>();
      for (const [name, [a, b]] of Object.entries(FILTER_VALUES)) {
        const one = new URLSearchParams(probe);
        one.set(name, a);
        const other = new URLSearchParams(probe);
        other.set(name, b);
        expect(filters(one), name).not.toEqual(filters(other));
        expect(cacheKey('GET', new URL(`http://x/api/payments?${one}`), policy), name)
          .not.toBe(cacheKey('GET', new URL(`http://x/api/payments?${other}`), policy));
        for (const key of Object.keys(filters(one))) parsed.add(key);
      }
      // Each parameter varied above is the filter of that name.
      expect([...parsed].sort()).toEqual(Object.keys(FILTER_VALUES).sort());
    },
  );
});

describe('the Node router with its in-process cache', () => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    fixture = await openFixtureDatabase('pglite', FIXTURE_CHARGES);
  });
  afterAll(() => fixture?.close());

  function setup() {
    const clock = fakeClock();
    const cache = new TtlCache({ now: clock.now });
    const db = countingDatabase(fixture.db);
    const deps: Deps = testDeps(db, { now: () => new Date(clock.now()), purgeCache: async (tags) => { cache.clear(tags); } });
    const get = (path: string) => routeApiRequest(new Request(`http://dash.test${path}`), deps, { cache });
    return { clock, cache, db, deps, get };
  }

  it('serves a second identical request without touching the database, with Age, until the TTL ends', async () => {
    const { clock, db, get } = setup();
    const first = await get('/api/overview/kpis?from=2026-03-01&to=2026-03-07');
    expect(first.headers.get('age')).toBeNull();
    const queries = db.count;
    expect(queries).toBeGreaterThan(0);

    clock.advance(120);
    const second = await get('/api/overview/kpis?to=2026-03-07&from=2026-03-01&utm_campaign=x');
    expect(db.count).toBe(queries);
    expect(second.headers.get('age')).toBe('120');
    expect(second.headers.get('x-generated-at')).toBe(first.headers.get('x-generated-at'));
    expect(await second.json()).toEqual(await first.json());

    await get('/api/overview/kpis?from=2026-03-01&to=2026-03-07&currency=jpy');
    expect(db.count).toBeGreaterThan(queries); // a parameter that matters is another entry

    const before = db.count;
    clock.advance(180); // 300 s after the first: expired
    const third = await get('/api/overview/kpis?from=2026-03-01&to=2026-03-07');
    expect(db.count).toBeGreaterThan(before);
    expect(third.headers.get('age')).toBeNull();
    expect(third.headers.get('x-generated-at')).toBe('2026-03-20T12:05:00.000Z');
  });

  it('keeps payments for 60 seconds', async () => {
    const { clock, db, get } = setup();
    await get('/api/payments?status=failed');
    const queries = db.count;
    clock.advance(59);
    await get('/api/payments?status=failed');
    expect(db.count).toBe(queries);
    clock.advance(1);
    await get('/api/payments?status=failed');
    expect(db.count).toBeGreaterThan(queries);
  });

  it('POST /api/refresh empties it, so the next load reads the database', async () => {
    const { cache, db, get, deps } = setup();
    await get('/api/overview/daily?from=2026-03-01&to=2026-03-07');
    await get('/api/payments/ch_a05');
    expect(cache.size).toBe(2);
    const refresh = await routeApiRequest(new Request('http://dash.test/api/refresh', { method: 'POST' }), deps, { cache });
    expect(refresh.status).toBe(200);
    expect(refresh.headers.get('cache-control')).toBe('no-store');
    expect(await refresh.json()).toEqual({ refreshed: true, tags: ['overview', 'payments'], at: '2026-03-20T12:00:00.000Z' });
    expect(cache.size).toBe(0);
    const queries = db.count;
    await get('/api/overview/daily?from=2026-03-01&to=2026-03-07');
    expect(db.count).toBeGreaterThan(queries);
  });

  it('never stores errors, the CSV stream, health or refresh', async () => {
    const { cache, get } = setup();
    expect((await get('/api/payments?size=1000')).status).toBe(400);
    expect((await get('/api/payments/ch_missing')).status).toBe(404);
    expect((await get('/api/payments.csv?status=failed')).status).toBe(200);
    expect((await get('/api/health')).headers.get('cache-control')).toBe('no-store');
    expect(cache.size).toBe(0);
  });
});

describe('POST /api/refresh on Netlify', () => {
  it('purges both cache tags through the injected purge', async () => {
    const purged: string[][] = [];
    const deps = testDeps({ kind: 'neon', query: async () => [], close: async () => {} }, { purgeCache: async (tags) => { purged.push([...tags]); } });
    const response = await handleRefresh(new Request('http://dash.test/api/refresh', { method: 'POST' }), deps);
    expect(response.status).toBe(200);
    expect(purged).toEqual([['overview', 'payments']]);
  });

  it('says so when the purge fails', async () => {
    const deps = testDeps({ kind: 'neon', query: async () => [], close: async () => {} }, { purgeCache: async () => { throw new Error('401 from the purge API'); } });
    const error = await handleRefresh(new Request('http://dash.test/api/refresh', { method: 'POST' }), deps).catch((e) => e);
    expect(error).toMatchObject({ status: 502, code: 'purge_failed' });
  });
});
