/**
 * Owns one uPlot instance: created in an effect, destroyed in the cleanup. What to do on each
 * render (create, resize, new data, nothing) is decided by planChartUpdate. The legend lives in
 * its own fixed-height box above the plot so the plot's height never depends on legend wrapping.
 * With the keyboard, the left/right arrows walk the days and a live region reads each one.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot, { type AlignedData, type Options } from 'uplot';
import { planChartUpdate, type ChartState } from '../../charts/update-plan.ts';

interface UPlotChartProps {
  optionsKey: string;
  makeOptions: (width: number, height: number) => Options;
  data: AlignedData;
  /** Accessible name of the focusable chart. */
  label: string;
  /** A sentence about day `index`, read out when the keyboard reaches it. */
  describePoint: (index: number) => string;
  /** Shown over the (empty) plot when the range has nothing to draw. */
  emptyNote?: string;
}

export function UPlotChart({ optionsKey, makeOptions, data, label, describePoint, emptyNote }: UPlotChartProps) {
  const plotRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const shown = useRef<ChartState | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const [cursor, setCursor] = useState<number | null>(null);

  useEffect(() => {
    const plot = plotRef.current!;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => setSize({ width: Math.floor(plot.clientWidth), height: Math.floor(plot.clientHeight) }));
    });
    observer.observe(plot);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      chart.current?.destroy();
      chart.current = null;
      shown.current = null;
    };
  }, []);

  useEffect(() => {
    const next: ChartState = { optionsKey, width: size.width, height: size.height, data };
    const plan = planChartUpdate(shown.current, next);
    if (plan.action === 'wait' || plan.action === 'keep') return;
    if (plan.action === 'create') {
      chart.current?.destroy();
      const options = makeOptions(size.width, size.height);
      options.legend = { ...options.legend, mount: (_u, el) => legendRef.current?.appendChild(el) };
      chart.current = new uPlot(options, data, plotRef.current!);
      setCursor(null);
    } else {
      if (plan.setSize) chart.current!.setSize({ width: size.width, height: size.height });
      if (plan.setData) chart.current!.setData(data);
    }
    shown.current = next;
  });

  const points = data[0].length;
  const moveTo = (index: number) => {
    const u = chart.current;
    if (!u || points === 0) return;
    const i = Math.max(0, Math.min(points - 1, index));
    u.setCursor({ left: u.valToPos(u.data[0][i]!, 'x'), top: u.bbox.height / devicePixelRatio / 2 });
    setCursor(i);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const step: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, PageUp: -7, PageDown: 7 };
    let target: number | undefined;
    if (event.key in step) target = (cursor ?? (step[event.key]! > 0 ? -1 : points)) + step[event.key]!;
    else if (event.key === 'Home') target = 0;
    else if (event.key === 'End') target = points - 1;
    if (target === undefined) return;
    event.preventDefault();
    moveTo(target);
  };
  const onBlur = () => {
    chart.current?.setCursor({ left: -10, top: -10 });
    setCursor(null);
  };

  return (
    <div class="chart">
      <div class="chart__legend" ref={legendRef} />
      <div class="chart__frame">
        <div class="chart__plot" ref={plotRef} tabIndex={0} role="group" aria-label={`${label}. Use the left and right arrow keys to read each day.`} onKeyDown={onKeyDown} onBlur={onBlur} />
        {emptyNote && <p class="chart__empty" data-chart-empty>{emptyNote}</p>}
      </div>
      <p class="visually-hidden" aria-live="polite">{cursor === null ? '' : describePoint(cursor)}</p>
    </div>
  );
}

/** A chart's box at its final size, drawn as a grey block until the data arrives. */
export function ChartSkeleton() {
  return (
    <div class="chart">
      <div class="chart__legend" />
      <div class="chart__plot"><span class="skeleton skeleton--fill" /></div>
    </div>
  );
}
