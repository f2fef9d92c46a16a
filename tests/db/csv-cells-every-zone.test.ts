import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { majorUnitsText } from '../../src/api/csv/major-units.ts';
import { parsePaymentFilters, parsePaymentSort } from '../../src/api/params/payment-params.ts';
import type { Database } from '../../src/db/database.ts';
import { pgTypes, isoTimestamp } from '../../src/db/normalize-types.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { SESSION_SETTINGS_SQL, sessionSettingsParams } from '../../src/db/session-settings.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { getPaymentsCsvBatch } from '../../src/queries/payments-csv.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';

/**
 * The export's created_at and amount cells, as PostgreSQL writes them, against the JavaScript
 * that defines them (isoTimestamp over the server's text, majorUnitsText). created_at takes
 * to_json's form from 1973 to 9999 and the rewrite of the text elsewhere; the instants sit on both
 * sides of that bound, in the eras when zones had offsets with seconds (Amsterdam 1850, Monrovia
 * until 1972), on DST changes and with fractional seconds.
 */
const INSTANTS = [
  '1850-06-01T12:00:00Z', '1960-06-01T12:00:00.25Z', '1972-01-06T12:00:00Z', '1972-12-31T23:59:59.999999Z',
  '1973-01-01T00:00:00Z', '2026-03-29T01:30:00Z', '2026-05-01T10:00:00.123456Z', '2026-10-25T00:59:59Z', '9999-12-30T00:00:00Z',
];
/** Two, zero, three and four digits, and a code in capitals. */
const AMOUNTS: [number, string][] = [[123456, 'usd'], [120000, 'jpy'], [1999, 'eur'], [1234567, 'bhd'], [98765, 'clf'], [5000, 'JPY']];

const ROWS = INSTANTS.map((createdAt, i) => {
  const [amount, currency] = AMOUNTS[i % AMOUNTS.length]!;
  return charge({ charge_id: `ch_${String(i).padStart(2, '0')}`, created_at: createdAt, amount, currency });
});

const url = new URL('http://dash.test/api/payments.csv?sort=createdAt');
const FILTERS = parsePaymentFilters(url, { maxDays: 400 });
const SORT = parsePaymentSort(url);

/** created_at and amount, the fifth and sixth cells of each line (no cell of these rows is quoted). */
function createdAndAmount(bytes: Uint8Array): string[][] {
  return new TextDecoder().decode(bytes).split('\r\n').filter(Boolean).map((line) => line.split(',').slice(4, 6));
}

describe('CSV cells written by PostgreSQL', () => {
  let scratch: ScratchDatabase;
  let client: pg.Client;
  const tables = martTables(TEST_MART_CONFIG);

  beforeAll(async () => {
    scratch = await createMartDatabase(ROWS, TEST_MART_CONFIG);
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await scratch?.drop();
  });

  /** The lines written in SQL (the driver without COPY) and what they must say, in `zone`. */
  async function inZone(zone: string) {
    await client.query(SESSION_SETTINGS_SQL, sessionSettingsParams({ readOnly: true, statementTimeoutMs: 5000, timeZone: zone }));
    const db: Database = {
      kind: 'pg',
      query: async <Row>(text: string, params: readonly unknown[] = []) => (await client.query({ text, values: [...params], types: pgTypes })).rows as Row[],
      close: async () => {},
    };
    const batch = await getPaymentsCsvBatch({ db, tables }, FILTERS, SORT, undefined, 100);
    const server = await client.query<{ created: string; amount: string; currency: string }>(
      `select created_at::text as created, amount::text as amount, currency from ${tables.payments} order by created_at, charge_id`,
    );
    const expected = server.rows.map((row) => [isoTimestamp(row.created), majorUnitsText(Number(row.amount), row.currency)]);
    return { lines: createdAndAmount(await batch.bytes), expected };
  }

  it('are what the JavaScript writes, in every zone tzdb has', async () => {
    const zones = (await client.query<{ name: string }>("select name from pg_timezone_names where name not like 'posix/%' order by name")).rows.map((row) => row.name);
    expect(zones.length).toBeGreaterThan(300);
    const wrong: string[] = [];
    for (const zone of zones) {
      const { lines, expected } = await inZone(zone);
      if (JSON.stringify(lines) !== JSON.stringify(expected)) wrong.push(`${zone}: ${JSON.stringify(lines)} ≠ ${JSON.stringify(expected)}`);
    }
    expect(wrong).toEqual([]);
    // The test reaches both forms: offsets with seconds before 1973, only minutes after.
    await client.query("set timezone = 'Africa/Monrovia'");
    const { rows } = await client.query<{ text: string }>(`select created_at::text as text from ${tables.payments} order by created_at`);
    expect(rows.map((row) => row.text)).toContain('1960-06-01 11:15:30.25-00:44:30');
  });

  it.each(['UTC', 'Africa/Monrovia', 'Europe/Amsterdam', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'])(
    'are the same bytes from COPY as from the lines written in SQL, in %s',
    async (zone) => {
      const db = createPgDatabase(scratch.url, { statementTimeoutMs: 5000, timeZone: zone, readOnly: true });
      try {
        const copied = await getPaymentsCsvBatch({ db, tables }, FILTERS, SORT, undefined, 100);
        const { lines, expected } = await inZone(zone);
        expect(lines).toEqual(expected);
        expect(createdAndAmount(await copied.bytes)).toEqual(lines);
      } finally {
        await db.close();
      }
    },
  );
});
