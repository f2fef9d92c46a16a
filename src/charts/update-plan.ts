/**
 * What a chart island must do to show `next` when it already shows `previous`: nothing, resize,
 * swap the data, or build a new uPlot instance. Pure, so it is tested without a DOM; the island
 * only carries the plan out (uplot-wrappers' optionsUpdateState idea).
 */
import type { AlignedData } from 'uplot';

export interface ChartState {
  /**
   * Identity of everything baked into the uPlot options: theme, currency, locale, series. uPlot
   * cannot change those in place, so a different key means a new instance.
   */
  optionsKey: string;
  width: number;
  height: number;
  data: AlignedData;
}

export type ChartUpdatePlan =
  | { action: 'wait' }
  | { action: 'create' }
  | { action: 'keep' }
  | { action: 'update'; setSize: boolean; setData: boolean };

export function planChartUpdate(previous: ChartState | null, next: ChartState): ChartUpdatePlan {
  // A chart in a hidden or not-yet-measured box would be drawn at width 0 and never look right.
  if (next.width < 1 || next.height < 1) return { action: 'wait' };
  if (!previous || previous.optionsKey !== next.optionsKey || previous.data.length !== next.data.length) {
    return { action: 'create' };
  }
  const setSize = previous.width !== next.width || previous.height !== next.height;
  // Data is rebuilt (a new array) exactly when a new response arrives, so identity is the test.
  const setData = previous.data !== next.data;
  return setSize || setData ? { action: 'update', setSize, setData } : { action: 'keep' };
}
