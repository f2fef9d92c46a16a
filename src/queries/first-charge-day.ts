import type { MartSource } from './mart-source.ts';

/** The reporting-zone day of the oldest charge (the session's TimeZone is the reporting zone), null when empty. */
export async function getFirstChargeDay({ db, tables }: MartSource): Promise<string | null> {
  const [row] = await db.query<{ day: string | null }>(`select min(created_at)::date as day from ${tables.payments}`);
  return row?.day ?? null;
}
