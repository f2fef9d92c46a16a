import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { sessionSettingsFor } from './session-settings.ts';

/**
 * Opens the configured external database. Drivers are imported lazily so a deployment only loads
 * the one it uses (the Neon driver on Netlify, pg on Heroku). The embedded demo database is
 * created by ./demo-database.ts instead, since it must be filled first.
 */
export async function connectExternalDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) throw new Error('connectExternalDatabase needs DATABASE_URL');
  const settings = sessionSettingsFor(config);
  if (config.databaseKind === 'neon') {
    const { createNeonDatabase } = await import('../db/neon-driver.ts');
    return createNeonDatabase(config.databaseUrl, settings);
  }
  const { createPgDatabase } = await import('../db/pg-driver.ts');
  return createPgDatabase(config.databaseUrl, settings);
}

/**
 * The database the configuration names, for every runtime (Node server, Netlify functions): the
 * external one, or the embedded demo database filled on the spot (loaded only when used).
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseKind === 'pglite') return (await import('./demo-database.ts')).createDemoDatabase(config);
  return connectExternalDatabase(config);
}
