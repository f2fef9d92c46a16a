import type { Config } from '../config/config.ts';
import type { ChargeRow } from '../marts/charge-row.ts';
import { acceptanceModelSql, dailyModelSql, martIndexesSql, schemaSql } from '../marts/mart-files.ts';
import { martTables, renderMartSql } from '../marts/mart-tables.ts';
import { renderModel } from '../marts/render-model.ts';
import type { MartWriter } from './mart-writer.ts';

type MartConfig = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'> & Partial<Pick<Config, 'acceptanceTable'>>;

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
