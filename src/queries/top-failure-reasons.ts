import type { FailureReason } from '../contract/overview.ts';
import { failedChargesCte } from './failed-charges-sql.ts';
import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';

/**
 * The most frequent (category, decline code) pairs with the recommended recovery action. The
 * decline code is the mapping's key, coalesce(decline_code, failure_code). The action follows from
 * it through the mapping, so within a pair it is one value;
 * `mode()` just picks it without trusting that blindly.
 */
export async function getTopFailureReasons(
  source: MartSource,
  currency: string,
  range: DateRange,
  limit: number,
): Promise<FailureReason[]> {
  return source.db.query<FailureReason>(
    `with ${failedChargesCte(source)}
     select coalesce(failure_category, 'other')                          as category,
            mapping_code                                                 as "declineCode",
            count(*)                                                     as count,
            sum(amount)::bigint                                          as "failedAmount",
            coalesce(sum(amount) filter (where lost), 0)::bigint         as "lostRevenue",
            mode() within group (order by recovery_action)               as action
       from failed
      group by 1, 2
      order by count(*) desc, "lostRevenue" desc, category, "declineCode" nulls last
      limit $4`,
    [currency, range.from, range.to, limit],
  );
}
