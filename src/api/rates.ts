/** Rates and changes as the API reports them: fractions, rounded to 6 places, null when undefined. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** numerator / denominator, or null when there is nothing to divide by. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round6(numerator / denominator);
}

/** (value − previous) / previous; null when the previous value is 0. */
export function relativeChange(value: number, previous: number): number | null {
  return previous === 0 ? null : round6((value - previous) / previous);
}

/** The difference between two rates (0.02 = +2 points); null when either is unknown. */
export function pointChange(value: number | null, previous: number | null): number | null {
  return value === null || previous === null ? null : round6(value - previous);
}
