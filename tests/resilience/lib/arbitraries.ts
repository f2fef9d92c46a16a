import fc from 'fast-check';
import type { Dataset } from './context.ts';
import { SORT_FIELDS, STATUSES, type ParamList, type ParamValue } from './api-contract.ts';

/**
 * fast-check generators for every API parameter: mostly values a real client sends (so the
 * handlers' happy paths and filters get exercised on real data), plus near misses and garbage.
 */
const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

export const SQL_INJECTIONS = [
  "' OR '1'='1", "' OR 1=1 --", "'; drop table mart_stripe_payments; --", "1; select pg_sleep(10) --", "') or ('a'='a",
  "failed' union select null, current_user, null --", "$1", "\\'", "%' or '%'='", "'||(select current_user)||'",
  "amount desc; delete from mart_stripe_payments", "-createdAt, (select pg_sleep(5))", "1)) or 1=1 --", '"; --',
  "ch_' and 1=cast((select version()) as int) --", "x' or pg_sleep(5) is null --", "E'\\x00'", "/*", "*/ or 1=1",
] as const;

const NASTY_CHARS = ["'", '"', ';', '%', '_', '\\', '\u0000', '\n', '\r', '\t', '\u202e', '\u200b', '\uffff', '\ud800', '💳', 'é', 'e\u0301', '<', '>', '&', '+', '#', '=', '?', '/', '..', '\u00a0', ' '];

/** Text nothing should accept: random strings, random code points (lone surrogates included), injections. */
export const garbage: fc.Arbitrary<ParamValue> = fc.oneof(
  fc.string({ maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(...SQL_INJECTIONS),
  fc.array(fc.constantFrom(...NASTY_CHARS), { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', ' ', 'null', 'undefined', 'NaN', 'true', '[]', '{}', '0', '-1'),
  // Raw bytes, often not valid UTF-8 (%FF, overlong %C0%80, cut sequences).
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 10 }).map((bytes) => ({ bytes })),
);

export function dateArb(dataset: Dataset): fc.Arbitrary<ParamValue> {
  const span = Math.round((Date.parse(dataset.lastDate) - Date.parse(dataset.firstDate)) / DAY_MS);
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -20, max: span + 20 }).map((i) => addDays(dataset.firstDate, i)) },
    { weight: 1, arbitrary: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('2026-02-30', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '20260101', '2026/01/01',
        '2026-01-01T00:00:00Z', ' 2026-01-01', '2026-01-01 ', '0000-01-01', '0001-01-01', '9999-12-31', '+275760-09-13', '-2026-01-01', '1900-01-01',
        '２０２６-０１-０１', '٢٠٢٦-٠١-٠١', '2026-01-01\u0000', 'today', '2026-W01', '2026-001', '1e3', '2026-01-01,2026-02-01'),
    },
    { weight: 1, arbitrary: garbage },
  );
}

function caseVariants(values: readonly string[]): fc.Arbitrary<string> {
  return fc.constantFrom(...values).chain((v) => fc.constantFrom(v, v.toUpperCase(), ` ${v} `, `${v}x`, v.slice(0, -1) || v));
}

export function paramArbs(dataset: Dataset): Record<string, fc.Arbitrary<ParamValue>> {
  const ids = [...dataset.chargeIds, ...dataset.intentIds, ...dataset.customerIds];
  const idPrefix = fc.constantFrom(...ids).chain((id) => fc.integer({ min: 1, max: id.length }).map((n) => id.slice(0, n)));
  const number = (max: number) => fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max }).map(String) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', '01', ' 2 ', '+3', '１', '٢', '999999999', '1000000000', '2147483648',
        '9007199254740993', '1'.repeat(40), 'Infinity', '-0', '1,2'),
    },
    { weight: 1, arbitrary: garbage },
  );
  return {
    from: dateArb(dataset),
    to: dateArb(dataset),
    currency: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...dataset.currencies) }, { weight: 1, arbitrary: caseVariants(dataset.currencies) },
      { weight: 1, arbitrary: fc.constantFrom('xxx', 'gbp', 'us', 'usdd', '$', 'ÜSD') }, { weight: 1, arbitrary: garbage }),
    status: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STATUSES) }, { weight: 1, arbitrary: caseVariants(STATUSES) },
      { weight: 1, arbitrary: fc.constantFrom('refunded', 'failed,succeeded', 'all', '*') }, { weight: 1, arbitrary: garbage }),
    q: fc.oneof(
      { weight: 4, arbitrary: idPrefix },
      { weight: 2, arbitrary: fc.constantFrom(...ids) },
      { weight: 1, arbitrary: fc.constantFrom('ch_', 'pi_', 'cus_', '%', '_', '\\', 'ch\\_', 'ch_%', '%_%', 'c%', '_h', '*', '.*', '[a-z]') },
      { weight: 1, arbitrary: fc.string({ minLength: 90, maxLength: 160 }) },
      { weight: 2, arbitrary: garbage },
    ),
    funnel: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...dataset.funnels) }, { weight: 1, arbitrary: caseVariants(dataset.funnels) }, { weight: 1, arbitrary: garbage }),
    brand: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...dataset.brands) }, { weight: 1, arbitrary: caseVariants(dataset.brands) }, { weight: 1, arbitrary: garbage }),
    sort: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...SORT_FIELDS).chain((f) => fc.constantFrom(f, `-${f}`)) },
      { weight: 1, arbitrary: fc.constantFrom('--amount', '-', '+amount', 'amount,-createdAt', 'created_at', 'AMOUNT', 'amount desc', 'cardBrand', '__proto__', 'constructor') },
      { weight: 1, arbitrary: garbage },
    ),
    page: number(3000),
    size: number(150),
  };
}

/**
 * Query parameter lists for an endpoint: each parameter alone, all of them combined (any value),
 * all of them combined with realistic values (to reach deep pages and filters), and now and then
 * unknown parameters on top.
 */
export function requestArb(names: readonly string[], dataset: Dataset): fc.Arbitrary<ParamList> {
  const arbs = paramArbs(dataset);
  const pick = (name: string) => arbs[name] ?? garbage;
  const alone: fc.Arbitrary<ParamList> = names.length === 0
    ? fc.constant([])
    : fc.constantFrom(...names).chain((name) => pick(name).map((value): ParamList => [[name, value]]));
  const combined = fc.subarray([...names]).chain((chosen) => fc.tuple(...chosen.map((name) => pick(name).map((value): [string, ParamValue] => [name, value]))))
    .map((pairs): ParamList => pairs);
  const span = Math.round((Date.parse(dataset.lastDate) - Date.parse(dataset.firstDate)) / DAY_MS);
  const realistic = fc.record({
    start: fc.integer({ min: 0, max: span }),
    length: fc.integer({ min: 0, max: 120 }),
    status: fc.option(fc.constantFrom(...STATUSES)),
    currency: fc.option(fc.constantFrom(...dataset.currencies)),
    funnel: fc.option(fc.constantFrom(...dataset.funnels), { freq: 4 }),
    brand: fc.option(fc.constantFrom(...dataset.brands), { freq: 4 }),
    sort: fc.option(fc.constantFrom(...SORT_FIELDS).chain((f) => fc.constantFrom(f, `-${f}`))),
    page: fc.option(fc.integer({ min: 1, max: 400 }).map(String)),
    size: fc.option(fc.constantFrom('25', '50', '100')),
  }).map((r): ParamList => {
    const values: Record<string, string | null> = {
      from: addDays(dataset.firstDate, r.start), to: addDays(dataset.firstDate, Math.min(span, r.start + r.length)),
      status: r.status, currency: r.currency, funnel: r.funnel, brand: r.brand, sort: r.sort, page: r.page, size: r.size,
    };
    return names.filter((n) => values[n] != null).map((n) => [n, values[n]!]);
  });
  const unknown = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), garbage), { maxLength: 4 });
  return fc.oneof(
    { weight: 4, arbitrary: alone },
    { weight: 3, arbitrary: combined },
    { weight: 3, arbitrary: realistic },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(alone, realistic), unknown).map(([known, extra]): ParamList => [...known, ...extra]) },
  );
}
