import { appendFileSync } from 'node:fs';
import { suiteContext } from './context.ts';

/**
 * A measured figure the suite reports: printed when measured and collected so the global
 * teardown prints them all together at the end of the run.
 */
export function reportFigure(name: string, value: string | number, unit = ''): void {
  const text = `${typeof value === 'number' ? (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1)) : value}${unit ? ` ${unit}` : ''}`;
  console.log(`[figure] ${name}: ${text}`);
  appendFileSync(suiteContext().figuresFile, `${JSON.stringify({ name, text })}\n`);
}
