import type { Config } from '../config/config.ts';
import { qualifiedName, quoteIdentifier } from '../db/identifiers.ts';

/** Quoted, schema-qualified names of the two marts, ready to place into SQL text. */
export interface MartTables {
  payments: string;
  daily: string;
}

export function martTables(config: Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>): MartTables {
  return {
    payments: qualifiedName(config.martSchema, config.paymentsTable),
    daily: qualifiedName(config.martSchema, config.dailyTable),
  };
}

/** Renders schema.sql / indexes.sql placeholders with validated identifiers. */
export function renderMartSql(sql: string, config: Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>): string {
  return sql
    .replaceAll('{{schema}}', quoteIdentifier(config.martSchema))
    // Index names are derived from the table name, so it appears both quoted and inside names.
    .replaceAll('{{payments_table}}_', `${config.paymentsTable}_`)
    .replaceAll('{{payments_table}}', quoteIdentifier(config.paymentsTable))
    .replaceAll('{{daily_table}}', quoteIdentifier(config.dailyTable));
}
