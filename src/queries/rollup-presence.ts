import type { Database } from '../db/database.ts';

/** How long a "the rollup is (not) there" answer is trusted before asking again. */
const PRESENCE_TTL_MS = 60_000;
const presence = new WeakMap<Database, Map<string, { present: boolean; checkedAt: number }>>();

/**
 * Whether an optional rollup (`table`, quoted and qualified) exists and this role may read it,
 * asked once a minute per database and table: building one, or granting it, is picked up by a
 * running server within a minute, and no request pays for the catalog query otherwise.
 */
export async function hasReadableRollup(db: Database, table: string, now: number = Date.now()): Promise<boolean> {
  const known = presence.get(db)?.get(table);
  if (known && now - known.checkedAt < PRESENCE_TTL_MS) return known.present;
  const [row] = await db.query<{ present: boolean }>(
    `select coalesce(has_table_privilege(to_regclass($1), 'select'), false) as present`,
    [table],
  );
  const present = row?.present === true;
  if (!presence.has(db)) presence.set(db, new Map());
  presence.get(db)!.set(table, { present, checkedAt: now });
  return present;
}
