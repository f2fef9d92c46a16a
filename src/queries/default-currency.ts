import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';

/**
 * The currency the overview shows when none is asked for: the one the business runs on in the
 * range. Sums of different currencies are in different units (yen against cents), so "most
 * revenue" is measured as the most successful payments, then the most attempts. With no data in
 * the range, the busiest currency overall, so an empty window still names a sensible one. Null
 * only when the mart is empty.
 */
export async function getDefaultCurrency({ db, tables }: MartSource, range: DateRange): Promise<string | null> {
  const rows = await db.query<{ currency: string }>(
    `select currency
       from ${tables.daily}
      group by currency
      order by sum(successful_payments) filter (where date between $1 and $2) desc nulls last,
               sum(total_attempts) filter (where date between $1 and $2) desc nulls last,
               sum(successful_payments) desc,
               currency
      limit 1`,
    [range.from, range.to],
  );
  return rows[0]?.currency ?? null;
}
