import type { DateRange } from '../contract/calendar-date.ts';

/**
 * A range and the period before it, read in one scan. The four dates go into the query as
 * parameters $n..$n+3 (in the order `twoPeriodParams` gives them); `column` is a fixed column name
 * of the query, never request text. Works for timestamptz and date columns alike.
 */
export function twoPeriodParams(current: DateRange, previous: DateRange): [string, string, string, string] {
  return [previous.from, current.from, current.to, previous.to];
}

/** Rows of either period: from the previous period's start to the range's end, skipping any gap. */
export function inTwoPeriodsSql(column: string, first: number): string {
  const [previousFrom, currentFrom, currentTo, previousTo] = [first, first + 1, first + 2, first + 3].map((n) => `$${n}::date`);
  return `${column} >= ${previousFrom} and ${column} < ${currentTo} + 1
        -- A calendar previous period (Nov 1–5 for Dec 1–5) need not end where the current starts.
        and (${column} >= ${currentFrom} or ${column} < ${previousTo} + 1)`;
}

/** 'current' or 'previous', for a row that `inTwoPeriodsSql` with the same `first` let through. */
export function periodOfSql(column: string, first: number): string {
  return `case when ${column} >= $${first + 1}::date then 'current' else 'previous' end`;
}
