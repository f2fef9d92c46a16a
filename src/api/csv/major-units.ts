import { currencyDigits } from '../../contract/money.ts';

/**
 * An integer amount in minor units written in major units with exactly the currency's digits,
 * by string arithmetic so no float rounding can creep in: 123456 usd → "1234.56", 1500 jpy →
 * "1500", 1234 kwd → "1.234". The digits come from the helper the pages format money with.
 */
// Asking Intl costs ~25 µs; a CSV export asks once per row, so remember the answer per currency.
const digitsByCurrency = new Map<string, number>();

export function majorUnitsText(minor: number, currency: string): string {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = currencyDigits(currency);
    digitsByCurrency.set(currency, digits);
  }
  const sign = minor < 0 ? '-' : '';
  const whole = String(Math.abs(Math.trunc(minor)));
  if (digits === 0) return sign + whole;
  const padded = whole.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
