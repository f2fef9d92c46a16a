import { useMemo } from 'preact/hooks';
import { dayLabel, revenueChartData, revenueChartOptions } from '../../charts/revenue-chart.ts';
import { formatMoney } from '../../ui/money.ts';
import { formatPercent } from '../../ui/format.ts';
import { formatRange } from '../../ui/date-range.ts';
import type { DailyResponse } from './api-types.ts';
import { readChartTheme } from './chart-theme.ts';
import { UPlotChart } from './UPlotChart.tsx';

export function RevenueChart({ daily, scheme }: { daily: DailyResponse; scheme: 'light' | 'dark' }) {
  const data = useMemo(() => revenueChartData(daily), [daily]);
  const theme = useMemo(() => readChartTheme(scheme), [scheme]);
  const { currency, dates } = daily;
  const describePoint = (i: number) => {
    const rate = daily.successRate[i];
    return `${dayLabel(data[0][i]!)}: revenue ${formatMoney(daily.revenue[i] ?? 0, currency)}, success rate ${rate == null ? 'not available' : formatPercent(rate)}, ${daily.attempts[i] ?? 0} attempts.`;
  };
  const label = dates.length ? `Daily revenue (bars) and success rate (line), ${formatRange({ from: dates[0]!, to: dates[dates.length - 1]! })}` : 'Daily revenue and success rate';
  return (
    <UPlotChart
      optionsKey={`revenue|${scheme}|${currency}`}
      makeOptions={(width, height) => revenueChartOptions({ width, height, theme, currency })}
      data={data}
      label={label}
      describePoint={describePoint}
      emptyNote={daily.attempts.every((n) => n === 0) ? 'No payments in this range' : undefined}
    />
  );
}
