import { useMemo } from 'preact/hooks';
import { dayLabel, revenueChartData, revenueChartOptions } from '../../charts/revenue-chart.ts';
import { formatMoney } from '../../contract/money.ts';
import { formatPercent } from '../../ui/format.ts';
import { formatRange } from '../../ui/date-range.ts';
import type { OverviewAlertEpisode } from '../../contract/alerts.ts';
import type { DailyResponse, WithCurrency } from '../../contract/overview.ts';
import { daySpan } from '../../charts/day-bands.ts';
import { readChartTheme } from './chart-theme.ts';
import { UPlotChart } from './UPlotChart.tsx';

/** `episodes`: failure spikes of the range, shaded on their days (absent until they load). */
export function RevenueChart({ daily, scheme, episodes = [] }: { daily: WithCurrency<DailyResponse>; scheme: 'light' | 'dark'; episodes?: readonly OverviewAlertEpisode[] }) {
  const data = useMemo(() => revenueChartData(daily), [daily]);
  const spikes = useMemo(() => episodes.map((e) => daySpan(e.firstDay, e.lastDay)), [episodes]);
  const spikesKey = spikes.map((s) => `${s.from}-${s.to}`).join(',');
  const theme = useMemo(() => readChartTheme(scheme), [scheme]);
  const { currency, dates } = daily;
  const describePoint = (i: number) => {
    const rate = daily.successRate[i];
    return `${dayLabel(data[0][i]!)}: revenue ${formatMoney(daily.revenue[i] ?? 0, currency)}, success rate ${rate == null ? 'not available' : formatPercent(rate)}, ${daily.attempts[i] ?? 0} attempts.`;
  };
  const spikeNote = episodes.length ? `; failure spikes shaded on ${episodes.map((e) => formatRange({ from: e.firstDay, to: e.lastDay })).join(', ')}` : '';
  const label = dates.length ? `Daily revenue (bars) and success rate (line), ${formatRange({ from: dates[0]!, to: dates[dates.length - 1]! })}${spikeNote}` : 'Daily revenue and success rate';
  return (
    <UPlotChart
      optionsKey={`revenue|${scheme}|${currency}|${spikesKey}`}
      makeOptions={(width, height) => revenueChartOptions({ width, height, theme, currency, spikes })}
      data={data}
      label={label}
      describePoint={describePoint}
      emptyNote={daily.attempts.every((n) => n === 0) ? 'No payments in this range' : undefined}
    />
  );
}
