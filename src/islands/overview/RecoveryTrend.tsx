import { useMemo } from 'preact/hooks';
import { dayLabel } from '../../charts/revenue-chart.ts';
import { maturingFromSeconds, recoveryChartData, recoveryChartOptions } from '../../charts/recovery-chart.ts';
import { formatPercent, formatCount } from '../../ui/format.ts';
import { formatDate } from '../../ui/date-range.ts';
import type { RecoveryResponse, WithCurrency } from '../../contract/overview.ts';
import { readChartTheme } from './chart-theme.ts';
import { UPlotChart } from './UPlotChart.tsx';

export function RecoveryTrend({ recovery, scheme }: { recovery: WithCurrency<RecoveryResponse>; scheme: 'light' | 'dark' }) {
  const { maturing } = recovery;
  const data = useMemo(() => recoveryChartData({ dates: recovery.dates, rate: recovery.rate, maturing }), [recovery]);
  const theme = useMemo(() => readChartTheme(scheme), [scheme]);
  const maturingFrom = maturingFromSeconds({ dates: recovery.dates, maturing });
  const firstMaturing = maturing.indexOf(true);
  const { current } = recovery;
  const describePoint = (i: number) => {
    const rate = recovery.rate[i];
    return `${dayLabel(data[0][i]!)}: ${rate == null ? 'no retried payments' : `recovery rate ${formatPercent(rate)}, ${recovery.recovered[i] ?? 0} of ${recovery.retried[i] ?? 0} retried payments recovered`}${maturing[i] ? ', still maturing' : ''}.`;
  };
  return (
    <>
      <p class="recovery-current">
        <span class="recovery-current__value" data-recovery-current>{current.rate == null ? '—' : formatPercent(current.rate)}</span>
        <span class="recovery-current__detail">
          {current.retried === 0 ? 'No failed payments were retried in this range' : `${formatCount(current.recovered)} of ${formatCount(current.retried)} retried payments recovered`}
        </span>
      </p>
      <UPlotChart
        optionsKey={`recovery|${scheme}|${maturingFrom ?? ''}`}
        makeOptions={(width, height) => recoveryChartOptions({ width, height, theme, maturingFrom })}
        data={data}
        label="Recovery rate by day of first failure"
        describePoint={describePoint}
      />
      <p class="chart-note">
        {firstMaturing === -1
          ? 'Dated by the day of the first failed attempt.'
          : `From ${formatDate(recovery.dates[firstMaturing]!, { withYear: false })} (shaded, dashed) still maturing: retries are still landing, so these rates will rise.`}
      </p>
    </>
  );
}
