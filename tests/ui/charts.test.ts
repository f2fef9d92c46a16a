import { describe, expect, it } from 'vitest';
import type { AlignedData } from 'uplot';
import { planChartUpdate, type ChartState } from '../../src/charts/update-plan.ts';
import { dayTicks, legendValue, moneyAxisIncrements, rateAxisRange, revenueChartData, revenueChartOptions } from '../../src/charts/revenue-chart.ts';
import { maturingFromSeconds, recoveryChartData, recoveryChartOptions } from '../../src/charts/recovery-chart.ts';
import { chartTheme } from '../../src/charts/theme.ts';
import { DAY_LABEL_PX, dateToSeconds, dayTickSplits, monthlyTicks, paddedDayRange, secondsToDate } from '../../src/charts/time-axis.ts';

const data: AlignedData = [[1, 2], [3, 4]];
const state = (overrides: Partial<ChartState> = {}): ChartState => ({ optionsKey: 'revenue|light|usd', width: 800, height: 280, data, ...overrides });

describe('planChartUpdate', () => {
  it('creates the first chart once its box has a size', () => {
    expect(planChartUpdate(null, state({ width: 0 }))).toEqual({ action: 'wait' });
    expect(planChartUpdate(null, state())).toEqual({ action: 'create' });
  });

  it('keeps the chart when nothing changed', () => {
    const shown = state();
    expect(planChartUpdate(shown, { ...shown })).toEqual({ action: 'keep' });
  });

  it('resizes, or swaps data, in place', () => {
    const shown = state();
    expect(planChartUpdate(shown, state({ width: 640 }))).toEqual({ action: 'update', setSize: true, setData: false });
    expect(planChartUpdate(shown, state({ data: [[1, 2, 3], [3, 4, 5]] }))).toEqual({ action: 'update', setSize: false, setData: true });
    expect(planChartUpdate(shown, state({ height: 220, data: [[1], [2]] }))).toEqual({ action: 'update', setSize: true, setData: true });
  });

  it('recreates when the options change (theme, currency) or the series count does', () => {
    const shown = state();
    expect(planChartUpdate(shown, state({ optionsKey: 'revenue|dark|usd' }))).toEqual({ action: 'create' });
    expect(planChartUpdate(shown, state({ data: [[1, 2], [3, 4], [5, 6]] }))).toEqual({ action: 'create' });
  });

  it('waits while the box is hidden instead of drawing at width 0', () => {
    expect(planChartUpdate(state(), state({ width: 0 }))).toEqual({ action: 'wait' });
  });
});

describe('revenue chart', () => {
  const daily = { currency: 'jpy', dates: ['2026-11-01', '2026-11-02'], revenue: [150_000, 0], successRate: [0.9234, null] };

  it('turns the API’s columns into uPlot columns: UTC days, major units, percent', () => {
    expect(revenueChartData(daily)).toEqual([[dateToSeconds('2026-11-01'), dateToSeconds('2026-11-02')], [150_000, 0], [92.34, null]]);
    expect(revenueChartData({ ...daily, currency: 'usd' })[1]).toEqual([1500, 0]);
    expect(secondsToDate(dateToSeconds('2026-03-29'))).toBe('2026-03-29');
  });

  it('zooms the success-rate axis to the data in steps of 5, within 0–100', () => {
    expect(rateAxisRange(88.2, 96.4)).toEqual([85, 100]);
    expect(rateAxisRange(40, 60)).toEqual([35, 65]);
    expect(rateAxisRange(100, 100)).toEqual([95, 100]);
    expect(rateAxisRange(null, null)).toEqual([0, 100]);
  });

  it('builds options with two axes, bars and a line, formatted in the currency', () => {
    const theme = chartTheme('light', (name) => (name === '--chart-revenue' ? '#123456' : ''), 'sans-serif');
    const options = revenueChartOptions({ width: 800, height: 280, theme, currency: 'usd', locale: 'en-US' });
    expect(options.series.map((s) => s.label)).toEqual(['Day', 'Revenue', 'Success rate']);
    expect(options.series[1]!.scale).toBe('revenue');
    expect(options.series[1]!.fill).toBe('#123456');
    expect(options.series[2]!.scale).toBe('rate');
    expect(options.axes!.map((a) => a.side ?? 2)).toEqual([2, 2, 1]);
    const money = options.series[1]!.value as (u: unknown, v: number | null, s: number, i: number | null) => string;
    expect(money(null, 1234.5, 1, 0)).toBe('$1,234.50');
    expect(money(null, 1234.5, 1, null)).toBe('');
    const ticks = options.axes![1]!.values as (u: unknown, splits: number[]) => string[];
    expect(ticks(null, [0, 25_000])).toEqual(['$0', '$25K']);
    expect(paddedDayRange([86_400, 172_800])).toEqual([43_200, 216_000]);
  });

  it('labels days and legend values', () => {
    expect(dayTicks([dateToSeconds('2026-11-01')], 'en-US')).toEqual(['Nov 1']);
    const value = legendValue((v) => `${v}%`);
    expect([value(null, 5, 1, 0), value(null, null, 1, 0), value(null, 5, 1, null)]).toEqual(['5%', '—', '']);
  });
});

describe('recovery chart', () => {
  const recovery = { dates: ['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'], rate: [0.5, 0.75, null, 0.25], maturing: [false, false, true, true] };

  it('splits settled and maturing days into two series that join', () => {
    expect(recoveryChartData(recovery)).toEqual([
      recovery.dates.map(dateToSeconds),
      [50, 75, null, null],
      [null, 75, null, 25],
    ]);
    expect(recoveryChartData({ ...recovery, maturing: [false, false, false, false] })[2]).toEqual([null, null, null, null]);
    expect(maturingFromSeconds(recovery)).toBe(dateToSeconds('2026-11-03'));
    expect(maturingFromSeconds({ dates: recovery.dates, maturing: [false, false, false, false] })).toBeNull();
  });

  it('shades the maturing days only when there are some', () => {
    const theme = chartTheme('dark', () => '#abcdef', 'sans-serif');
    expect(recoveryChartOptions({ width: 500, height: 240, theme, maturingFrom: null }).hooks).toEqual({});
    expect(recoveryChartOptions({ width: 500, height: 240, theme, maturingFrom: 1 }).hooks!.drawAxes).toHaveLength(1);
    expect(recoveryChartOptions({ width: 500, height: 240, theme, maturingFrom: 1 }).series[2]!.dash).toEqual([6, 4]);
  });
});

describe('time axis ticks', () => {
  const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => dateToSeconds(from) + i * 86_400);
  const labels = (splits: number[]) => dayTicks(splits, 'en-US');

  it('labels each day of a short range once, and nothing outside it', () => {
    const week = days('2026-11-24', 7);
    const splits = dayTickSplits(week[0]!, week[6]!, 700);
    expect(labels(splits)).toEqual(['Nov 24', 'Nov 25', 'Nov 26', 'Nov 27', 'Nov 28', 'Nov 29', 'Nov 30']);
    // One day (month to date on the 1st): one label, the day itself, however wide the chart.
    expect(labels(dayTickSplits(dateToSeconds('2026-12-01'), dateToSeconds('2026-12-01'), 1200))).toEqual(['Dec 1']);
  });

  it('spaces labels out on narrow charts and long ranges, never closer than one label’s room', () => {
    const month = days('2026-11-01', 30);
    const narrow = dayTickSplits(month[0]!, month[29]!, 300);
    expect(narrow.length).toBeLessThanOrEqual(Math.floor(300 / DAY_LABEL_PX));
    expect(narrow.every((x) => x >= month[0]! && x <= month[29]!)).toBe(true);
    expect(new Set(labels(narrow)).size).toBe(narrow.length);
    expect(labels(dayTickSplits(month[0]!, month[29]!, 800))).toEqual(['Nov 1', 'Nov 4', 'Nov 7', 'Nov 10', 'Nov 13', 'Nov 16', 'Nov 19', 'Nov 22', 'Nov 25', 'Nov 28']);
  });

  it('labels month starts, with the year, on ranges of months or years', () => {
    const twoYears = dayTickSplits(dateToSeconds('2024-12-02'), dateToSeconds('2026-12-01'), 700);
    expect(monthlyTicks(twoYears)).toBe(true);
    expect(labels(twoYears)).toEqual(['Jan 2025', 'Apr 2025', 'Jul 2025', 'Oct 2025', 'Jan 2026', 'Apr 2026', 'Jul 2026', 'Oct 2026']);
    const tenYears = dayTickSplits(dateToSeconds('2016-12-02'), dateToSeconds('2026-12-01'), 400);
    // Every two years, on even years (Jan 2017 would sit a month from the edge: too close anyway).
    expect(labels(tenYears)).toEqual(['Jan 2018', 'Jan 2020', 'Jan 2022', 'Jan 2024', 'Jan 2026']);
    // A phone's plot: two labels, not one, even where the calendar boundaries would leave one.
    expect(dayTickSplits(dateToSeconds('2024-12-02'), dateToSeconds('2026-12-01'), 230)).toHaveLength(2);
  });

  it('steps the money axis by whole minor units, so yen never shows ¥0.2 as ¥0', () => {
    expect(moneyAxisIncrements('jpy').slice(0, 4)).toEqual([1, 2, 5, 10]);
    expect(moneyAxisIncrements('usd').slice(0, 4)).toEqual([0.01, 0.02, 0.05, 0.1]);
  });
});

describe('time axis ticks at the edges', () => {
  it('leaves out a month start too close to an edge for its label', () => {
    // 90 days ending on the 1st in 300 px: "Dec 2026" centred on the last day would be cut.
    const splits = dayTickSplits(dateToSeconds('2026-09-03'), dateToSeconds('2026-12-01'), 300);
    expect(dayTicks(splits, 'en-US')).toEqual(['Oct 2026', 'Nov 2026']);
  });
});
