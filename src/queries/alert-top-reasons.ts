import type { AlertReason } from '../contract/alerts.ts';
import type { MartSource } from './mart-source.ts';

/**
 * The most frequent (category, decline code) pairs among one currency's failed first attempts in
 * [from, to) (what detection counts, see alert-slot-counts.ts),
 * most frequent first; the decline code falls back to the failure code, as the decline mapping does.
 */
export async function getAlertTopReasons(
  { db, tables }: MartSource,
  currency: string,
  from: Date,
  to: Date,
  limit = 3,
): Promise<AlertReason[]> {
  return db.query<AlertReason>(
    `select coalesce(failure_category, 'other')        as category,
            coalesce(decline_code, failure_code)       as "declineCode",
            count(*)::int                              as count
       from ${tables.payments}
      where status = 'failed' and attempt_number = 1 and currency = $1 and created_at >= $2 and created_at < $3
      group by 1, 2
      order by count(*) desc, category, "declineCode" nulls last
      limit $4`,
    [currency, from.toISOString(), to.toISOString(), limit],
  );
}
