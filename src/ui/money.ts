/**
 * Money arrives from the API as an integer in the currency's minor unit plus a lowercase ISO 4217
 * code. Intl knows each currency's digits (USD 2, JPY 0, KWD 3), so amounts are never shown with
 * digits the currency does not have, and revenue is never summed across currencies.
 */

import { numberFormatter as formatter, type Locale } from './number-formatter.ts';

/** Number of minor-unit digits of a currency as Intl knows it (2 for usd, 0 for jpy). */
export function currencyDigits(currency: string): number {
  return formatter('en-US', { style: 'currency', currency: currency.toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 usd → 1234.56; 1500 jpy → 1500. */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}

export interface MoneyFormatOptions {
  locale?: Locale;
  /** "$1.2K" style, for chart axes where space is short. */
  compact?: boolean;
}

/** Formats an integer amount in minor units with the currency's own digits: 123456 usd → "$1,234.56", 1500 jpy → "¥1,500". */
export function formatMoney(minor: number, currency: string, options: MoneyFormatOptions = {}): string {
  return formatMajorMoney(toMajorUnits(minor, currency), currency, options);
}

/** Same as formatMoney for an amount already in major units (chart values). */
export function formatMajorMoney(major: number, currency: string, options: MoneyFormatOptions = {}): string {
  const code = currency.toUpperCase();
  const digits = currencyDigits(code);
  if (options.compact) {
    return formatter(options.locale, { style: 'currency', currency: code, notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: Math.abs(major) < 1000 ? digits : 1 }).format(major);
  }
  return formatter(options.locale, { style: 'currency', currency: code, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(major);
}
