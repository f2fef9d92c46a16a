import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { martTables } from '../../src/marts/mart-tables.ts';
import { countMatchingPayments, countPayments } from '../../src/queries/payments-count.ts';
import { getPaymentsAfter, getPaymentsPage } from '../../src/queries/payments-page.ts';
import type { MartSource } from '../../src/queries/mart-source.ts';
import { parseSortText, type PaymentRow, type PaymentSort } from '../../src/contract/payments.ts';
import { likePrefix } from '../../src/queries/payment-filters-sql.ts';
import { DRIVERS, openFixtureDatabase, testConfig, type FixtureDatabase } from '../api/support/fixture-database.ts';
import { FIXTURE_CHARGES } from '../api/support/payments-fixture.ts';

const sort = (text: string): PaymentSort => parseSortText(text)!;
const idsOf = (rows: PaymentRow[]) => rows.map((row) => row.chargeId);

describe('likePrefix', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(likePrefix('ch_1')).toBe('ch\\_1%');
    expect(likePrefix('50%')).toBe('50\\%%');
    expect(likePrefix('a\\b')).toBe('a\\\\b%');
  });
});

describe.each(DRIVERS)('payments queries on %s', (driver) => {
  let fixture: FixtureDatabase;
  let source: MartSource;

  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES);
    source = { db: fixture.db, tables: martTables(testConfig()) };
  });
  afterAll(() => fixture?.close());

  it('counts matching charges exactly up to the cap, then says it is capped', async () => {
    expect(await countMatchingPayments(source, {}, 100)).toEqual({ total: 22, capped: false });
    expect(await countMatchingPayments(source, {}, 22)).toEqual({ total: 22, capped: false });
    expect(await countMatchingPayments(source, {}, 21)).toEqual({ total: 21, capped: true });
    expect(await countMatchingPayments(source, { status: 'failed' }, 3)).toEqual({ total: 3, capped: true });
    expect(await countMatchingPayments(source, { status: 'pending' }, 3)).toEqual({ total: 1, capped: false });
    // A filter the daily mart cannot answer goes through the capped count.
    expect(await countPayments(source, { funnel: 'renewal' }, 3)).toEqual({ total: 3, capped: true });
    expect(await countPayments(source, { q: 'cus_beta' }, 3)).toEqual({ total: 3, capped: true });
    expect(await countPayments(source, { brand: 'mastercard' }, 10)).toEqual({ total: 4, capped: false }); // a02 a03 a09 a10
  });

  it('counts a search once per charge however many of its ids match, capped as soon as one id alone passes the cap', async () => {
    // 'c' starts every charge id (ch_…) and every customer id (cus_…): 22 charges, not 22 + customers.
    expect(await countMatchingPayments(source, { q: 'c' }, 100)).toEqual({ total: 22, capped: false });
    expect(await countMatchingPayments(source, { q: 'c' }, 22)).toEqual({ total: 22, capped: false });
    expect(await countMatchingPayments(source, { q: 'c' }, 21)).toEqual({ total: 21, capped: true });
    expect(await countMatchingPayments(source, { q: 'cus_beta' }, 4)).toEqual({ total: 4, capped: false });
    expect(await countMatchingPayments(source, { q: 'cus_beta', status: 'failed' }, 100)).toEqual(
      { total: FIXTURE_CHARGES.filter((c) => c.customer_id === 'cus_beta' && c.status === 'failed').length, capped: false });
    expect(await countMatchingPayments(source, { q: 'no_such_id' }, 3)).toEqual({ total: 0, capped: false });
  });

  it('totals status, date and currency filters exactly from the daily mart, whatever the cap', async () => {
    const cases: [Parameters<typeof countPayments>[1], number][] = [
      [{}, 22],
      [{ status: 'failed' }, 8], // a02 a04 a05 a07 a09 a12 j02 p02
      [{ status: 'pending' }, 1],
      [{ status: 'succeeded', currency: 'usd' }, 12],
      [{ from: '2026-03-01', to: '2026-03-07' }, 13],
      [{ from: '2026-03-12' }, 5],
      [{ to: '2026-02-28', status: 'failed' }, 1],
      [{ currency: 'jpy', status: 'failed', from: '2026-03-03', to: '2026-03-03' }, 1],
    ];
    for (const [filters, total] of cases) {
      expect(await countPayments(source, filters, 3)).toEqual({ total, capped: false });
      // The detail mart agrees.
      expect(await countMatchingPayments(source, filters, 1000)).toEqual({ total, capped: false });
    }
  });

  it('reads a page from the far end of the index when the total is known, with the same rows', async () => {
    const all = idsOf(await getPaymentsPage(source, {}, sort('-createdAt'), { offset: 0, limit: 100 }));
    expect(all).toHaveLength(22);
    for (const [offset, limit] of [[0, 5], [15, 5], [20, 5], [21, 1], [17, 10], [10, 3]] as const) {
      const fromEnd = idsOf(await getPaymentsPage(source, {}, sort('-createdAt'), { offset, limit, total: 22 }));
      const fromStart = idsOf(await getPaymentsPage(source, {}, sort('-createdAt'), { offset, limit }));
      expect(fromEnd).toEqual(all.slice(offset, offset + limit));
      expect(fromStart).toEqual(fromEnd);
    }
    expect(await getPaymentsPage(source, {}, sort('-createdAt'), { offset: 22, limit: 5, total: 22 })).toEqual([]);
  });

  it.each(['-createdAt', 'createdAt', 'amount', '-amount', 'status', '-status', 'chargeId', '-chargeId'])(
    'keyset batches in %s order give every row once, in the page order',
    async (order) => {
      const expected = idsOf(await getPaymentsPage(source, {}, sort(order), { offset: 0, limit: 100 }));
      const seen: string[] = [];
      let after: PaymentRow | undefined;
      for (;;) {
        const batch = await getPaymentsAfter(source, {}, sort(order), after, 4);
        seen.push(...idsOf(batch));
        if (batch.length < 4) break;
        after = batch.at(-1);
      }
      expect(seen).toEqual(expected);
    },
  );
});

describe.each(DRIVERS)('reporting time zone on %s', (driver) => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES, 'Asia/Tokyo');
  });
  afterAll(() => fixture?.close());

  it('filters whole local days and reports timestamps with the local offset', async () => {
    const source = { db: fixture.db, tables: martTables(testConfig()) };
    // 2026-03-06 in Tokyo is 03-05T15:00Z..03-06T15:00Z: a08 and a09 (10:00Z), not a12 (03-05T10:00Z).
    const rows = await getPaymentsAfter(source, { from: '2026-03-06', to: '2026-03-06' }, sort('-createdAt'), undefined, 10);
    expect(rows.map((row) => [row.chargeId, row.createdAt])).toEqual([
      ['ch_a09', '2026-03-06T19:00:00+09:00'],
      ['ch_a08', '2026-03-06T19:00:00+09:00'],
    ]);
  });
});
