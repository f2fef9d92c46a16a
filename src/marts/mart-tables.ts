import { DEFAULT_ACCEPTANCE_TABLE, DEFAULT_FAILURES_TABLE, DEFAULT_RETRY_HYGIENE_TABLE, DEFAULT_ALERT_SLOTS_TABLE, type Config } from '../config/config.ts';
import { qualifiedName, quoteIdentifier } from '../db/identifiers.ts';

/** Quoted, schema-qualified names of the marts, ready to place into SQL text. */
export interface MartTables {
  payments: string;
  daily: string;
  /** The optional acceptance rollup, read when it exists (src/queries/acceptance-source.ts). */
  acceptance: string;
  /** The optional failures rollup, read when it exists (src/queries/failures-rollup.ts). */
  failures: string;
  /** The optional retry-hygiene rollup, read when it exists (src/queries/retry-hygiene.ts). */
  retryHygiene: string;
  /** The optional alert-slots rollup, read when it exists (src/queries/alert-slot-counts.ts). */
  alertSlots: string;
}

type MartNames = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'> & Partial<Pick<Config, 'acceptanceTable' | 'failuresTable' | 'retryHygieneTable' | 'alertSlotsTable'>>;

export function martTables(config: MartNames): MartTables {
  return {
    payments: qualifiedName(config.martSchema, config.paymentsTable),
    daily: qualifiedName(config.martSchema, config.dailyTable),
    acceptance: qualifiedName(config.martSchema, config.acceptanceTable ?? DEFAULT_ACCEPTANCE_TABLE),
    failures: qualifiedName(config.martSchema, config.failuresTable ?? DEFAULT_FAILURES_TABLE),
    retryHygiene: qualifiedName(config.martSchema, config.retryHygieneTable ?? DEFAULT_RETRY_HYGIENE_TABLE),
    alertSlots: qualifiedName(config.martSchema, config.alertSlotsTable ?? DEFAULT_ALERT_SLOTS_TABLE),
  };
}

/** Renders schema.sql / indexes.sql placeholders with validated identifiers. */
export function renderMartSql(sql: string, config: MartNames): string {
  const acceptanceTable = config.acceptanceTable ?? DEFAULT_ACCEPTANCE_TABLE;
  const failuresTable = config.failuresTable ?? DEFAULT_FAILURES_TABLE;
  const retryHygieneTable = config.retryHygieneTable ?? DEFAULT_RETRY_HYGIENE_TABLE;
  const alertSlotsTable = config.alertSlotsTable ?? DEFAULT_ALERT_SLOTS_TABLE;
  return sql
    .replaceAll('{{schema}}', quoteIdentifier(config.martSchema))
    // Index names are derived from the table name, so it appears both quoted and inside names.
    .replaceAll('{{payments_table}}_', `${config.paymentsTable}_`)
    .replaceAll('{{payments_table}}', quoteIdentifier(config.paymentsTable))
    .replaceAll('{{daily_table}}', quoteIdentifier(config.dailyTable))
    .replaceAll('{{acceptance_table}}_', `${acceptanceTable}_`)
    .replaceAll('{{acceptance_table}}', quoteIdentifier(acceptanceTable))
    .replaceAll('{{failures_table}}_', `${failuresTable}_`)
    .replaceAll('{{failures_table}}', quoteIdentifier(failuresTable))
    .replaceAll('{{retry_hygiene_table}}_', `${retryHygieneTable}_`)
    .replaceAll('{{retry_hygiene_table}}', quoteIdentifier(retryHygieneTable))
    .replaceAll('{{alert_slots_table}}_', `${alertSlotsTable}_`)
    .replaceAll('{{alert_slots_table}}', quoteIdentifier(alertSlotsTable));
}
