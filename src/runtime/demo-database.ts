import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { sessionSettingsFor } from './session-settings.ts';
import { pgliteDatabase } from '../db/pglite-driver.ts';
import { generateCharges } from '../demo/generate-charges.ts';
import { loadMarts } from '../demo/install-marts.ts';
import { pgliteWriter } from '../demo/mart-writer.ts';
import { createEmptyPGlite } from '../demo/pglite-template.ts';

/** The embedded demo: an in-process PostgreSQL filled with generated charges ending today. */
export async function createDemoDatabase(config: Config): Promise<Database> {
  const pglite = await createEmptyPGlite(); // initdb once per machine, not per start
  await loadMarts(pgliteWriter(pglite), generateCharges({ charges: config.demoCharges, endDate: new Date() }), config);
  return pgliteDatabase(pglite, sessionSettingsFor(config));
}
