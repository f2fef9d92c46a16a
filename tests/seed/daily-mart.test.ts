import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';

/**
 * The shipped dbt model (src/marts/dbt/mart_stripe_payments_daily.sql) must agree with the
 * contract's definitions, computed here independently in TypeScript, on generated data and on a
 * tiny dataset whose answers are written down by hand.
 */
interface DailyRow {
  date: string;
  currency: string;
  total_attempts: number;
  successful_payments: number;
  failed_payments: number;
  gross_revenue: number;
  failed_revenue: number;
  retried_payments: number;
  recovered_payments: number;
  recovered_revenue: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** YYYY-MM-DD of an instant in an IANA zone. */
function localDate(iso: string, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, format);
  }
  return format.format(new Date(iso));
}

/** DESIGN.md's definitions, straight from the detail rows. */
function dailyFromDetail(rows: readonly ChargeRow[], zone: string): DailyRow[] {
  const days = new Map<string, DailyRow>();
  const day = (date: string, currency: string) => {
    const key = `${date} ${currency}`;
    let row = days.get(key);
    if (!row) {
      row = { date, currency, total_attempts: 0, successful_payments: 0, failed_payments: 0, gross_revenue: 0, failed_revenue: 0, retried_payments: 0, recovered_payments: 0, recovered_revenue: 0 };
      days.set(key, row);
    }
    return row;
  };
  const intents = new Map<string, ChargeRow[]>();
  for (const row of rows) {
    const d = day(localDate(row.created_at, zone), row.currency);
    d.total_attempts++;
    if (row.status === 'succeeded') { d.successful_payments++; d.gross_revenue += row.amount; }
    if (row.status === 'failed') { d.failed_payments++; d.failed_revenue += row.amount; }
    if (row.payment_intent_id !== null) {
      const list = intents.get(row.payment_intent_id) ?? [];
      list.push(row);
      intents.set(row.payment_intent_id, list);
    }
  }
  // Recovery is dated by the intent's first attempt, when that attempt failed and was tried again.
  for (const attempts of intents.values()) {
    const first = attempts.find((row) => row.attempt_number === 1);
    const later = attempts.filter((row) => row.attempt_number > 1);
    if (!first || first.status !== 'failed' || later.length === 0) continue;
    const d = day(localDate(first.created_at, zone), first.currency);
    d.retried_payments++;
    const wins = later.filter((row) => row.status === 'succeeded');
    if (wins.length > 0) {
      d.recovered_payments++;
      d.recovered_revenue += wins.reduce((sum, row) => sum + row.amount, 0);
    }
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency));
}

const scratches: ScratchDatabase[] = [];
afterAll(async () => {
  await Promise.all(scratches.map((scratch) => scratch.drop()));
});

async function martDaily(rows: readonly ChargeRow[], zone: string): Promise<DailyRow[]> {
  const scratch = await createMartDatabase(rows, { ...TEST_MART_CONFIG, reportingTimezone: zone });
  scratches.push(scratch);
  const client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  try {
    const { rows: daily } = await client.query<Record<string, string | number>>(
      `select date::text as date, currency, total_attempts, successful_payments, failed_payments,
              gross_revenue::text as gross_revenue, failed_revenue::text as failed_revenue,
              retried_payments, recovered_payments, recovered_revenue::text as recovered_revenue
         from mart_stripe_payments_daily order by date, currency`,
    );
    return daily.map((row) => ({
      date: String(row.date),
      currency: String(row.currency),
      total_attempts: Number(row.total_attempts),
      successful_payments: Number(row.successful_payments),
      failed_payments: Number(row.failed_payments),
      gross_revenue: Number(row.gross_revenue),
      failed_revenue: Number(row.failed_revenue),
      retried_payments: Number(row.retried_payments),
      recovered_payments: Number(row.recovered_payments),
      recovered_revenue: Number(row.recovered_revenue),
    }));
  } finally {
    await client.end();
  }
}

describe('daily mart on generated data', () => {
  const rows = [...generateCharges({ charges: 20_000, endDate: new Date('2026-06-30T18:00:00Z'), seed: 42 })];

  for (const zone of ['UTC', 'America/New_York']) {
    it(`matches a direct aggregate of the detail rows (${zone})`, async () => {
      const expected = dailyFromDetail(rows, zone);
      const actual = await martDaily(rows, zone);
      expect(actual).toEqual(expected);
      // The data exercises every column, so agreement means something.
      const sum = (key: keyof DailyRow) => expected.reduce((total, row) => total + Number(row[key]), 0);
      expect(sum('total_attempts')).toBe(20_000);
      expect(sum('retried_payments')).toBeGreaterThan(100);
      expect(sum('recovered_payments')).toBeGreaterThan(50);
      expect(sum('recovered_payments')).toBeLessThan(sum('retried_payments'));
      expect(new Set(expected.map((row) => row.currency))).toEqual(new Set(['usd', 'eur', 'jpy']));
    });
  }
});

describe('daily mart on a hand-made dataset', () => {
  const failed = { status: 'failed' as const, failure_code: 'card_declined', decline_code: 'insufficient_funds', failure_category: 'insufficient_funds', recovery_action: 'retry_eligible' };
  const rows: ChargeRow[] = [
    // pi_A fails on the 10th, then succeeds the next day: retried and recovered on the 10th.
    charge({ charge_id: 'ch_a1', payment_intent_id: 'pi_A', created_at: '2026-01-10T10:00:00Z', amount: 1000, ...failed }),
    charge({ charge_id: 'ch_a2', payment_intent_id: 'pi_A', created_at: '2026-01-11T10:00:00Z', amount: 1000, attempt_number: 2 }),
    // pi_B fails twice: retried on the 10th, never recovered.
    charge({ charge_id: 'ch_b1', payment_intent_id: 'pi_B', created_at: '2026-01-10T12:00:00Z', amount: 2500, ...failed }),
    charge({ charge_id: 'ch_b2', payment_intent_id: 'pi_B', created_at: '2026-01-12T12:00:00Z', amount: 2500, attempt_number: 2, ...failed }),
    // No payment intent: a failure, but nothing to retry.
    charge({ charge_id: 'ch_c1', created_at: '2026-01-10T15:00:00Z', amount: 700, ...failed }),
    // A plain success.
    charge({ charge_id: 'ch_d1', payment_intent_id: 'pi_D', created_at: '2026-01-10T20:00:00Z', amount: 4900 }),
    // 02:00 UTC on the 11th is 21:00 on the 10th in New York (EST, UTC−5).
    charge({ charge_id: 'ch_e1', payment_intent_id: 'pi_E', created_at: '2026-01-11T02:00:00Z', amount: 1200, currency: 'jpy' }),
    // EUR intent: fails at 03:30 UTC on the 11th (22:30 on the 10th in New York), succeeds at 23:30 UTC.
    charge({ charge_id: 'ch_g1', payment_intent_id: 'pi_G', created_at: '2026-01-11T03:30:00Z', amount: 900, currency: 'eur', ...failed }),
    charge({ charge_id: 'ch_g2', payment_intent_id: 'pi_G', created_at: '2026-01-11T23:30:00Z', amount: 900, currency: 'eur', attempt_number: 2 }),
    // Pending: an attempt, neither success nor failure.
    charge({ charge_id: 'ch_f1', payment_intent_id: 'pi_F', created_at: '2026-01-12T09:00:00Z', amount: 1900, currency: 'eur', status: 'pending' }),
  ];
  type Counts = [attempts: number, succeeded: number, failed: number, gross: number, failedRevenue: number, retried: number, recovered: number, recoveredRevenue: number];
  const day = (date: string, currency: string, c: Counts): DailyRow => ({
    date, currency, total_attempts: c[0], successful_payments: c[1], failed_payments: c[2], gross_revenue: c[3],
    failed_revenue: c[4], retried_payments: c[5], recovered_payments: c[6], recovered_revenue: c[7],
  });

  const utc = [
    day('2026-01-10', 'usd', [4, 1, 3, 4900, 4200, 2, 1, 1000]),
    day('2026-01-11', 'eur', [2, 1, 1, 900, 900, 1, 1, 900]),
    day('2026-01-11', 'jpy', [1, 1, 0, 1200, 0, 0, 0, 0]),
    day('2026-01-11', 'usd', [1, 1, 0, 1000, 0, 0, 0, 0]),
    day('2026-01-12', 'eur', [1, 0, 0, 0, 0, 0, 0, 0]),
    day('2026-01-12', 'usd', [1, 0, 1, 0, 2500, 0, 0, 0]),
  ];
  const newYork = [
    day('2026-01-10', 'eur', [1, 0, 1, 0, 900, 1, 1, 900]),
    day('2026-01-10', 'jpy', [1, 1, 0, 1200, 0, 0, 0, 0]),
    day('2026-01-10', 'usd', [4, 1, 3, 4900, 4200, 2, 1, 1000]),
    day('2026-01-11', 'eur', [1, 1, 0, 900, 0, 0, 0, 0]),
    day('2026-01-11', 'usd', [1, 1, 0, 1000, 0, 0, 0, 0]),
    day('2026-01-12', 'eur', [1, 0, 0, 0, 0, 0, 0, 0]),
    day('2026-01-12', 'usd', [1, 0, 1, 0, 2500, 0, 0, 0]),
  ];

  it('gives the hand-computed answers in UTC', async () => {
    expect(dailyFromDetail(rows, 'UTC')).toEqual(utc); // the TypeScript reference agrees with the hand…
    expect(await martDaily(rows, 'UTC')).toEqual(utc); // …and so does the shipped SQL
  });

  it('moves late-evening charges to the previous day in America/New_York', async () => {
    expect(dailyFromDetail(rows, 'America/New_York')).toEqual(newYork);
    expect(await martDaily(rows, 'America/New_York')).toEqual(newYork);
  });
});
