import { BuildError } from './build-error.ts';
import type { SourceTable } from './dbt-project.ts';
import type { SqlClient } from './sql-client.ts';

/**
 * Before anything changes: every raw table and column the models read exists in the raw schema
 * (and has the declared type where sources.yml pins one). The first gap stops the build with one
 * line naming it. information_schema lists only what this role may read, so a table it cannot read
 * is reported as missing too, and the message says so.
 */
export async function checkRawTables(client: SqlClient, rawSchema: string, sourceLabel: string, tables: readonly SourceTable[]): Promise<void> {
  const { rows: schemas } = await client.query('select 1 from pg_namespace where nspname = $1', [rawSchema]);
  if (schemas.length === 0) throw new BuildError(`raw schema "${rawSchema}" does not exist (--raw-schema names the schema ${sourceLabel} loads into)`);
  const { rows } = await client.query(
    `select table_name, column_name, data_type
       from information_schema.columns
      where table_schema = $1 and table_name = any($2::text[])`,
    [rawSchema, tables.map((table) => table.name)],
  );
  const found = new Map<string, Map<string, string>>();
  for (const row of rows as Array<{ table_name: string; column_name: string; data_type: string }>) {
    const columns = found.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.data_type);
    found.set(row.table_name, columns);
  }
  for (const table of tables) {
    const columns = found.get(table.name);
    if (!columns) {
      throw new BuildError(`raw table ${rawSchema}.${table.name} is missing (or this role may not read it): ${sourceLabel} lands it`);
    }
    for (const column of table.columns) {
      const type = columns.get(column.name);
      if (type === undefined) throw new BuildError(`raw column ${rawSchema}.${table.name}.${column.name} is missing`);
      if (column.dataType && type !== column.dataType) {
        throw new BuildError(`raw column ${rawSchema}.${table.name}.${column.name} is ${type}, expected ${column.dataType} (as ${sourceLabel} lands it)`);
      }
    }
  }
}
