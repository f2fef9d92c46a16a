import { describe, expect, it } from 'vitest';
import { addDays, daysInRange, isCalendarDate, isValidRange, previousPeriod, todayIn, type DateRange } from '../../src/contract/calendar-date.ts';
import { formatDate, formatRange, rangeForPreset } from '../../src/ui/date-range.ts';

const rangeLength = (range: DateRange) => daysInRange(range.from, range.to);

describe('date ranges', () => {
  it('reads today in the reporting time zone', () => {
    const instant = new Date('2026-11-01T02:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-11-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-10-31');
    expect(todayIn('Asia/Tokyo', new Date('2026-10-31T16:00:00Z'))).toBe('2026-11-01');
  });

  it('validates calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate(20260203)).toBe(false);
    expect(isValidRange({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(isValidRange({ from: '2026-03-01', to: '2026-03-01' })).toBe(true);
  });

  it('does calendar arithmetic across month, year and DST boundaries', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(rangeLength({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
  });

  it('computes presets that include today', () => {
    const today = '2026-11-15';
    expect(rangeForPreset('last-7', today)).toEqual({ from: '2026-11-09', to: '2026-11-15' });
    expect(rangeForPreset('last-30', today)).toEqual({ from: '2026-10-17', to: '2026-11-15' });
    expect(rangeForPreset('last-90', today)).toEqual({ from: '2026-08-18', to: '2026-11-15' });
    expect(rangeForPreset('month-to-date', today)).toEqual({ from: '2026-11-01', to: '2026-11-15' });
    expect(rangeForPreset('previous-month', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(rangeForPreset('previous-month', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(rangeForPreset('previous-month', '2027-01-01')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(rangeLength(rangeForPreset('last-7', today))).toBe(7);
  });

  it('names the previous period of equal length', () => {
    expect(previousPeriod({ from: '2026-11-09', to: '2026-11-15' })).toEqual({ from: '2026-11-02', to: '2026-11-08' });
    // A calendar month against the calendar month before, whatever their lengths.
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-31' })).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    // Month (or year) to date: the same part of the period before.
    expect(previousPeriod({ from: '2026-12-01', to: '2026-12-01' }, '2026-12-01')).toEqual({ from: '2026-11-01', to: '2026-11-01' });
    expect(previousPeriod({ from: '2026-12-01', to: '2026-12-05' }, '2026-12-05')).toEqual({ from: '2026-11-01', to: '2026-11-05' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-30' }, '2026-03-30')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-12-01' }, '2026-12-01')).toEqual({ from: '2025-01-01', to: '2025-12-01' });
    // From the 1st but ended in the past and not at a month's end: the N days before.
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-07' }, '2026-03-20')).toEqual({ from: '2026-02-22', to: '2026-02-28' });
  });

  it('formats dates without shifting them to the viewer’s offset', () => {
    expect(formatDate('2026-10-03', { locale: 'en-GB' })).toBe('3 Oct 2026');
    expect(formatDate('2026-10-03', { locale: 'en-US', withYear: false })).toBe('Oct 3');
    // Intl puts thin spaces around the dash; compare with plain spaces.
    const plain = (text: string) => text.replace(/\s/g, ' ');
    expect(plain(formatRange({ from: '2026-10-01', to: '2026-10-30' }, { locale: 'en-US' }))).toBe('Oct 1 – 30, 2026');
    expect(plain(formatRange({ from: '2026-09-28', to: '2026-10-04' }, { locale: 'en-GB' }))).toBe('28 Sept – 4 Oct 2026');
    expect(plain(formatRange({ from: '2026-10-03', to: '2026-10-03' }, { locale: 'en-US' }))).toBe('Oct 3, 2026');
  });
});
