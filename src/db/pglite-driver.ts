import type { PGlite } from '@electric-sql/pglite';
import { toDatabaseError, type Database } from './database.ts';
import { TYPE_PARSERS } from './normalize-types.ts';
import { SESSION_SETTINGS_SQL, sessionSettingsParams, type SessionSettings } from './session-settings.ts';

/**
 * PGlite, the embedded in-process PostgreSQL used for the demo and for tests. It is one session,
 * so the settings are applied once; callers load data (with writes) before wrapping it.
 */
export async function pgliteDatabase(pglite: PGlite, settings: SessionSettings): Promise<Database> {
  await pglite.query(SESSION_SETTINGS_SQL, sessionSettingsParams(settings));
  return {
    kind: 'pglite',
    async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
      try {
        const result = await pglite.query<Row>(text, [...params], { parsers: TYPE_PARSERS });
        return result.rows;
      } catch (error) {
        throw toDatabaseError(error);
      }
    },
    async close() {
      await pglite.close();
    },
  };
}
