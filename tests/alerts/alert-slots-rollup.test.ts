/**
 * The alert-slots rollup (src/marts/dbt/mart_stripe_payments_alert_slots.sql) against the detail
 * mart on the demo's 50,000 generated charges, on PostgreSQL and PGlite: the same counts slot by
 * slot for every check interval that is a whole number of its five minutes, the same episodes
 * replayed over the whole history, and the detail mart for an interval that is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestEpisodes } from '../../src/alerts/backtest.ts';
import { parseAlertSettings } from '../../src/config/alert-settings.ts';
import { chargeWindow, generateCharges } from '../../src/demo/generate-charges.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { getAlertSlotCounts, readsAlertSlotsRollup, type SlotCounts } from '../../src/queries/alert-slot-counts.ts';
import type { MartSource } from '../../src/queries/mart-source.ts';
import { DRIVERS, openFixtureDatabase, testConfig, type FixtureDatabase } from '../api/support/fixture-database.ts';

const END = new Date('2026-06-15T12:00:00Z');
const MINUTE = 60_000;

/** The slots as plain arrays, so a difference names the currency and the slot. */
function plain(counts: SlotCounts) {
  return {
    firstSlot: counts.firstSlot,
    length: counts.length,
    currencies: Object.fromEntries([...counts.currencies].sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, series]) => [currency, { attempts: [...series.attempts], failures: [...series.failures] }])),
  };
}

describe.each(DRIVERS)('alert slots from the rollup and from the detail mart, %s', (driver) => {
  let fixture: FixtureDatabase;
  let rollup: MartSource;
  let detail: MartSource;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, [...generateCharges({ charges: 50_000, endDate: END })]);
    rollup = { db: fixture.db, tables: martTables(testConfig()) };
    detail = { db: fixture.db, tables: martTables(testConfig({ alertSlotsTable: 'no_alert_slots_rollup' })) };
  }, 120_000);
  afterAll(() => fixture?.close());

  const { start } = chargeWindow({ endDate: END });

  it.each([5, 15, 60])('every %i-minute slot of the history holds the same counts', async (minutes) => {
    const slotMs = minutes * MINUTE;
    expect(await readsAlertSlotsRollup(rollup, slotMs)).toBe(true);
    expect(await readsAlertSlotsRollup(detail, slotMs)).toBe(false);
    // From an hour before the first charge to a slot past the last, not on a day boundary.
    const first = Math.floor((start.getTime() - 3_600_000) / slotMs) + 1;
    const end = Math.ceil(END.getTime() / slotMs) + 1;
    for (const currency of [null, 'usd', 'jpy']) {
      const expected = plain(await getAlertSlotCounts(detail, slotMs, first, end, currency));
      expect(Object.keys(expected.currencies)).toEqual(currency === null ? ['eur', 'jpy', 'usd'] : [currency]);
      expect(plain(await getAlertSlotCounts(rollup, slotMs, first, end, currency))).toEqual(expected);
    }
  });

  it('counts from the detail mart for an interval that is not a whole number of its slots', async () => {
    expect(await readsAlertSlotsRollup(rollup, 3 * MINUTE)).toBe(false);
    const slotMs = 3 * MINUTE;
    const first = Math.floor(END.getTime() / slotMs) - 20 * 24 * 20;
    const end = Math.floor(END.getTime() / slotMs);
    expect(plain(await getAlertSlotCounts(rollup, slotMs, first, end, 'usd'))).toEqual(plain(await getAlertSlotCounts(detail, slotMs, first, end, 'usd')));
  });

  it('replays the same episodes over the whole history', async () => {
    const range = { from: start.toISOString().slice(0, 10), to: END.toISOString().slice(0, 10) };
    const settings = parseAlertSettings({});
    const expected = await backtestEpisodes(detail, settings, range, 'UTC', END);
    expect(expected.length).toBeGreaterThan(0);
    expect(await backtestEpisodes(rollup, settings, range, 'UTC', END)).toEqual(expected);
  });
});
