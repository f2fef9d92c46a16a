/** Intl.NumberFormat instances are costly to build; every number and money formatter shares these. */
export type Locale = string | undefined;

const formatters = new Map<string, Intl.NumberFormat>();

export function numberFormatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}
