import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import type { ChargeRow } from '../marts/charge-row.ts';
import { martTables, renderMartSql } from '../marts/mart-tables.ts';
import { renderModel } from '../marts/render-model.ts';
import type { MartWriter } from './mart-writer.ts';

type MartConfig = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'> & Partial<Pick<Config, 'acceptanceTable'>>;

/**
 * The SQL ships as plain .sql files (a dbt project can adopt them as they are): beside this module
 * when run from source, at the app root when bundled (Node server, Netlify function). Every path
 * is spelled out in full where it is used: Netlify's file tracer ships exactly the files a literal
 * path names, but reads a computed one as a wildcard over the folder (and then packs the wrong
 * files under the function's own name).
 */
function readMartFile(besideModule: URL, fromAppRoot: string): string {
  const path = [fileURLToPath(besideModule), fromAppRoot].find((candidate) => existsSync(candidate));
  if (!path) throw new Error(`mart SQL file not found: ${fromAppRoot}`);
  return readFileSync(path, 'utf8');
}

const schemaSql = () => readMartFile(new URL('../marts/schema.sql', import.meta.url), join(process.cwd(), 'src/marts/schema.sql'));
const indexesSql = () => readMartFile(new URL('../marts/indexes.sql', import.meta.url), join(process.cwd(), 'src/marts/indexes.sql'));
const dailyModelSql = () => readMartFile(
  new URL('../marts/dbt/mart_stripe_payments_daily.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_daily.sql'),
);
const acceptanceModelSql = () => readMartFile(
  new URL('../marts/dbt/mart_stripe_payments_acceptance.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_acceptance.sql'),
);

/** A model that reads only the detail mart, as the dbt project would compile it over the detail mart this seed writes. */
function renderOverDetailMart(name: string, template: string, config: MartConfig): string {
  const { payments } = martTables(config);
  return renderModel(name, template, {
    vars: { reporting_timezone: config.reportingTimezone },
    ref: (model) => {
      if (model === 'mart_stripe_payments') return payments;
      throw new Error(`${name}: unexpected ref('${model}')`);
    },
    source: (sourceName) => {
      throw new Error(`${name}: unexpected source('${sourceName}')`);
    },
  }).sql;
}

export function renderDailyMartSelect(config: MartConfig): string {
  return renderOverDetailMart('mart_stripe_payments_daily', dailyModelSql(), config);
}

export function renderAcceptanceMartSelect(config: MartConfig): string {
  return renderOverDetailMart('mart_stripe_payments_acceptance', acceptanceModelSql(), config);
}

export async function createMartTables(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(renderMartSql(schemaSql(), config));
}

/** indexes.sql for these marts: what the seed runs after loading, and marts:build after building. */
export function martIndexesSql(config: Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>): string {
  return renderMartSql(indexesSql(), config);
}

export async function createMartIndexes(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(martIndexesSql(config));
}

/** Rebuilds the daily mart from the detail mart with the shipped dbt model's SQL. */
export async function buildDailyMart(writer: MartWriter, config: MartConfig): Promise<void> {
  const { daily } = martTables(config);
  await writer.exec(`truncate ${daily}; insert into ${daily} ${renderDailyMartSelect(config)}`);
}

/** Rebuilds the acceptance rollup from the detail mart with the shipped dbt model's SQL. */
export async function buildAcceptanceMart(writer: MartWriter, config: MartConfig): Promise<void> {
  const { acceptance } = martTables(config);
  await writer.exec(`truncate ${acceptance}; insert into ${acceptance} ${renderAcceptanceMartSelect(config)}`);
}

/** Tables, charges (COPY), indexes after the load (faster than maintaining them row by row), daily mart, statistics. */
export async function loadMarts(writer: MartWriter, rows: Iterable<ChargeRow>, config: MartConfig): Promise<number> {
  const tables = martTables(config);
  await createMartTables(writer, config);
  const count = await writer.copyCharges(tables.payments, rows);
  await createMartIndexes(writer, config);
  await buildDailyMart(writer, config);
  await buildAcceptanceMart(writer, config);
  await writer.exec(`analyze ${tables.payments}; analyze ${tables.daily}; analyze ${tables.acceptance}`);
  return count;
}
