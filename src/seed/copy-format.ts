import { CHARGE_COLUMNS, type ChargeRow } from '../marts/charge-row.ts';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. Almost no value
 * needs escaping, so one test comes first: four replace passes per value were most of the cost
 * of seeding a million rows.
 */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : value;
}

export function copyLine(row: ChargeRow): string {
  let line = '';
  for (let i = 0; i < CHARGE_COLUMNS.length; i++) {
    if (i > 0) line += '\t';
    line += copyValue(row[CHARGE_COLUMNS[i]!]);
  }
  return line + '\n';
}

export const COPY_COLUMN_LIST = CHARGE_COLUMNS.join(', ');
