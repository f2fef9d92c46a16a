import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { inlineParameters } from '../../src/db/inline-parameters.ts';
import { crlfRecords } from '../../src/queries/crlf-records.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';
import { martTables } from '../../src/marts/mart-tables.ts';

/** Values that would change a query's meaning if they were ever pasted into its text. */
const HOSTILE = [
  "it's", "'; drop table mart_stripe_payments; --", "\\", "\\'", "E'\\x41'", '$1', '$$ $$', '"quoted"', 'a,b\r\nc',
  '{a,"b",c}', 'ünïcödé 💳', ' ', '', "'' or ''=''", '%_\\%',
];

describe('inlineParameters', () => {
  it('puts each literal where its $n is, $10 as the tenth', () => {
    const literals = Array.from({ length: 10 }, (_, i) => `'v${i + 1}'`);
    expect(inlineParameters('select $1, $10, $2::int', literals)).toBe("select 'v1', 'v10', 'v2'::int");
  });

  it("leaves '…' literals and \"…\" names alone, and $ inside names", () => {
    expect(inlineParameters(`select '$1', "$2", a$1 from t where x = $1 and y = '''$1'''`, ["'v'"]))
      .toBe(`select '$1', "$2", a$1 from t where x = 'v' and y = '''$1'''`);
  });

  it('refuses a placeholder without a value and an unterminated quote', () => {
    expect(() => inlineParameters('select $2', ["'v'"])).toThrow(/\$2/);
    expect(() => inlineParameters("select 'open", [])).toThrow(/unterminated/);
  });
});

describe('crlfRecords', () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  const text = (data: Uint8Array) => new TextDecoder().decode(data);

  it('ends records with CRLF and keeps line feeds inside quoted cells', () => {
    expect(text(crlfRecords(bytes('a,b\n"x\ny",""""\nlast,"q""\n"\n'), 3))).toBe('a,b\r\n"x\ny",""""\r\nlast,"q""\n"\r\n');
  });

  it('refuses output that does not hold the records expected', () => {
    expect(() => crlfRecords(bytes('a\nb\n'), 1)).toThrow(/more than/);
    expect(() => crlfRecords(bytes('a\n'), 2)).toThrow(/expected 2/);
  });
});

describe('COPY on node-postgres: values stay data', () => {
  let scratch: ScratchDatabase;
  let db: Database;
  const tables = martTables(TEST_MART_CONFIG);

  beforeAll(async () => {
    scratch = await createMartDatabase([charge({ charge_id: 'ch_1', created_at: '2026-05-01T10:00:00Z', failure_message: "it's" })], TEST_MART_CONFIG);
    db = createPgDatabase(scratch.url, { statementTimeoutMs: 5000, timeZone: 'UTC', readOnly: true });
  });
  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it.each(HOSTILE)('%j arrives byte for byte, alone and in an array', async (value) => {
    const md5 = createHash('md5').update(value).digest('hex');
    const out = new TextDecoder().decode(await db.copyCsv!('select md5($1::text), $1::text = any($2::text[]), cardinality($2::text[])', [value, [value, 'x']]));
    expect(out).toBe(`${md5},t,2\n`);
  });

  it('a null is NULL, and the table is still there after every hostile value', async () => {
    expect(new TextDecoder().decode(await db.copyCsv!('select $1::text is null', [null]))).toBe('t\n');
    const out = new TextDecoder().decode(await db.copyCsv!(`select count(*) from ${tables.payments} where failure_message = $1`, ["it's"]));
    expect(out).toBe('1\n');
  });

  it("leaves no timer behind: node-postgres' query timeout would keep each batch's chunks for its length", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    await db.copyCsv!('select 1');
    const before = timers();
    for (let i = 0; i < 10; i++) await db.copyCsv!('select generate_series(1, 1000)');
    await expect(db.copyCsv!('select 1/0')).rejects.toThrow(/22012/);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
