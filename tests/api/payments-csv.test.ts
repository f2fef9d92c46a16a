import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPaymentsCsvHandler } from '../../src/api/handlers/payments-csv.ts';
import { csvFilename } from '../../src/contract/csv-filename.ts';
import { csvField, csvLine } from '../../src/api/csv/csv-format.ts';
import { majorUnitsText } from '../../src/api/csv/major-units.ts';
import { createMartCheck } from '../../src/api/mart-check.ts';
import { countingDatabase, DRIVERS, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';

const HEADER = 'charge_id,payment_intent_id,customer_id,profile_id,created_at (UTC),amount,currency,status,failure_code,decline_code,'
  + 'failure_category,recovery_action,failure_message,card_brand,card_last4,card_country,funnel,attempt_number,advice_code\r\n';

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvLine(['a', null, 3])).toBe('a,,3\r\n');
  });

  it('neutralizes cells a spreadsheet would run as a formula', () => {
    for (const text of ['=1+2', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvField(text).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes amounts in major units with the currency’s digits', () => {
    expect(majorUnitsText(123456, 'usd')).toBe('1234.56');
    expect(majorUnitsText(5, 'eur')).toBe('0.05');
    expect(majorUnitsText(0, 'usd')).toBe('0.00');
    expect(majorUnitsText(1500, 'jpy')).toBe('1500');
    expect(majorUnitsText(1234, 'kwd')).toBe('1.234');
  });

  it('names the file after what and when, with the reporting zone', () => {
    const at = new Date('2026-03-20T12:34:56Z');
    expect(csvFilename({ status: 'failed', from: '2026-03-01', to: '2026-03-07' }, 'Europe/Paris', at)).toBe('failed-payments_2026-03-01_to_2026-03-07_Europe-Paris_exported-20260320T1234Z.csv');
    expect(csvFilename({}, 'UTC', at)).toBe('payments_all-dates_UTC_exported-20260320T1234Z.csv');
  });
});

describe.each(DRIVERS)('GET /api/payments.csv on %s', (driver) => {
  let fixture: FixtureDatabase;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES);
  });
  afterAll(() => fixture?.close());

  it('streams the filtered rows: header, major units, offsets, escaping, neutralized formulas', async () => {
    const handler = createPaymentsCsvHandler({ batchSize: 3 });
    const response = await handler(new Request('http://dash.test/api/payments.csv?currency=usd&from=2026-03-03&to=2026-03-05'), testDeps(fixture.db));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="payments_2026-03-03_to_2026-03-05_UTC_exported-20260320T1200Z.csv"');
    expect(response.headers.get('netlify-cache-tag')).toBe('payments');
    expect(response.headers.get('netlify-vary')).toBe('query=status|from|to|q|funnel|brand|country|category|decline|currency|hygiene|sort|limit|after');
    expect(await response.text()).toBe(HEADER
      + 'ch_a12,pi_H,cus_eta,,2026-03-05T10:00:00+00:00,9.00,usd,failed,processing_error,,,,\'=1+2,visa,4242,US,checkout,1,\r\n'
      + 'ch_a06,pi_D,cus_delta,,2026-03-04T08:00:00+00:00,5.00,usd,pending,,,,,,amex,4242,US,upgrade,1,\r\n'
      + 'ch_a05,pi_C,cus_gamma,\'-5,2026-03-03T12:00:00+00:00,30.00,usd,failed,card_declined,do_not_honor,card_declined,contact_customer,Your card was declined.,visa,4242,US,checkout,2,\r\n'
      + 'ch_a07,,cus_alpha,,2026-03-03T09:00:00+00:00,7.00,usd,failed,expired_card,expired_card,expired_card,request_card,"Expired, ""old""\ncard",visa,4242,US,checkout,1,\r\n');
  });

  it('writes zero-decimal currencies without decimals and neutralizes @ and tab', async () => {
    const handler = createPaymentsCsvHandler();
    const jpy = await (await handler(new Request('http://dash.test/api/payments.csv?currency=jpy&status=succeeded'), testDeps(fixture.db))).text();
    expect(jpy.split('\r\n')[1]).toBe('ch_j01,pi_J1,cus_kanji,,2026-03-02T05:00:00+00:00,120000,jpy,succeeded,,,,,,jcb,4242,JP,checkout,1,');
    const usd = await (await handler(new Request('http://dash.test/api/payments.csv?q=pi_C'), testDeps(fixture.db))).text();
    expect(usd).toContain(",'@prof,");
    const tabbed = await (await handler(new Request('http://dash.test/api/payments.csv?q=ch_a09'), testDeps(fixture.db))).text();
    expect(tabbed).toContain(",'\tTabbed,");
  });

  it.each([2, 5, 22, 100])('returns every row once across batches of %i, reading at most two batches ahead of the stream', async (batchSize) => {
    const db = countingDatabase(fixture.db);
    const handler = createPaymentsCsvHandler({ batchSize });
    // The marts check (its one catalog query per process) reads the uncounted database.
    const response = await handler(new Request('http://dash.test/api/payments.csv'), testDeps(db, { marts: createMartCheck(fixture.db, testConfig()) }));
    const batches = Math.floor(22 / batchSize) + 1;
    expect(db.count).toBe(Math.min(2, batches)); // before answering: the first batch and the one after it
    const lines = (await response.text()).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(HEADER.trimEnd());
    const ids = lines.slice(1).map((line) => line.split(',')[0]);
    expect(ids).toHaveLength(22);
    expect(new Set(ids).size).toBe(22);
    expect(ids.slice(0, 3)).toEqual(['ch_t5', 'ch_t4', 'ch_t3']);
    expect(ids.at(-1)).toBe('ch_p00');
    expect(db.count).toBe(batches);
  });

  it('applies the card country and failure category filters as the list does', async () => {
    const handler = createPaymentsCsvHandler({ batchSize: 2 });
    const text = await (await handler(new Request('http://dash.test/api/payments.csv?country=JP&category=card_declined'), testDeps(fixture.db))).text();
    expect(text.split('\r\n').filter(Boolean).slice(1).map((line) => line.split(',')[0])).toEqual(['ch_j02']);
  });

  it('follows the explorer’s sort', async () => {
    const handler = createPaymentsCsvHandler({ batchSize: 2 });
    const text = await (await handler(new Request('http://dash.test/api/payments.csv?sort=amount&currency=usd&from=2026-03-01&to=2026-03-07'), testDeps(fixture.db))).text();
    expect(text.split('\r\n').slice(1, 4).map((line) => line.split(',')[0])).toEqual(['ch_a06', 'ch_a07', 'ch_a12']);
  });
});
