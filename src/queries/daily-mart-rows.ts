import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';

export interface DailyMartRow {
  date: string;
  grossRevenue: number;
  attempts: number;
  succeeded: number;
  failed: number;
  retried: number;
  recovered: number;
}

/** The daily mart's rows for one currency, oldest first; days without charges have no row. */
export async function getDailyMartRows({ db, tables }: MartSource, currency: string, range: DateRange): Promise<DailyMartRow[]> {
  return db.query<DailyMartRow>(
    `select date,
            gross_revenue        as "grossRevenue",
            total_attempts       as attempts,
            successful_payments  as succeeded,
            failed_payments      as failed,
            retried_payments     as retried,
            recovered_payments   as recovered
       from ${tables.daily}
      where currency = $1 and date between $2 and $3
      order by date`,
    [currency, range.from, range.to],
  );
}
