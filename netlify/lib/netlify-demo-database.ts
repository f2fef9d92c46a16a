/**
 * The embedded demo database for Netlify functions (no DATABASE_URL, outside production): what
 * src/seed/demo-database.ts does, except that it finds the mart SQL by literal paths.
 *
 * Why not reuse it: src/seed/install-marts.ts locates its files with
 * `join(process.cwd(), 'src/marts', name)`. Netlify's file tracer reads that as "every file in
 * src/marts" and zip-it-and-ship-it 16 then stores each .ts file found there under the
 * function's own entry name (netlify/functions/<name>.mjs, several times in one zip), so which
 * one runs depends on extraction order ("handler is not a function"). Literal paths are traced
 * as exactly those files. Once install-marts.ts names its files literally, this module can go.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { sessionSettingsFor } from '../../src/db/connect.ts';
import { pgliteDatabase } from '../../src/db/pglite-driver.ts';
import { martTables, renderMartSql } from '../../src/marts/mart-tables.ts';
import { generateCharges } from '../../src/seed/generate-charges.ts';
import { pgliteWriter } from '../../src/seed/mart-writer.ts';

// Shipped with each function by netlify.toml's [functions] included_files, at the app root.
const read = (path: string) => readFileSync(path, 'utf8');
const schemaSql = () => read(join(process.cwd(), 'src/marts/schema.sql'));
const indexesSql = () => read(join(process.cwd(), 'src/marts/indexes.sql'));
const dailyModelSql = () => read(join(process.cwd(), 'src/marts/dbt/mart_stripe_payments_daily.sql'));

export async function createNetlifyDemoDatabase(config: Config): Promise<Database> {
  const tables = martTables(config);
  const pglite = await PGlite.create();
  const writer = pgliteWriter(pglite);
  await writer.exec(renderMartSql(schemaSql(), config));
  await writer.copyCharges(tables.payments, generateCharges({ charges: config.demoCharges, endDate: new Date() }));
  await writer.exec(renderMartSql(indexesSql(), config));
  // The dbt model's two Jinja expressions, rendered as install-marts.ts renders them.
  const dailySelect = dailyModelSql()
    .replace(/\{\{\s*ref\('mart_stripe_payments'\)\s*\}\}/g, tables.payments)
    .replace(/\{\{\s*var\("reporting_timezone", "UTC"\)\s*\}\}/g, config.reportingTimezone.replace(/'/g, "''"));
  await writer.exec(`insert into ${tables.daily} ${dailySelect}; analyze ${tables.payments}; analyze ${tables.daily}`);
  return pgliteDatabase(pglite, sessionSettingsFor(config));
}
