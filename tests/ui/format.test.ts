import { describe, expect, it } from 'vitest';
import { directionOf, formatCount, formatPercent, formatPoints, formatRelativeChange, sentimentOf } from '../../src/ui/format.ts';

describe('rates and changes', () => {
  it('formats rates as percentages', () => {
    expect(formatPercent(0.9432, { locale: 'en-US' })).toBe('94.3%');
    expect(formatPercent(1, { locale: 'en-US' })).toBe('100.0%');
    expect(formatPercent(0.5, { locale: 'en-US', digits: 0 })).toBe('50%');
  });

  it('formats a change of a rate in points, with its sign', () => {
    expect(formatPoints(0.021, { locale: 'en-US' })).toBe('+2.1 pts');
    expect(formatPoints(-0.004, { locale: 'en-US' })).toBe('-0.4 pts');
    expect(formatPoints(0, { locale: 'en-US' })).toBe('0.0 pts');
  });

  it('formats relative changes with their sign', () => {
    expect(formatRelativeChange(0.125, { locale: 'en-US' })).toBe('+12.5%');
    expect(formatRelativeChange(-0.5, { locale: 'en-US' })).toBe('-50.0%');
  });

  it('formats counts', () => {
    expect(formatCount(12345, { locale: 'en-US' })).toBe('12,345');
    expect(formatCount(12345, { locale: 'en-US', compact: true })).toBe('12.3K');
  });

  it('says whether a change is good news', () => {
    expect(directionOf(0.01)).toBe('up');
    expect(directionOf(-0.01)).toBe('down');
    expect(directionOf(0.0001)).toBe('flat');
    expect(sentimentOf('up', 'good')).toBe('good');
    expect(sentimentOf('down', 'good')).toBe('bad');
    expect(sentimentOf('up', 'bad')).toBe('bad'); // more failed revenue
    expect(sentimentOf('down', 'bad')).toBe('good');
    expect(sentimentOf('up', 'neutral')).toBe('neutral');
    expect(sentimentOf('flat', 'good')).toBe('neutral');
  });
});
