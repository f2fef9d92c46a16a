import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import type { ChargeRow } from '../marts/charge-row.ts';
import { martTables, renderMartSql } from '../marts/mart-tables.ts';
import type { MartWriter } from './mart-writer.ts';

type MartConfig = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'>;

/**
 * The SQL ships as plain .sql files (a dbt project can adopt them as they are). Beside this module
 * when run from source; from the app root when bundled into the Node server.
 */
function martFile(name: string): string {
  const candidates = [fileURLToPath(new URL(`../marts/${name}`, import.meta.url)), join(process.cwd(), 'src/marts', name)];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`mart SQL file not found: src/marts/${name}`);
  return readFileSync(found, 'utf8');
}

/** Renders the dbt model's two Jinja expressions; everything else in it is plain SQL. */
export function renderDailyMartSelect(config: MartConfig): string {
  const zone = config.reportingTimezone.replace(/'/g, "''");
  return martFile('dbt/mart_stripe_payments_daily.sql')
    .replace(/\{\{\s*ref\('mart_stripe_payments'\)\s*\}\}/g, martTables(config).payments)
    .replace(/\{\{\s*var\("reporting_timezone", "UTC"\)\s*\}\}/g, zone);
}

export async function createMartTables(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(renderMartSql(martFile('schema.sql'), config));
}

export async function createMartIndexes(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(renderMartSql(martFile('indexes.sql'), config));
}

/** Rebuilds the daily mart from the detail mart with the shipped dbt model's SQL. */
export async function buildDailyMart(writer: MartWriter, config: MartConfig): Promise<void> {
  const { daily } = martTables(config);
  await writer.exec(`truncate ${daily}; insert into ${daily} ${renderDailyMartSelect(config)}`);
}

/** Tables, charges (COPY), indexes after the load (faster than maintaining them row by row), daily mart, statistics. */
export async function loadMarts(writer: MartWriter, rows: Iterable<ChargeRow>, config: MartConfig): Promise<number> {
  const tables = martTables(config);
  await createMartTables(writer, config);
  const count = await writer.copyCharges(tables.payments, rows);
  await createMartIndexes(writer, config);
  await buildDailyMart(writer, config);
  await writer.exec(`analyze ${tables.payments}; analyze ${tables.daily}`);
  return count;
}
