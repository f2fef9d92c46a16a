import type { Config } from '../config/config.ts';
import type { ChargeRow } from '../marts/charge-row.ts';
import { acceptanceModelSql, alertSlotsModelSql, dailyModelSql, failuresModelSql, martIndexesSql, retryHygieneModelSql, schemaSql } from '../marts/mart-files.ts';
import { martTables, renderMartSql, type MartTables } from '../marts/mart-tables.ts';
import { renderModel } from '../marts/render-model.ts';
import type { MartWriter } from './mart-writer.ts';

type MartConfig = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'reportingTimezone'> & Partial<Pick<Config, 'acceptanceTable' | 'failuresTable' | 'retryHygieneTable' | 'alertSlotsTable'>>;

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

/**
 * The marts built from the detail mart with the shipped dbt models' SQL (daily mart, then the
 * optional rollups), each as the table it fills.
 */
const DERIVED_MARTS = [
  { model: 'mart_stripe_payments_daily', template: dailyModelSql, table: (tables: MartTables) => tables.daily },
  { model: 'mart_stripe_payments_acceptance', template: acceptanceModelSql, table: (tables: MartTables) => tables.acceptance },
  { model: 'mart_stripe_payments_failures', template: failuresModelSql, table: (tables: MartTables) => tables.failures },
  { model: 'mart_stripe_payments_retry_hygiene', template: retryHygieneModelSql, table: (tables: MartTables) => tables.retryHygiene },
  { model: 'mart_stripe_payments_alert_slots', template: alertSlotsModelSql, table: (tables: MartTables) => tables.alertSlots },
] as const;

export async function createMartTables(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(renderMartSql(schemaSql(), config));
}

export async function createMartIndexes(writer: MartWriter, config: MartConfig): Promise<void> {
  await writer.exec(martIndexesSql(config));
}

/** Rebuilds the daily mart and the rollups from the detail mart. */
async function buildDerivedMarts(writer: MartWriter, config: MartConfig): Promise<void> {
  const tables = martTables(config);
  for (const { model, template, table } of DERIVED_MARTS) {
    await writer.exec(`truncate ${table(tables)}; insert into ${table(tables)} ${renderOverDetailMart(model, template(), config)}`);
  }
}

/** Tables, charges (COPY), statistics, indexes after the load (faster than maintaining them row by row), daily mart and rollups. */
export async function loadMarts(writer: MartWriter, rows: Iterable<ChargeRow>, config: MartConfig): Promise<number> {
  const tables = martTables(config);
  await createMartTables(writer, config);
  const count = await writer.copyCharges(tables.payments, rows);
  // Statistics before the derived marts are built from it: without them the planner guesses 200
  // groups for millions of intents and picks plans that spill to disk.
  await writer.exec(`analyze ${tables.payments}`);
  await createMartIndexes(writer, config);
  await buildDerivedMarts(writer, config);
  await writer.exec(`analyze ${tables.daily}; analyze ${tables.acceptance}; analyze ${tables.failures}; analyze ${tables.retryHygiene}; analyze ${tables.alertSlots}`);
  return count;
}
