import { describe, expect, it } from 'vitest';
import { currencyDigits, formatMajorMoney, formatMoney, toMajorUnits } from '../../src/contract/money.ts';

describe('money', () => {
  it('knows each currency’s minor-unit digits', () => {
    expect(currencyDigits('usd')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('jpy')).toBe(0);
    expect(currencyDigits('krw')).toBe(0);
    expect(currencyDigits('kwd')).toBe(3);
  });

  it('converts minor units to major units', () => {
    expect(toMajorUnits(123456, 'usd')).toBe(1234.56);
    expect(toMajorUnits(1500, 'jpy')).toBe(1500);
    expect(toMajorUnits(1234, 'kwd')).toBe(1.234);
  });

  it('formats with the currency’s own digits', () => {
    expect(formatMoney(123456, 'usd', { locale: 'en-US' })).toBe('$1,234.56');
    expect(formatMoney(100, 'usd', { locale: 'en-US' })).toBe('$1.00');
    expect(formatMoney(1500, 'jpy', { locale: 'en-US' })).toBe('¥1,500');
    expect(formatMoney(123456, 'eur', { locale: 'de-DE' })).toBe('1.234,56\u00a0€');
    expect(formatMoney(-250, 'usd', { locale: 'en-US' })).toBe('-$2.50');
    expect(formatMoney(1234, 'kwd', { locale: 'en-US' })).toBe('KWD\u00a01.234');
  });

  it('formats compact amounts for chart axes', () => {
    expect(formatMajorMoney(12_500, 'usd', { locale: 'en-US', compact: true })).toBe('$12.5K');
    expect(formatMajorMoney(2_000_000, 'jpy', { locale: 'en-US', compact: true })).toBe('¥2M');
    expect(formatMajorMoney(12.5, 'usd', { locale: 'en-US', compact: true })).toBe('$12.5');
    expect(formatMajorMoney(0, 'usd', { locale: 'en-US', compact: true })).toBe('$0');
    expect(formatMajorMoney(25_000, 'usd', { locale: 'en-US', compact: true })).toBe('$25K');
  });
});
