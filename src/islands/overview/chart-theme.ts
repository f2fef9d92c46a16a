import { chartTheme, type ChartTheme } from '../../charts/theme.ts';

/** The chart colours of the scheme the page is showing now, from the stylesheet's custom properties. */
export function readChartTheme(scheme: 'light' | 'dark'): ChartTheme {
  const root = getComputedStyle(document.documentElement);
  return chartTheme(scheme, (name) => root.getPropertyValue(name), getComputedStyle(document.body).fontFamily);
}
