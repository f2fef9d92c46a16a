/**
 * How far a rate measured on few attempts can be from the truth: the half-width of the Wilson 95%
 * score interval for k successes in n trials (behaves at 0% and 100%, unlike the normal
 * approximation). The Overview flags a rate as too small to trust when this exceeds
 * TRUST_HALF_WIDTH: at a 90% success rate that takes fewer than ~140 decided attempts, at 50%
 * fewer than ~380.
 */
const Z = 1.959964;

const TRUST_HALF_WIDTH = 0.05;

/** Half-width of the 95% interval around k / n (1 when n is 0: nothing is known). */
export function rateHalfWidth(k: number, n: number): number {
  if (n <= 0) return 1;
  const p = k / n;
  const z2 = Z * Z;
  return (Z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
}

export function isTooSmallToTrust(k: number, n: number): boolean {
  return rateHalfWidth(k, n) > TRUST_HALF_WIDTH;
}
