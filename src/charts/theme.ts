/**
 * Chart colours come from the same CSS custom properties as the rest of the page (src/styles),
 * so light and dark stay in one place. The island reads them; builders get a plain object.
 */
export interface ChartTheme {
  name: 'light' | 'dark';
  text: string;
  muted: string;
  grid: string;
  revenue: string;
  rate: string;
  recovery: string;
  maturing: string;
  maturingBand: string;
  /** Failure-spike episodes on the daily chart: a band behind the bars and a strip along its top. */
  spike: string;
  spikeBand: string;
  font: string;
}

const VARIABLES: Record<Exclude<keyof ChartTheme, 'name' | 'font'>, string> = {
  text: '--color-text',
  muted: '--color-muted',
  grid: '--chart-grid',
  revenue: '--chart-revenue',
  rate: '--chart-rate',
  recovery: '--chart-recovery',
  maturing: '--chart-maturing',
  maturingBand: '--chart-maturing-band',
  spike: '--chart-spike',
  spikeBand: '--chart-spike-band',
};

/** Builds the theme from a CSS variable reader (getComputedStyle(root).getPropertyValue). */
export function chartTheme(name: ChartTheme['name'], readVariable: (name: string) => string, font: string): ChartTheme {
  const colours = Object.fromEntries(Object.entries(VARIABLES).map(([key, variable]) => [key, readVariable(variable).trim() || '#888'])) as Omit<ChartTheme, 'name' | 'font'>;
  return { name, font, ...colours };
}
