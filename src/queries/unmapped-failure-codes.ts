import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { failuresRollupRowsSql, hasFailuresRollup } from './failures-rollup.ts';

export interface UnmappedFailureCodes {
  /** Failed charges in the range whose mapping key is not in the decline-code mapping. */
  count: number;
  /** The most frequent such keys; `code` is null when the charge has neither a decline nor a failure code. */
  codes: { code: string | null; count: number }[];
}

const UNMAPPED_CODES_SHOWN = 10;

/**
 * Failed charges whose coalesce(decline_code, failure_code), the key the mapping is joined on, is
 * not one of `knownCodes`: what the team's mapping lacks, shown instead of a silent "other".
 */
export async function getUnmappedFailureCodes(
  source: MartSource,
  currency: string,
  range: DateRange,
  knownCodes: readonly string[],
): Promise<UnmappedFailureCodes> {
  const sql = (await hasFailuresRollup(source))
    ? `select decline_code as code, sum(failures)::bigint as count, sum(sum(failures)) over ()::bigint as total
         from ${failuresRollupRowsSql(source)}
          and coalesce(decline_code <> all($4::text[]), true)
        group by 1
        order by count desc, code nulls last
        limit $5`
    : `select coalesce(decline_code, failure_code) as code, count(*) as count, sum(count(*)) over ()::bigint as total
         from ${source.tables.payments}
        where status = 'failed'
          and currency = $1
          and created_at >= $2::date
          and created_at < $3::date + 1
          and coalesce(coalesce(decline_code, failure_code) <> all($4::text[]), true)
        group by 1
        order by count(*) desc, code nulls last
        limit $5`;
  const rows = await source.db.query<{ code: string | null; count: number; total: number }>(
    sql,
    [currency, range.from, range.to, knownCodes, UNMAPPED_CODES_SHOWN],
  );
  return { count: rows[0]?.total ?? 0, codes: rows.map(({ code, count }) => ({ code, count })) };
}
