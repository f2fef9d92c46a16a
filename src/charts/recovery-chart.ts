/**
 * Recovery-rate trend: the share of failed first attempts that a retry later recovered, by the day
 * of the first failure. Recent days are still maturing (their retries have not all happened), so
 * they are drawn dashed over a shaded band and named in the legend: never colour alone.
 */
import type uPlot from 'uplot';
import type { AlignedData, Options } from 'uplot';
import type { ChartBuildContext } from './revenue-chart.ts';
import { dailyChartFrame, legendValue } from './revenue-chart.ts';
import { dateToSeconds } from './time-axis.ts';
import { shadeDays } from './day-bands.ts';

export interface RecoverySeries {
  dates: string[];
  rate: (number | null)[];
  /** Per day: still maturing. */
  maturing: boolean[];
}

/**
 * [x, settled rate %, maturing rate %]. The maturing series also holds the last settled point so
 * the two lines join.
 */
export function recoveryChartData(series: RecoverySeries): AlignedData {
  const percent = series.rate.map((rate) => (rate == null ? null : Math.round(rate * 10_000) / 100));
  const firstMaturing = series.maturing.indexOf(true);
  const settled = percent.map((value, i) => (firstMaturing === -1 || i < firstMaturing ? value : null));
  const maturing = percent.map((value, i) => (firstMaturing !== -1 && i >= firstMaturing - 1 ? value : null));
  return [series.dates.map(dateToSeconds), settled, maturing];
}

/** x (seconds) of the first maturing day, or null when every day has settled. */
export function maturingFromSeconds(series: Pick<RecoverySeries, 'dates' | 'maturing'>): number | null {
  const first = series.maturing.indexOf(true);
  return first === -1 || series.dates[first] === undefined ? null : dateToSeconds(series.dates[first]);
}

export interface RecoveryChartContext extends Omit<ChartBuildContext, 'currency'> {
  /** x (seconds) of the first maturing day, or null; part of the chart's options key. */
  maturingFrom: number | null;
}

export function recoveryChartOptions(context: RecoveryChartContext): Options {
  const { theme, maturingFrom } = context;
  const { axis, base, xScale, xAxis, daySeries } = dailyChartFrame(context);
  const percent = legendValue((v) => `${v.toFixed(1)}%`);
  return {
    ...base,
    scales: {
      x: xScale,
      y: { range: [0, 100] },
    },
    series: [
      daySeries,
      { label: 'Recovery rate', stroke: theme.recovery, width: 2, points: { show: (u) => u.data[0].length <= 31, size: 5, fill: theme.recovery }, value: percent },
      { label: 'Still maturing', stroke: theme.maturing, width: 2, dash: [6, 4], points: { show: true, size: 5, fill: theme.maturing }, value: percent },
    ],
    axes: [
      xAxis,
      { ...axis, size: 48, values: (_u, splits) => splits.map((v) => `${v}%`) },
    ],
    // drawAxes runs after the grid and before the series, so the band sits behind the lines.
    hooks: maturingFrom == null ? {} : { drawAxes: [(u) => shadeDays(u, maturingFrom, null, theme.maturingBand)] },
  };
}
