/**
 * The optional failures rollup (src/marts/dbt/mart_stripe_payments_failures.sql): the failed
 * charges per day, currency, category, mapping key, mapped action and advice code, with lost
 * revenue already decided. The failure breakdown, the top failure reasons and the unmapped codes
 * read it when it exists and can be read, else the detail mart; both give the same answers
 * (tests/api/overview.test.ts and recovery-advice.test.ts run every case both ways). The detail
 * query asks, for each failed charge of the range, whether its intent ever succeeded: one index
 * probe per failed charge, so its cost grows with the table; the rollup reads a few rows per day.
 */
import type { MartSource } from './mart-source.ts';
import { hasReadableRollup } from './rollup-presence.ts';

/** Whether the failures rollup exists and this role may read it (asked once a minute per database). */
export function hasFailuresRollup({ db, tables }: MartSource, now?: number): Promise<boolean> {
  return hasReadableRollup(db, tables.failures, now);
}

/**
 * The rollup's rows of one currency and date range. Placeholders: $1 currency, $2 first day,
 * $3 last day (the rollup's dates are reporting-zone days, like the detail query's range).
 */
export function failuresRollupRowsSql(source: Pick<MartSource, 'tables'>): string {
  return `${source.tables.failures} where currency = $1 and date >= $2::date and date <= $3::date`;
}
