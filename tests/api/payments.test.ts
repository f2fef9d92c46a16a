import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlePaymentsList } from '../../src/api/handlers/payments-list.ts';
import { handlePaymentDetail } from '../../src/api/handlers/payment-detail.ts';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import type { Deps } from '../../src/api/deps.ts';
import { DRIVERS, openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

/** Every fixture charge, newest first, ties (same second) by charge id descending. */
const NEWEST_FIRST = [
  'ch_t5', 'ch_t4', 'ch_t3', 'ch_t2', 'ch_t1', 'ch_a10', 'ch_a11', 'ch_a09', 'ch_a08', 'ch_a12', 'ch_a06', 'ch_a05',
  'ch_a07', 'ch_j02', 'ch_a04', 'ch_a03', 'ch_j01', 'ch_a02', 'ch_a01', 'ch_p02', 'ch_p01', 'ch_p00',
];
const USD_MARCH_1_TO_7 = 'currency=usd&from=2026-03-01&to=2026-03-07';

describe.each(DRIVERS)('payments endpoints on %s', (driver) => {
  let fixture: FixtureDatabase;
  let deps: Deps;
  const list = async (query: string) => {
    const response = await handlePaymentsList(new Request(`http://dash.test/api/payments?${query}`), deps);
    expect(response.status).toBe(200);
    return response.json() as Promise<any>;
  };
  const ids = async (query: string) => (await list(query)).rows.map((row: { chargeId: string }) => row.chargeId);

  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES);
    deps = testDeps(fixture.db);
  });
  afterAll(() => fixture?.close());

  it('lists newest first with ties by charge id, and the total', async () => {
    const body = await list('size=100');
    expect(body.rows.map((row: { chargeId: string }) => row.chargeId)).toEqual(NEWEST_FIRST);
    expect(body).toMatchObject({ page: 1, size: 100, total: 22, totalCapped: false, lastPage: 1 });
  });

  it('returns rows in the documented shape, createdAt with offset', async () => {
    const body = await list('q=ch_a05');
    expect(body.rows).toEqual([{
      chargeId: 'ch_a05', paymentIntentId: 'pi_C', customerId: 'cus_gamma', createdAt: '2026-03-03T12:00:00+00:00',
      amount: 3000, currency: 'usd', status: 'failed', failureCode: 'card_declined', declineCode: 'do_not_honor',
      failureCategory: 'card_declined', recoveryAction: 'contact_customer', cardBrand: 'visa', cardLast4: '4242',
      cardCountry: 'US', funnel: 'checkout', attemptNumber: 2,
    }]);
  });

  it('paginates across rows with equal created_at without repeating or skipping', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await list(`from=2026-03-12&to=2026-03-12&size=2&page=${page}`));
    expect(pages.map((p) => p.rows.map((r: { chargeId: string }) => r.chargeId))).toEqual([['ch_t5', 'ch_t4'], ['ch_t3', 'ch_t2'], ['ch_t1']]);
    expect(pages.map((p) => [p.page, p.total, p.lastPage])).toEqual([[1, 5, 3], [2, 5, 3], [3, 5, 3]]);
    expect(await ids('from=2026-03-12&to=2026-03-12&size=2&page=1&sort=createdAt')).toEqual(['ch_t1', 'ch_t2']);
    expect(await ids('from=2026-03-12&to=2026-03-12&size=2&page=4')).toEqual([]);
  });

  it('walks every page of the whole table in order', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) seen.push(...(await ids(`size=5&page=${page}`)));
    expect(seen).toEqual(NEWEST_FIRST);
  });

  it.each(['-createdAt', 'createdAt', 'amount', '-amount', 'status', '-status', 'chargeId', '-chargeId'])(
    'follows nextCursor through every page in %s order, as the offsets do',
    async (sort) => {
      const byOffset = await ids(`sort=${sort}&size=100`);
      const seen: string[] = [];
      let after = '';
      for (let page = 1; page <= 10; page++) {
        const body = await list(`sort=${sort}&size=3&page=${page}${after ? `&after=${after}` : ''}`);
        seen.push(...body.rows.map((row: { chargeId: string }) => row.chargeId));
        expect(body.total).toBe(22);
        if (!body.nextCursor) break;
        after = body.nextCursor;
      }
      expect(seen).toEqual(byOffset);
    },
  );

  it('keeps the cursor within the filters', async () => {
    const first = await list('status=failed&currency=usd&size=4');
    expect(first.rows.map((r: { chargeId: string }) => r.chargeId)).toEqual(['ch_a09', 'ch_a12', 'ch_a05', 'ch_a07']);
    const second = await list(`status=failed&currency=usd&size=4&page=2&after=${first.nextCursor}`);
    expect(second.rows.map((r: { chargeId: string }) => r.chargeId)).toEqual(['ch_a04', 'ch_a02', 'ch_p02']);
    expect(second.nextCursor).toBeNull();
  });

  it('sorts by amount both ways, ties by charge id in the same direction', async () => {
    const ascending = ['ch_a06', 'ch_a07', 'ch_a12', 'ch_a01', 'ch_a09', 'ch_a02', 'ch_a03', 'ch_a11', 'ch_a04', 'ch_a05', 'ch_a08'];
    expect(await ids(`${USD_MARCH_1_TO_7}&sort=amount`)).toEqual(ascending);
    expect(await ids(`${USD_MARCH_1_TO_7}&sort=-amount`)).toEqual([...ascending].reverse());
  });

  it('sorts by amount within each currency when no currency is chosen, never interleaving them', async () => {
    const rows = (await list('sort=amount&size=100')).rows as { chargeId: string; currency: string; amount: number }[];
    const currencies = rows.map((row) => row.currency);
    // Each currency one contiguous run, in code order: ¥5,000 does not sit among the dollars.
    expect([...new Set(currencies)]).toEqual(['jpy', 'usd']);
    expect(currencies).toEqual([...currencies].sort());
    for (const currency of ['jpy', 'usd']) {
      const amounts = rows.filter((row) => row.currency === currency).map((row) => row.amount);
      expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
    }
    expect(rows.slice(0, 2).map((row) => row.chargeId)).toEqual(['ch_j02', 'ch_j01']);
    expect(await ids('sort=-amount&size=100')).toEqual(rows.map((row) => row.chargeId).reverse());
  });

  it('sorts by status (newest first within a status) and its exact reverse', async () => {
    const ascending = ['ch_a09', 'ch_a12', 'ch_a05', 'ch_a07', 'ch_a04', 'ch_a02', 'ch_a06', 'ch_a11', 'ch_a08', 'ch_a03', 'ch_a01'];
    expect(await ids(`${USD_MARCH_1_TO_7}&sort=status`)).toEqual(ascending);
    expect(await ids(`${USD_MARCH_1_TO_7}&sort=-status`)).toEqual([...ascending].reverse());
    expect(await ids(`${USD_MARCH_1_TO_7}&sort=createdAt&size=3`)).toEqual(['ch_a01', 'ch_a02', 'ch_a03']);
    expect(await ids('sort=chargeId&size=3')).toEqual(['ch_a01', 'ch_a02', 'ch_a03']);
  });

  it('applies each filter alone', async () => {
    expect(await ids('status=pending')).toEqual(['ch_a06']);
    expect(await ids('currency=jpy')).toEqual(['ch_j02', 'ch_j01']);
    expect(await ids('funnel=upgrade')).toEqual(['ch_a06']);
    expect(await ids('brand=jcb')).toEqual(['ch_j02', 'ch_j01']);
    expect(await ids('country=jp')).toEqual(['ch_j02', 'ch_j01']); // any case in, the mart's uppercase code
    expect(await ids('category=card_declined')).toEqual(['ch_a05', 'ch_j02', 'ch_a04']);
    expect(await ids('from=2026-03-10')).toEqual(['ch_t5', 'ch_t4', 'ch_t3', 'ch_t2', 'ch_t1', 'ch_a10']);
    expect(await ids('to=2026-02-25')).toEqual(['ch_p01', 'ch_p00']);
    // Inclusive whole days: 23:59:59 on the 7th is in, midnight of the 1st is the start.
    expect(await ids('from=2026-03-07&to=2026-03-07')).toEqual(['ch_a11']);
  });

  it('filters by failure category and decline code exactly as the Overview counts its rows', async () => {
    // ch_a12 has no category and no decline code: the Overview counts it as Other, by its
    // failure code processing_error (the decline mapping's key, as Stripe sends no decline code).
    expect(await ids(`${USD_MARCH_1_TO_7}&status=failed&category=other&decline=processing_error`)).toEqual(['ch_a12']);
    expect(await ids(`${USD_MARCH_1_TO_7}&status=failed&decline=none`)).toEqual([]);
    expect(await ids(`${USD_MARCH_1_TO_7}&status=failed&category=insufficient_funds&decline=insufficient_funds`)).toEqual(['ch_a09', 'ch_a02']);
    const top = await (await handleOverviewTopFailures(new Request(`http://dash.test/api/overview/top-failures?${USD_MARCH_1_TO_7}`), deps)).json() as { rows: { category: string; declineCode: string | null; count: number }[] };
    expect(top.rows.length).toBeGreaterThan(2);
    for (const row of top.rows) {
      const filtered = await list(`${USD_MARCH_1_TO_7}&status=failed&category=${row.category}&decline=${row.declineCode ?? 'none'}`);
      expect(filtered.total, `${row.category}/${row.declineCode}`).toBe(row.count);
    }
  });

  it('ANDs the filters together', async () => {
    expect(await ids(`status=failed&${USD_MARCH_1_TO_7}`)).toEqual(['ch_a09', 'ch_a12', 'ch_a05', 'ch_a07', 'ch_a04', 'ch_a02']);
    expect(await ids('funnel=renewal&brand=mastercard')).toEqual(['ch_a10', 'ch_a09', 'ch_a03', 'ch_a02']);
    expect(await ids('funnel=renewal&brand=mastercard&status=failed')).toEqual(['ch_a09', 'ch_a02']);
    expect(await ids('funnel=renewal&brand=mastercard&status=failed&from=2026-03-02')).toEqual(['ch_a09']);
    expect(await ids('q=cus_beta&status=succeeded&to=2026-03-05')).toEqual(['ch_a03']);
    expect(await ids('status=failed&currency=jpy&brand=visa')).toEqual([]);
    expect(await ids(`category=card_declined&country=US&${USD_MARCH_1_TO_7}`)).toEqual(['ch_a05', 'ch_a04']);
    // The total counts the filtered charges, not the daily mart's day totals.
    expect((await list(`country=JP&${'from=2026-03-01&to=2026-03-07'}`)).total).toBe(2);
    expect((await list(`category=card_declined&${USD_MARCH_1_TO_7}`)).total).toBe(2);
    const body = await list('status=failed&currency=usd&size=2');
    expect([body.total, body.lastPage]).toEqual([7, 4]); // 6 in the range + p02
  });

  it('q matches charge, payment intent and customer ids, exact or prefix, with LIKE wildcards literal', async () => {
    expect(await ids('q=ch_a01')).toEqual(['ch_a01']);
    expect(await ids('q=ch_a1')).toEqual(['ch_a10', 'ch_a11', 'ch_a12']);
    expect(await ids('q=pi_B')).toEqual(['ch_a03', 'ch_a02']);
    expect(await ids('q=pi_')).toHaveLength(21); // all but ch_a07, which has no intent
    expect(await ids('q=cus_bet')).toEqual(['ch_a10', 'ch_a09', 'ch_a03', 'ch_a02']);
    expect(await ids('q=cus_beta')).toEqual(['ch_a10', 'ch_a09', 'ch_a03', 'ch_a02']);
    expect(await ids('q=ch_a_1')).toEqual([]); // '_' would match any character if not escaped
    expect(await ids('q=%')).toEqual([]);
    expect(await ids('q=ch%25')).toEqual([]);
    expect(await ids('q=%20ch_a01%20')).toEqual(['ch_a01']); // trimmed
  });

  it('payments responses carry the payments cache class', async () => {
    const response = await handlePaymentsList(new Request('http://dash.test/api/payments?status=failed'), deps);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'cache-control': 'private, max-age=60',
      'netlify-cdn-cache-control': 'public, durable, max-age=60, stale-while-revalidate=30',
      'netlify-vary': 'query=status|from|to|q|funnel|brand|country|category|decline|currency|hygiene|sort|page|size|after',
      'netlify-cache-tag': 'payments',
      'x-generated-at': '2026-03-20T12:00:00.000Z',
    });
  });

  it('detail: the charge in full and every attempt of its intent in order', async () => {
    const response = await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_a05'), deps);
    expect(response.status).toBe(200);
    expect(response.headers.get('netlify-cache-tag')).toBe('payments');
    expect(await response.json()).toEqual({
      charge: {
        chargeId: 'ch_a05', paymentIntentId: 'pi_C', customerId: 'cus_gamma', createdAt: '2026-03-03T12:00:00+00:00',
        amount: 3000, currency: 'usd', status: 'failed', failureCode: 'card_declined', declineCode: 'do_not_honor',
        failureCategory: 'card_declined', recoveryAction: 'contact_customer', cardBrand: 'visa', cardLast4: '4242',
        cardCountry: 'US', funnel: 'checkout', attemptNumber: 2, profileId: '-5', failureMessage: 'Your card was declined.', adviceCode: null,
      },
      attempts: [
        { chargeId: 'ch_a04', createdAt: '2026-03-02T12:00:00+00:00', amount: 3000, status: 'failed', failureCode: 'card_declined', declineCode: 'do_not_honor', failureCategory: 'card_declined', adviceCode: null, recoveryAction: 'contact_customer', attemptNumber: 1 },
        { chargeId: 'ch_a05', createdAt: '2026-03-03T12:00:00+00:00', amount: 3000, status: 'failed', failureCode: 'card_declined', declineCode: 'do_not_honor', failureCategory: 'card_declined', adviceCode: null, recoveryAction: 'contact_customer', attemptNumber: 2 },
      ],
      retryLimit: { maxRetries: 8, maxAttempts: 9 },
    });
  });

  it('detail: a recovered intent lists the failure then the success; a charge without intent is its only attempt', async () => {
    const recovered = await (await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_a09'), deps)).json();
    expect(recovered.attempts.map((a: { chargeId: string; status: string }) => `${a.chargeId}:${a.status}`)).toEqual(['ch_a09:failed', 'ch_a10:succeeded']);
    const alone = await (await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_a07'), deps)).json();
    expect(alone.charge.paymentIntentId).toBeNull();
    expect(alone.attempts.map((a: { chargeId: string }) => a.chargeId)).toEqual(['ch_a07']);
  });

  it('detail: 404 JSON for an unknown charge, 400 for something that is not a charge id', async () => {
    const missing = await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_doesnotexist'), deps).catch((e) => e);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    const bad = await handlePaymentDetail(new Request("http://dash.test/api/payments/ch_1'%20or%201=1"), deps).catch((e) => e);
    expect(bad).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'charge_id' });
  });
});
