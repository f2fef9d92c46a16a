/**
 * Rates arrive as fractions (0.943), never strings. These helpers decide how they read:
 * rates as percentages, changes of a rate as percentage points, other changes as relative %.
 */

import { numberFormatter as formatter, type Locale } from '../contract/number-formatter.ts';

/** 0.9432 → "94.3%". */
export function formatPercent(fraction: number, options: { locale?: Locale; digits?: number } = {}): string {
  const digits = options.digits ?? 1;
  return formatter(options.locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction);
}

/** A difference of two rates: 0.021 → "+2.1 pts", -0.004 → "−0.4 pts", 0 → "0.0 pts". */
export function formatPoints(difference: number, options: { locale?: Locale; digits?: number } = {}): string {
  const digits = options.digits ?? 1;
  const points = difference * 100;
  const text = formatter(options.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(points);
  return `${text} pts`;
}

/** A relative change: 0.125 → "+12.5%", -0.5 → "−50.0%". */
export function formatRelativeChange(change: number, options: { locale?: Locale; digits?: number } = {}): string {
  const digits = options.digits ?? 1;
  return formatter(options.locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(change);
}

/** 12345 → "12,345". */
export function formatCount(value: number, options: { locale?: Locale; compact?: boolean } = {}): string {
  return formatter(options.locale, options.compact ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: 0 }).format(value);
}

export type Direction = 'up' | 'down' | 'flat';

/** Which way a change points, ignoring noise below half of the last shown digit. */
export function directionOf(change: number, epsilon = 0.0005): Direction {
  if (change > epsilon) return 'up';
  if (change < -epsilon) return 'down';
  return 'flat';
}

export type Sentiment = 'good' | 'bad' | 'neutral';

/**
 * Whether a change is good news: up is good for revenue and success rate, bad for failed revenue;
 * `neutral` metrics (attempts) are never coloured.
 */
export function sentimentOf(direction: Direction, upIs: 'good' | 'bad' | 'neutral'): Sentiment {
  if (direction === 'flat' || upIs === 'neutral') return 'neutral';
  const up = direction === 'up';
  return (up && upIs === 'good') || (!up && upIs === 'bad') ? 'good' : 'bad';
}
