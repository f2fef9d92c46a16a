import type { FailureReason } from '../contract/overview.ts';
import { failedChargesCte } from './failed-charges-sql.ts';
import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { failuresRollupRowsSql, hasFailuresRollup } from './failures-rollup.ts';
import { recoveryActionSql } from './recovery-action-sql.ts';

/**
 * The most frequent (category, decline code) pairs with the recommended recovery action. The
 * decline code is the mapping's key, coalesce(decline_code, failure_code). The action follows from
 * it through the mapping, so within a pair it is one value;
 * `mode()` just picks it without trusting that blindly. From the rollup, whose rows already count
 * charges, the same pick is weighted: the action with the most failures, ties to the first in
 * order, nulls ignored, as mode() does.
 */
export async function getTopFailureReasons(
  source: MartSource,
  currency: string,
  range: DateRange,
  limit: number,
): Promise<FailureReason[]> {
  if (await hasFailuresRollup(source)) {
    return source.db.query<FailureReason>(
      `with by_action as (
         select coalesce(failure_category, 'other')  as category,
                decline_code,
                ${recoveryActionSql(source)}         as action,
                sum(failures)                        as failures,
                sum(failed_amount)                   as failed_amount,
                sum(lost_revenue)                    as lost_revenue
           from ${failuresRollupRowsSql(source)}
          group by 1, 2, 3
       )
       select category,
              decline_code                                                              as "declineCode",
              sum(failures)::bigint                                                     as count,
              sum(failed_amount)::bigint                                                as "failedAmount",
              sum(lost_revenue)::bigint                                                 as "lostRevenue",
              (array_agg(action order by failures desc, action) filter (where action is not null))[1] as action
         from by_action
        group by 1, 2
        order by count desc, "lostRevenue" desc, category, "declineCode" nulls last
        limit $4`,
      [currency, range.from, range.to, limit],
    );
  }
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
