import { CHARGE_COLUMNS, type ChargeRow } from '../marts/charge-row.ts';

/** PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. */
function copyValue(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
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
