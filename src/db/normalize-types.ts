/**
 * Text → JavaScript parsers by PostgreSQL type OID, shared by every driver so rows come back
 * identical: integers and amounts as numbers, dates as YYYY-MM-DD, timestamps as ISO 8601 with
 * an offset. All drivers hand these parsers the server's text form (DateStyle ISO is set per
 * session), so the output cannot depend on the driver.
 */
const OID = {
  bool: 16,
  int8: 20,
  int2: 21,
  int4: 23,
  float4: 700,
  float8: 701,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
} as const;

function toNumber(text: string): number {
  return Number(text);
}

/** '2026-05-01 14:00:00.123+02' → '2026-05-01T14:00:00.123+02:00' (also handles +05:30 and +00). */
export function isoTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/.exec(text);
  if (!match) return text;
  const [, date, time, hours, minutes] = match;
  return `${date}T${time}${hours}:${minutes ?? '00'}`;
}

export const TYPE_PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  [OID.bool]: (text) => text === 't' || text === 'true',
  [OID.int8]: toNumber,
  [OID.int2]: toNumber,
  [OID.int4]: toNumber,
  [OID.float4]: toNumber,
  [OID.float8]: toNumber,
  [OID.numeric]: toNumber,
  [OID.date]: (text) => text,
  [OID.timestamp]: (text) => text.replace(' ', 'T'),
  [OID.timestamptz]: isoTimestamp,
};

/** The pg / Neon `types` option: our parsers for text values, strings for everything else. */
export const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (format === 'binary') return (value: unknown) => value;
    return TYPE_PARSERS[oid] ?? ((text: string) => text);
  },
};
