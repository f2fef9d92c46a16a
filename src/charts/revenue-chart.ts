/**
 * The Overview's one combined chart: daily revenue as bars (left axis, the currency's money) and
 * the success rate as a line (right axis, %). Columnar from the API to uPlot.
 */
import uPlot, { type AlignedData, type Options } from 'uplot';
import { currencyDigits, formatMajorMoney, toMajorUnits } from '../contract/money.ts';
import { formatDate } from '../ui/date-range.ts';
import type { ChartTheme } from './theme.ts';
import { shadeDays, type DaySpan } from './day-bands.ts';
import { dateToSeconds, dayTickSplits, monthlyTicks, paddedDayRange, secondsToDate } from './time-axis.ts';

export interface DailySeries {
  currency: string;
  dates: string[];
  /** Minor units per day. */
  revenue: number[];
  /** Fractions; null on a day without settled attempts. */
  successRate: (number | null)[];
}

/** [x seconds, revenue in major units, success rate in %]. */
export function revenueChartData(daily: DailySeries): AlignedData {
  return [
    daily.dates.map(dateToSeconds),
    daily.revenue.map((minor) => toMajorUnits(minor, daily.currency)),
    daily.successRate.map((rate) => (rate == null ? null : Math.round(rate * 10_000) / 100)),
  ];
}

/** Success-rate axis: zoomed to the data (rates live near 90%) in steps of 5, never past 0–100. */
export function rateAxisRange(min: number | null, max: number | null): [number, number] {
  if (min == null || max == null) return [0, 100];
  const low = Math.max(0, Math.floor((min - 2) / 5) * 5);
  const high = Math.min(100, Math.ceil((max + 1) / 5) * 5);
  return [Math.min(low, high - 5), Math.max(high, low + 5)];
}

export interface ChartBuildContext {
  width: number;
  height: number;
  theme: ChartTheme;
  currency: string;
  locale?: string;
}

export function utcDate(seconds: number): Date {
  return uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC');
}

export function dayLabel(seconds: number, locale?: string): string {
  return formatDate(secondsToDate(seconds), { locale, withYear: true });
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function monthLabel(seconds: number, locale?: string): string {
  let format = monthFormats.get(locale ?? '');
  if (!format) monthFormats.set(locale ?? '', (format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', year: 'numeric' })));
  return format.format(new Date(seconds * 1000));
}

/**
 * Day ticks as "Oct 28" in UTC (the x values are reporting-zone dates at UTC midnight); month
 * ticks, on ranges of months or years, as "Oct 2026".
 */
export function dayTicks(splits: number[], locale?: string): string[] {
  if (monthlyTicks(splits)) return splits.map((v) => monthLabel(v, locale));
  return splits.map((v) => formatDate(secondsToDate(v), { locale, withYear: false }));
}

/**
 * Steps of the money axis: 1, 2 and 5 times a power of ten, never finer than the currency's minor
 * unit, so a yen axis never shows ¥0.2 rounded to "¥0" twice.
 */
export function moneyAxisIncrements(currency: string): number[] {
  const digits = currencyDigits(currency);
  const incrs: number[] = [];
  for (let exponent = -digits; exponent <= 15; exponent++) {
    for (const m of [1, 2, 5]) incrs.push(Number((m * 10 ** exponent).toFixed(Math.max(0, -exponent))));
  }
  return incrs;
}

/**
 * A legend value: empty while the cursor is off the chart (so the legend reads as a key),
 * "—" for a day without a value.
 */
export function legendValue(format: (v: number) => string) {
  return (_u: unknown, v: number | null, _series: number, idx: number | null): string => (idx == null ? '' : v == null ? '—' : format(v));
}

/**
 * What every daily chart of the Overview shares: its size, UTC days on x (scale, axis and the
 * legend's day), the cursor, a live legend and the theme's axis styling.
 */
export function dailyChartFrame({ width, height, theme, locale }: Omit<ChartBuildContext, 'currency'>) {
  const axis = { stroke: theme.muted, font: `12px ${theme.font}`, ticks: { stroke: theme.grid }, grid: { stroke: theme.grid, width: 1 } };
  const base: Pick<Options, 'width' | 'height' | 'tzDate' | 'cursor' | 'legend'> = {
    width,
    height,
    tzDate: utcDate,
    cursor: { drag: { x: false, y: false }, points: { size: 7 } },
    legend: { live: true },
  };
  const xScale: uPlot.Scale = { time: true, range: (u) => paddedDayRange(u.data[0]) };
  const xAxis: uPlot.Axis = {
    ...axis,
    grid: { show: false },
    // bbox is in device pixels; the label room is in CSS pixels.
    splits: (u) => dayTickSplits(u.data[0][0]!, u.data[0][u.data[0].length - 1]!, u.bbox.width / uPlot.pxRatio),
    values: (_u, splits) => dayTicks(splits, locale),
  };
  const daySeries: uPlot.Series = { label: 'Day', value: legendValue((v) => dayLabel(v, locale)) };
  return { axis, base, xScale, xAxis, daySeries };
}

function revenueInData(u: uPlot): boolean {
  return (u.data[1] ?? []).some((v) => v != null && v > 0);
}

/** Device pixels of the strip marking a spike along the top of the plot (so the mark is not colour alone). */
const SPIKE_STRIP_PX = 4;

export interface RevenueChartContext extends ChartBuildContext {
  /** Days with a failure-spike episode, shaded; part of the chart's options key. */
  spikes?: readonly DaySpan[];
}

export function revenueChartOptions(context: RevenueChartContext): Options {
  const { theme, currency, locale, spikes = [] } = context;
  const { axis, base, xScale, xAxis, daySeries } = dailyChartFrame(context);
  return {
    ...base,
    scales: {
      x: xScale,
      revenue: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
      rate: { range: (_u, min, max) => rateAxisRange(min, max) },
    },
    series: [
      daySeries,
      {
        label: 'Revenue',
        scale: 'revenue',
        stroke: theme.revenue,
        fill: theme.revenue,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.7, 36], gap: 1 }),
        points: { show: false },
        value: legendValue((v) => formatMajorMoney(v, currency, { locale })),
      },
      {
        label: 'Success rate',
        scale: 'rate',
        stroke: theme.rate,
        width: 2,
        spanGaps: false,
        points: { show: (u) => u.data[0].length <= 31, size: 5, fill: theme.rate },
        value: legendValue((v) => `${v.toFixed(1)}%`),
      },
    ],
    axes: [
      xAxis,
      {
        ...axis,
        scale: 'revenue',
        size: 64,
        incrs: moneyAxisIncrements(currency),
        // No revenue at all: one label at zero rather than made-up steps between 0 and 1.
        filter: (u, splits) => (revenueInData(u) ? splits : splits.map((v) => (v === 0 ? v : null))),
        values: (_u, splits) => splits.map((v) => (v == null ? null : formatMajorMoney(v, currency, { locale, compact: true }))),
      },
      { ...axis, scale: 'rate', side: 1, size: 48, grid: { show: false }, values: (_u, splits) => splits.map((v) => `${v}%`) },
    ],
    hooks: spikes.length === 0 ? {} : {
      drawAxes: [(u) => {
        for (const span of spikes) {
          shadeDays(u, span.from, span.to, theme.spikeBand);
          shadeDays(u, span.from, span.to, theme.spike, SPIKE_STRIP_PX * uPlot.pxRatio);
        }
      }],
    },
  };
}
