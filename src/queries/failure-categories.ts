import type { FailureCategory } from '../contract/overview.ts';
import { failedChargesCte } from './failed-charges-sql.ts';
import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { failuresRollupRowsSql, hasFailuresRollup } from './failures-rollup.ts';

/** A category as /api/overview/failures shows it, before its share is known. */
export type FailureCategoryRow = Omit<FailureCategory, 'share'>;

/** Failed charges by normalized category (uncategorized ones as `other`), most frequent first. */
export async function getFailureCategories(source: MartSource, currency: string, range: DateRange): Promise<FailureCategoryRow[]> {
  if (await hasFailuresRollup(source)) {
    return source.db.query<FailureCategoryRow>(
      `select coalesce(failure_category, 'other')  as category,
              sum(failures)::bigint               as count,
              sum(failed_amount)::bigint          as "failedAmount",
              sum(lost_revenue)::bigint           as "lostRevenue"
         from ${failuresRollupRowsSql(source)}
        group by 1
        order by count desc, "lostRevenue" desc, category`,
      [currency, range.from, range.to],
    );
  }
  return source.db.query<FailureCategoryRow>(
    `with ${failedChargesCte(source)}
     select coalesce(failure_category, 'other')                    as category,
            count(*)                                               as count,
            sum(amount)::bigint                                    as "failedAmount",
            coalesce(sum(amount) filter (where lost), 0)::bigint   as "lostRevenue"
       from failed
      group by 1
      order by count(*) desc, "lostRevenue" desc, category`,
    [currency, range.from, range.to],
  );
}
