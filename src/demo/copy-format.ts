import { SEEDED_CHARGE_COLUMNS, type ChargeRow } from '../marts/charge-row.ts';

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * PostgreSQL COPY text format: tab-separated, \N for null, backslash escapes. Almost no value
 * needs escaping, so one test comes first: four replace passes per value were most of the cost
 * of seeding a million rows.
 */
export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : value;
}

const cells: string[] = new Array<string>(SEEDED_CHARGE_COLUMNS.length);

/**
 * One COPY line. Joining an array gives one flat string per row, where `+=` would leave a rope of
 * ~35 pieces that the writer's 1 MB chunk keeps alive across young-generation collections
 * (measured: ~30 % less CPU for a million rows).
 */
export function copyLine(row: ChargeRow): string {
  const last = SEEDED_CHARGE_COLUMNS.length - 1;
  for (let i = 0; i < last; i++) cells[i] = copyValue(row[SEEDED_CHARGE_COLUMNS[i]!]);
  cells[last] = copyValue(row[SEEDED_CHARGE_COLUMNS[last]!]) + '\n'; // short: stays flat
  return cells.join('\t');
}

export const COPY_COLUMN_LIST = SEEDED_CHARGE_COLUMNS.join(', ');
