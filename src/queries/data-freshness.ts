import type { MartSource } from './mart-source.ts';

export interface DataFreshness {
  /** The newest `created_at` in the detail mart, ISO 8601 in the reporting zone; null when it is empty. */
  newestChargeAt: string | null;
  /** The last `date` in the daily mart, 'YYYY-MM-DD'; null when it is empty. */
  dailyMartThrough: string | null;
}

/**
 * How far each mart reaches. Both maxima are read from the end of an index (created_at desc,
 * charge_id desc; the daily mart's primary key), so this costs the same on 10 M rows as on 10.
 */
export async function getDataFreshness({ db, tables }: MartSource): Promise<DataFreshness> {
  const [row] = await db.query<DataFreshness>(
    `select (select max(created_at) from ${tables.payments}) as "newestChargeAt",
            (select max(date) from ${tables.daily}) as "dailyMartThrough"`,
  );
  return { newestChargeAt: row?.newestChargeAt ?? null, dailyMartThrough: row?.dailyMartThrough ?? null };
}
