/**
 * Shading whole days behind a daily chart's series (the x values are days at UTC midnight, so a
 * day spans half a day either side of its value). Drawn in the drawAxes hook: after the grid,
 * before the series.
 */
import type uPlot from 'uplot';
import { dateToSeconds } from './time-axis.ts';

const HALF_DAY = 43_200;

export interface DaySpan {
  /** x (seconds) of the first and last day, both included. */
  from: number;
  to: number;
}

/** The x values (seconds) of two reporting-zone days. */
export function daySpan(firstDay: string, lastDay: string): DaySpan {
  return { from: dateToSeconds(firstDay), to: dateToSeconds(lastDay) };
}

/** Fills the plot from the start of day `from` to the end of day `to` (null: to the right edge), clipped to the plot. */
export function shadeDays(u: uPlot, from: number, to: number | null, fill: string, height?: number): void {
  const plotRight = u.bbox.left + u.bbox.width;
  // Whole device pixels: neighbouring days' bands meet without an anti-aliased seam.
  const left = Math.round(Math.max(u.bbox.left, u.valToPos(from - HALF_DAY, 'x', true)));
  const right = Math.round(to === null ? plotRight : Math.min(plotRight, u.valToPos(to + HALF_DAY, 'x', true)));
  if (right <= left) return;
  u.ctx.save();
  u.ctx.fillStyle = fill;
  u.ctx.fillRect(left, u.bbox.top, right - left, height ?? u.bbox.height);
  u.ctx.restore();
}
