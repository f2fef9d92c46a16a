import { describe, expect, it } from 'vitest';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { loadDeclineCodeMapping } from '../../src/marts/decline-codes.ts';
import { chargeWindow, generateCharges } from '../../src/demo/generate-charges.ts';
import { incidentWindow } from '../../src/demo/demo-incident.ts';

const END = new Date('2026-06-30T18:00:00Z');
const DAY = 86_400_000;
const N = 20_000;
const rows = [...generateCharges({ charges: N, endDate: END })];
const mapping = loadDeclineCodeMapping();

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

const intents = groupBy(rows.filter((row) => row.payment_intent_id !== null), (row) => row.payment_intent_id!);
const ms = (row: ChargeRow) => Date.parse(row.created_at);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('generateCharges: determinism and size', () => {
  it('gives identical rows for identical options and different rows for another seed', () => {
    const again = [...generateCharges({ charges: N, endDate: new Date(END) })];
    expect(again).toEqual(rows);
    const other = [...generateCharges({ charges: N, endDate: END, seed: 7 })];
    expect(other).toHaveLength(N);
    expect(other.filter((row, i) => row.charge_id === rows[i]!.charge_id)).toHaveLength(0);
    expect(other.map((row) => row.created_at)).not.toEqual(rows.map((row) => row.created_at));
  });

  it('produces exactly the number of rows asked for, lazily', () => {
    for (const charges of [0, 1, 2, 7, 999, 4321]) {
      expect([...generateCharges({ charges, endDate: END, days: 30 })]).toHaveLength(charges);
    }
    // A generator: asking for a billion rows costs nothing until they are pulled.
    const huge = generateCharges({ charges: 1_000_000_000, endDate: END });
    expect(huge.next().done).toBe(false);
  });

  it('rejects impossible options', () => {
    expect(() => [...generateCharges({ charges: -1, endDate: END })]).toThrow(/charges/);
    expect(() => [...generateCharges({ charges: 1.5, endDate: END })]).toThrow(/charges/);
    expect(() => [...generateCharges({ charges: 10, endDate: new Date('nope') })]).toThrow(/endDate/);
    expect(() => [...generateCharges({ charges: 10, endDate: END, days: 0 })]).toThrow(/days/);
  });
});

describe('generateCharges: invariants over 20,000 rows', () => {
  it('has Stripe-shaped, unique ids', () => {
    expect(new Set(rows.map((row) => row.charge_id)).size).toBe(N);
    expect(rows.filter((row) => !/^ch_[0-9A-Za-z]{24}$/.test(row.charge_id))).toEqual([]);
    expect(rows.filter((row) => row.payment_intent_id !== null && !/^pi_[0-9A-Za-z]{24}$/.test(row.payment_intent_id))).toEqual([]);
    expect(rows.filter((row) => row.customer_id !== null && !/^cus_[0-9A-Za-z]{24}$/.test(row.customer_id))).toEqual([]);
    expect(rows.filter((row) => row.profile_id !== null && !/^usr_\d+$/.test(row.profile_id))).toEqual([]);
    const customers = new Set(rows.map((row) => row.customer_id));
    expect(customers.size).toBeGreaterThan(1000); // many customers, most paying more than once
    expect(customers.size).toBeLessThan(N);
  });

  it('numbers each intent’s attempts 1..n in time order, with at most one success and nothing after it (which retries may follow which failure: retry-rules.test.ts)', () => {
    let retried = 0;
    let recovered = 0;
    let abandoned = 0;
    for (const attempts of intents.values()) {
      const sorted = [...attempts].sort((a, b) => a.attempt_number - b.attempt_number);
      sorted.forEach((row, i) => {
        expect(row.attempt_number).toBe(i + 1);
        if (i > 0) expect(ms(row)).toBeGreaterThan(ms(sorted[i - 1]!));
        // Everything but the last attempt failed: no attempt after a success or a pending one.
        if (i < sorted.length - 1) expect(row.status).toBe('failed');
        // Same intent, same amount, currency, customer and funnel.
        expect([row.amount, row.currency, row.customer_id, row.funnel]).toEqual([sorted[0]!.amount, sorted[0]!.currency, sorted[0]!.customer_id, sorted[0]!.funnel]);
      });
      expect(sorted.filter((row) => row.status === 'succeeded').length).toBeLessThanOrEqual(1);
      if (sorted[0]!.status === 'failed' && sorted.length > 1) {
        retried++;
        if (sorted.at(-1)!.status === 'succeeded') recovered++;
        else abandoned++;
      }
    }
    expect(retried).toBeGreaterThan(200);
    expect(recovered).toBeGreaterThan(retried * 0.3);
    expect(abandoned).toBeGreaterThan(retried * 0.1);
    // Retries wait minutes (customer on the page) to days (dunning).
    const gaps = [...intents.values()].filter((a) => a.length > 1).map((a) => {
      const s = [...a].sort((x, y) => x.attempt_number - y.attempt_number);
      return ms(s[1]!) - ms(s[0]!);
    });
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(30_000);
    expect(gaps.filter((gap) => gap > DAY).length).toBeGreaterThan(gaps.length * 0.2);
    expect(gaps.filter((gap) => gap < 3_600_000).length).toBeGreaterThan(gaps.length * 0.05);
  });

  it('keeps charges without a payment intent to single attempts', () => {
    const loose = rows.filter((row) => row.payment_intent_id === null);
    expect(loose.length).toBeGreaterThan(N * 0.005);
    expect(loose.length).toBeLessThan(N * 0.05);
    for (const row of loose) expect(row.attempt_number).toBe(1);
  });

  it('has plausible amounts in each currency’s minor unit', () => {
    expect(rows.filter((row) => !Number.isSafeInteger(row.amount) || row.amount <= 0)).toEqual([]);
    const byCurrency = groupBy(rows, (row) => row.currency);
    expect([...byCurrency.keys()].sort()).toEqual(['eur', 'jpy', 'usd']);
    const share = (currency: string) => byCurrency.get(currency)!.length / N;
    expect(share('usd')).toBeGreaterThan(0.62);
    expect(share('usd')).toBeLessThan(0.78);
    expect(share('eur')).toBeGreaterThan(0.14);
    expect(share('eur')).toBeLessThan(0.26);
    expect(share('jpy')).toBeGreaterThan(0.06);
    expect(share('jpy')).toBeLessThan(0.14);
    // JPY is zero-decimal: whole yen, hundreds to a few hundred thousand, not cents-sized.
    const yen = byCurrency.get('jpy')!.map((row) => row.amount);
    expect(Math.min(...yen)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...yen)).toBeLessThan(5_000_000);
    expect(median(yen)).toBeGreaterThanOrEqual(1000);
    expect(median(yen)).toBeLessThanOrEqual(20_000);
    expect(yen).toContain(1320); // a 1,200 yen plan with 10 % consumption tax
    const cents = byCurrency.get('usd')!.map((row) => row.amount);
    expect(median(cents)).toBeGreaterThanOrEqual(900);
    expect(median(cents)).toBeLessThanOrEqual(10_000);
    expect(Math.min(...cents)).toBeGreaterThanOrEqual(50);
  });

  it('takes every failure’s code, message, category and action from the mapping', () => {
    const failed = rows.filter((row) => row.status === 'failed');
    const mismatched = failed.filter((row) => {
      const entry = mapping.get(row.decline_code ?? '');
      return !entry || row.failure_code !== entry.failureCode || row.failure_message !== entry.failureMessage
        || row.failure_category !== entry.failureCategory || row.recovery_action !== entry.recoveryAction;
    });
    expect(mismatched).toEqual([]);
    const notFailedWithFailure = rows.filter((row) => row.status !== 'failed'
      && [row.failure_code, row.decline_code, row.failure_message, row.failure_category, row.recovery_action].some((v) => v !== null));
    expect(notFailedWithFailure).toEqual([]);
    const codes = groupBy(failed, (row) => row.decline_code!);
    // Realistic mix: soft declines lead, many different codes appear.
    const top = [...codes].sort((a, b) => b[1].length - a[1].length).slice(0, 3).map(([code]) => code);
    expect(top).toEqual(expect.arrayContaining(['insufficient_funds', 'generic_decline']));
    expect(codes.size).toBeGreaterThan(20);
    expect(new Set(failed.map((row) => row.failure_category)).size).toBeGreaterThanOrEqual(7);
  });

  it('succeeds about 90–93 % of the time, with pending charges only in the last day', () => {
    const succeeded = rows.filter((row) => row.status === 'succeeded').length;
    const failed = rows.filter((row) => row.status === 'failed').length;
    const rate = succeeded / (succeeded + failed);
    expect(rate).toBeGreaterThan(0.89);
    expect(rate).toBeLessThan(0.94);
    const pending = rows.filter((row) => row.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    for (const row of pending) expect(END.getTime() - ms(row)).toBeLessThan(DAY);
  });

  it('stays inside the window, never after endDate, in created_at order', () => {
    const window = chargeWindow({ endDate: END });
    expect(window.start.toISOString()).toBe('2025-12-13T00:00:00.000Z'); // 200 UTC dates, the last one ends at END
    expect(window.end).toEqual(END);
    const start = window.start.getTime();
    expect(rows.filter((row) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(row.created_at))).toEqual([]);
    expect(rows.filter((row) => !(ms(row) >= start && ms(row) <= END.getTime()))).toEqual([]);
    expect(rows.every((row, i) => i === 0 || rows[i - 1]!.created_at <= row.created_at)).toBe(true);
    // Charge ids follow created_at, as Stripe's do.
    expect(rows.every((row, i) => i === 0 || rows[i - 1]!.charge_id < row.charge_id)).toBe(true);
    // The first day is a whole day, not a sliver.
    const firstDay = rows.filter((row) => row.created_at.startsWith('2025-12-13')).length;
    const secondDay = rows.filter((row) => row.created_at.startsWith('2025-12-14')).length;
    expect(firstDay).toBeGreaterThan(secondDay * 0.6);
    // The last days are populated (nothing is cut short) and so are the first.
    expect(rows.filter((row) => END.getTime() - ms(row) < DAY).length).toBeGreaterThan(50);
    expect(rows.filter((row) => ms(row) - start < 2 * DAY).length).toBeGreaterThan(50);
    // An endDate in the middle of a second, and a short window.
    const odd = new Date('2026-03-01T12:34:56.789Z');
    const few = [...generateCharges({ charges: 2000, endDate: odd, days: 7 })];
    expect(few.filter((row) => !(row.created_at >= '2026-02-23' && ms(row) <= odd.getTime()))).toEqual([]);
  });

  it('has fewer payments on weekends and grows gently over the window', () => {
    const byDate = groupBy(rows, (row) => row.created_at.slice(0, 10));
    const days = [...byDate].filter(([date]) => date > '2026-01-01' && date < '2026-06-30');
    const weekend = days.filter(([date]) => [0, 6].includes(new Date(date).getUTCDay())).map(([, r]) => r.length);
    const weekday = days.filter(([date]) => ![0, 6].includes(new Date(date).getUTCDay())).map(([, r]) => r.length);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(weekend)).toBeLessThan(mean(weekday) * 0.85);
    const start = chargeWindow({ endDate: END }).start.getTime();
    const firstMonth = rows.filter((row) => ms(row) < start + 30 * DAY).length;
    const lastMonth = rows.filter((row) => ms(row) > END.getTime() - 30 * DAY).length;
    expect(lastMonth).toBeGreaterThan(firstMonth);
  });

  it('has an incident about three weeks before endDate that the daily failure rate shows', () => {
    const { start, end } = incidentWindow(END);
    expect((END.getTime() - start.getTime()) / DAY).toBeGreaterThan(18);
    expect((END.getTime() - start.getTime()) / DAY).toBeLessThan(25);
    const hours = (end.getTime() - start.getTime()) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(48);
    expect(hours).toBeLessThanOrEqual(72);
    const failureRate = new Map<string, number>();
    for (const [date, dayRows] of groupBy(rows, (row) => row.created_at.slice(0, 10))) {
      const settled = dayRows.filter((row) => row.status !== 'pending');
      failureRate.set(date, settled.filter((row) => row.status === 'failed').length / settled.length);
    }
    const incidentDates = new Set<string>();
    for (let t = start.getTime(); t < end.getTime(); t += 3_600_000) incidentDates.add(new Date(t).toISOString().slice(0, 10));
    const normal = median([...failureRate].filter(([date]) => !incidentDates.has(date)).map(([, rate]) => rate));
    const full = [...incidentDates].slice(1, -1); // the whole days inside the incident
    expect(full.length).toBeGreaterThanOrEqual(1);
    for (const date of full) expect(failureRate.get(date)!).toBeGreaterThan(normal * 2);
    // And it is the issuer/processor side failing.
    const during = rows.filter((row) => row.status === 'failed' && ms(row) >= start.getTime() && ms(row) < end.getTime());
    const processing = during.filter((row) => row.failure_category === 'processing_error').length;
    expect(processing / during.length).toBeGreaterThan(0.5);
  });

  it('has cards, countries and funnels', () => {
    const brands = new Set(rows.map((row) => row.card_brand));
    for (const brand of ['visa', 'mastercard', 'amex', 'discover', 'jcb']) expect(brands).toContain(brand);
    expect(rows.filter((row) => !/^[A-Z]{2}$/.test(row.card_country ?? '') || !/^\d{4}$/.test(row.card_last4 ?? ''))).toEqual([]);
    expect(rows.filter((row) => row.currency === 'jpy' && row.card_brand === 'jcb').length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.currency !== 'jpy' && row.card_brand === 'jcb')).toHaveLength(0);
    const funnels = new Set(rows.map((row) => row.funnel));
    for (const funnel of ['checkout', 'renewal', 'upgrade', 'trial_conversion']) expect(funnels).toContain(funnel);
    expect(rows.some((row) => row.customer_id === null)).toBe(true);
    expect(rows.some((row) => row.profile_id === null && row.customer_id !== null)).toBe(true);
  });
});
