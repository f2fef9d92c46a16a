import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * The dbt project in src/marts as files: its models (src/marts/dbt/*.sql), its seed (the decline
 * mapping) and the raw tables and columns its sources.yml declares. Read by `npm run marts:build`
 * from the source tree (never bundled).
 */
const MODELS_DIR = new URL('../dbt/', import.meta.url);
export const SEED_PATH = fileURLToPath(new URL('../stripe_decline_codes.csv', import.meta.url));

export function readModel(name: string): string | undefined {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) return undefined;
  const path = fileURLToPath(new URL(`${name}.sql`, MODELS_DIR));
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export interface SourceColumn {
  name: string;
  /** As information_schema.columns.data_type spells it, when sources.yml pins one. */
  dataType?: string;
}

export interface SourceTable {
  name: string;
  columns: SourceColumn[];
}

interface SourcesFile {
  sources: Array<{ name: string; tables: Array<{ name: string; columns?: Array<{ name: string; data_type?: string }> }> }>;
}

/** The tables (and their columns) of one source in sources.yml, e.g. stripe_fivetran. */
export function readSourceTables(sourceName: string): SourceTable[] {
  const file = parse(readFileSync(fileURLToPath(new URL('sources.yml', MODELS_DIR)), 'utf8')) as SourcesFile;
  const source = file.sources.find((candidate) => candidate.name === sourceName);
  if (!source) throw new Error(`sources.yml declares no source ${sourceName}`);
  return source.tables.map((table) => ({
    name: table.name,
    columns: (table.columns ?? []).map((column) => ({ name: column.name, ...(column.data_type ? { dataType: column.data_type } : {}) })),
  }));
}
