/**
 * What the KPIs compare with (issue 18, item 13), on PostgreSQL and PGlite. Today is 2026-03-20,
 * 12:00 UTC (the fixture's clock), UTC the reporting zone.
 */
import { describe, expect, it } from 'vitest';
import { handleOverviewKpis } from '../../src/api/handlers/overview-kpis.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { DRIVERS, useFixtureHandlers } from './support/fixture-database.ts';

const paid = (id: string, at: string, amount: number) => charge({ charge_id: id, created_at: at, amount, payment_intent_id: `pi_${id}` });

const ROWS = [
  // Last 7 days (03-14..03-20) and the 7 before (03-07..03-13), today so far: 700.
  paid('now1', '2026-03-20T09:00:00Z', 700),
  paid('prev_morning', '2026-03-13T08:00:00Z', 1000), // before 12:00 on the previous period's last day: counted
  paid('prev_evening', '2026-03-13T15:00:00Z', 5000), // after it: not yet, a week ago, at this time
  paid('prev_early', '2026-03-10T20:00:00Z', 200),
  // February and January, for the calendar months.
  paid('feb_11am', '2026-02-20T11:00:00Z', 30),
  paid('feb_1pm', '2026-02-20T13:00:00Z', 4000),
  paid('feb_late', '2026-02-25T10:00:00Z', 9000),
  paid('jan', '2026-01-31T23:00:00Z', 60),
];

describe.each(DRIVERS)('comparison periods on %s', (driver) => {
  const { get } = useFixtureHandlers(driver, ROWS);

  it('a range ending today is in progress: its previous period counts its last day up to the same time', async () => {
    const body = await get(handleOverviewKpis, 'from=2026-03-14&to=2026-03-20&currency=usd');
    expect(body.inProgress).toBe(true);
    expect(body.previous).toEqual({ from: '2026-03-07', to: '2026-03-13' });
    expect(body.kpis.grossRevenue).toMatchObject({ value: 700, previous: 1200 }); // not 6,200: the evening has not come yet
    expect(body.kpis.attempts).toMatchObject({ value: 1, previous: 2 });
  });

  it('month to date against the same days of the month before, the last one to the same time', async () => {
    const body = await get(handleOverviewKpis, 'from=2026-03-01&to=2026-03-20&currency=usd');
    expect(body.previous).toEqual({ from: '2026-02-01', to: '2026-02-20' });
    // Feb 1–19 have nothing; Feb 20 until 12:00 has 30; Feb 25 is outside the part compared.
    expect(body.kpis.grossRevenue.previous).toBe(30);
  });

  it('a calendar month against the calendar month before, and a finished range is not in progress', async () => {
    const body = await get(handleOverviewKpis, 'from=2026-02-01&to=2026-02-28&currency=usd');
    expect(body.inProgress).toBe(false);
    expect(body.previous).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(body.kpis.grossRevenue).toMatchObject({ value: 13_030, previous: 60 });
  });
});
