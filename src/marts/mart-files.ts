import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/config.ts';
import { renderMartSql } from './mart-tables.ts';

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

export const schemaSql = () => readMartFile(new URL('./schema.sql', import.meta.url), join(process.cwd(), 'src/marts/schema.sql'));
const indexesSql = () => readMartFile(new URL('./indexes.sql', import.meta.url), join(process.cwd(), 'src/marts/indexes.sql'));
export const dailyModelSql = () => readMartFile(
  new URL('./dbt/mart_stripe_payments_daily.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_daily.sql'),
);
export const acceptanceModelSql = () => readMartFile(
  new URL('./dbt/mart_stripe_payments_acceptance.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_acceptance.sql'),
);
export const failuresModelSql = () => readMartFile(
  new URL('./dbt/mart_stripe_payments_failures.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_failures.sql'),
);
export const retryHygieneModelSql = () => readMartFile(
  new URL('./dbt/mart_stripe_payments_retry_hygiene.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_retry_hygiene.sql'),
);
export const alertSlotsModelSql = () => readMartFile(
  new URL('./dbt/mart_stripe_payments_alert_slots.sql', import.meta.url),
  join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_alert_slots.sql'),
);

/** indexes.sql for these marts: what the seed runs after loading, and marts:build after building. */
export function martIndexesSql(config: Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>): string {
  return renderMartSql(indexesSql(), config);
}
