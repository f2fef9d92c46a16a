/**
 * Money arrives from the API as an integer in the currency's minor unit plus a lowercase ISO 4217
 * code. Intl knows each currency's digits (USD 2, JPY 0, KWD 3), so amounts are never shown with
 * digits the currency does not have, and revenue is never summed across currencies.
 */

import { numberFormatter as formatter, type Locale } from './number-formatter.ts';

let isoCurrencies: ReadonlySet<string> | undefined;

/**
 * Whether a code names a currency in ISO 4217 as the runtime's Intl knows it (any case): `usd` yes,
 * `xyz` no. Browsers, Node and Deno all carry the list; a runtime without it accepts any three
 * letters rather than refuse real money.
 */
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Za-z]{3}$/.test(code)) return false;
  if (isoCurrencies === undefined) {
    try {
      isoCurrencies = new Set(Intl.supportedValuesOf('currency'));
    } catch {
      isoCurrencies = new Set();
    }
  }
  return isoCurrencies.size === 0 || isoCurrencies.has(code.toUpperCase());
}

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
