import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { sessionSettingsFor } from '../db/connect.ts';
import { pgliteDatabase } from '../db/pglite-driver.ts';
import { generateCharges } from './generate-charges.ts';
import { loadMarts } from './install-marts.ts';
import { pgliteWriter } from './mart-writer.ts';
import { createEmptyPGlite } from './pglite-template.ts';

/** The embedded demo: an in-process PostgreSQL filled with generated charges ending today. */
export async function createDemoDatabase(config: Config): Promise<Database> {
  const pglite = await createEmptyPGlite(); // initdb once per machine, not per start
  await loadMarts(pgliteWriter(pglite), generateCharges({ charges: config.demoCharges, endDate: new Date() }), config);
  return pgliteDatabase(pglite, sessionSettingsFor(config));
}
