/**
 * Are the marts where the configuration says, readable, and complete? One catalog query answers
 * it for both marts. It reads pg_catalog rather than information_schema on purpose:
 * information_schema hides tables and columns the role has no privilege on, which would make a
 * table the role may not read look missing and send the user to the wrong setting.
 */
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS, type MartName } from '../marts/mart-columns.ts';

export type MartStatus = 'ok' | 'missing' | 'forbidden' | 'incomplete';

export interface MartProblem {
  status: Exclude<MartStatus, 'ok'>;
  /** The `schema.table` that was looked for. */
  table: string;
  /** Missing or unreadable columns, when the problem is about columns. */
  columns?: string[];
  /** The setting that chose what was looked for (or, for privileges, the role: DATABASE_URL). */
  setting: string;
  /** One line a person can act on; names, never secrets. */
  message: string;
}

export interface MartDiagnosis {
  status: MartStatus;
  /** Every problem found, the payments mart's first; empty when status is ok. */
  problems: MartProblem[];
  /**
   * The columns the role can read in each mart, as detected. Optional columns (advice_code) are
   * used only when present: `columns.payments.has('advice_code')`.
   */
  columns: Record<MartName, ReadonlySet<string>>;
}

type MartSettings = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>;

const TABLE_SETTING: Record<MartName, string> = { payments: 'MART_PAYMENTS_TABLE', daily: 'MART_DAILY_TABLE' };

interface ProbeRow {
  mart: MartName;
  tableName: string;
  schemaExists: boolean;
  schemaUsage: boolean;
  tableExists: boolean;
  /** Comma-separated: the drivers return arrays as text, and mart column names are plain identifiers. */
  columns: string;
  readable: string;
  /** Other schemas holding a table of this name, comma-separated. */
  elsewhere: string;
}

const RELATION_KINDS = "('r', 'v', 'm', 'p', 'f')"; // table, view, materialized view, partitioned, foreign

const PROBE_SQL = `
  select w.mart, w.name as "tableName",
         n.oid is not null as "schemaExists",
         coalesce(has_schema_privilege(n.oid, 'USAGE'), false) as "schemaUsage",
         c.oid is not null as "tableExists",
         coalesce((select string_agg(a.attname::text, ',' order by a.attnum) from pg_attribute a
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '') as columns,
         coalesce((select string_agg(a.attname::text, ',' order by a.attnum) from pg_attribute a
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                      and has_column_privilege(c.oid, a.attnum, 'SELECT')), '') as readable,
         coalesce((select string_agg(distinct o.nspname::text, ',') from pg_class oc join pg_namespace o on o.oid = oc.relnamespace
                    where oc.relname = w.name and oc.relkind in ${RELATION_KINDS} and o.nspname <> $1), '') as elsewhere
    from (values ('payments', $2::text), ('daily', $3::text)) as w(mart, name)
    left join pg_namespace n on n.nspname = $1
    left join pg_class c on c.relnamespace = n.oid and c.relname = w.name and c.relkind in ${RELATION_KINDS}
   order by w.mart desc`;

function list(text: string): string[] {
  return text ? text.split(',') : [];
}

function problemOf(row: ProbeRow, settings: MartSettings): MartProblem | undefined {
  const schema = settings.martSchema;
  const table = `${schema}.${row.tableName}`;
  const tableSetting = TABLE_SETTING[row.mart];
  const elsewhere = list(row.elsewhere);
  const hint = elsewhere.length ? ` A table ${row.tableName} exists in schema ${elsewhere.join(', ')}: set MART_SCHEMA=${elsewhere[0]}?` : '';
  if (!row.schemaExists) {
    return { status: 'missing', table, setting: 'MART_SCHEMA', message: `Schema ${schema} (MART_SCHEMA) does not exist, so ${table} cannot be read.${hint}` };
  }
  if (!row.tableExists) {
    return { status: 'missing', table, setting: tableSetting, message: `Table ${table} (MART_SCHEMA, ${tableSetting}) does not exist.${hint}` };
  }
  if (!row.schemaUsage) {
    return { status: 'forbidden', table, setting: 'DATABASE_URL', message: `The database role (DATABASE_URL) has no USAGE on schema ${schema}, so it cannot read ${table}: grant usage on schema ${schema} to it.` };
  }
  const present = new Set(list(row.columns));
  const absent = REQUIRED_COLUMNS[row.mart].filter((column) => !present.has(column));
  if (absent.length) {
    return {
      status: 'incomplete', table, columns: absent, setting: tableSetting,
      message: `Table ${table} (${tableSetting}) has no column ${absent.join(', ')}; src/marts/schema.sql lists the columns the dashboard reads.`,
    };
  }
  const readable = new Set(list(row.readable));
  const unreadable = REQUIRED_COLUMNS[row.mart].filter((column) => !readable.has(column));
  if (unreadable.length) {
    const what = unreadable.length === REQUIRED_COLUMNS[row.mart].length ? '' : ` (columns ${unreadable.join(', ')})`;
    return {
      status: 'forbidden', table, columns: unreadable, setting: 'DATABASE_URL',
      message: `The database role (DATABASE_URL) may not select from ${table}${what}: grant select on ${table} to it.`,
    };
  }
  return undefined;
}

/** The columns worth knowing about: required and optional ones the role can read. */
function detectedColumns(row: ProbeRow | undefined): ReadonlySet<string> {
  if (!row || !row.schemaUsage) return new Set();
  const known = new Set<string>([...REQUIRED_COLUMNS[row.mart], ...OPTIONAL_COLUMNS[row.mart]]);
  return new Set(list(row.readable).filter((column) => known.has(column)));
}

/** Classifies the catalog's answer; pure, so every case is testable without a database. */
function classifyMarts(rows: readonly ProbeRow[], settings: MartSettings): MartDiagnosis {
  const problems = rows.map((row) => problemOf(row, settings)).filter((problem) => problem !== undefined);
  return {
    status: problems[0]?.status ?? 'ok',
    problems,
    columns: {
      payments: detectedColumns(rows.find((row) => row.mart === 'payments')),
      daily: detectedColumns(rows.find((row) => row.mart === 'daily')),
    },
  };
}

/** Asks the catalog once (a few milliseconds); a DatabaseError when the database does not answer. */
export async function diagnoseMarts(db: Database, settings: MartSettings): Promise<MartDiagnosis> {
  const rows = await db.query<ProbeRow>(PROBE_SQL, [settings.martSchema, settings.paymentsTable, settings.dailyTable]);
  return classifyMarts(rows, settings);
}

/** The diagnosis in one line, for start-up output and logs. */
export function describeDiagnosis(diagnosis: MartDiagnosis, settings: MartSettings): string {
  if (diagnosis.status === 'ok') {
    const optional = OPTIONAL_COLUMNS.payments.filter((column) => diagnosis.columns.payments.has(column));
    return `Marts ok: ${settings.martSchema}.${settings.paymentsTable} and ${settings.martSchema}.${settings.dailyTable}${optional.length ? ` (with ${optional.join(', ')})` : ''}.`;
  }
  return `Marts ${diagnosis.status}: ${diagnosis.problems.map((problem) => problem.message).join(' ')}`;
}
