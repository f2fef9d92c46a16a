import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { afterHardDeclineSql, pastMaxAttemptsSql } from './retry-hygiene-sql.ts';
import { hasReadableRollup } from './rollup-presence.ts';

export interface RetryHygieneRow {
  /** Attempts after an intent's first (retries) made in the range. */
  retries: number;
  afterHardDecline: { attempts: number; intents: number; customers: number; amount: number; succeeded: number };
  pastMaxAttempts: { attempts: number; intents: number; amount: number };
}

/**
 * Whether the retry-hygiene rollup (src/marts/dbt/mart_stripe_payments_retry_hygiene.sql) exists,
 * may be read, and matches this mart: its flags were worked out with the advice codes, so over a
 * detail mart without advice_code (whose rollup, were there one, would disagree) the detail query
 * answers.
 */
export async function readsRetryHygieneRollup(source: MartSource): Promise<boolean> {
  return source.adviceCode === true && hasReadableRollup(source.db, source.tables.retryHygiene);
}

/**
 * The range's retries, one row each, in the rollup's columns: the range scan reads retries only
 * (from their partial index) and each after-hard-decline probe walks the intent index, so its cost
 * grows with the retries of the range (0.7 s for 30 days at 10M charges).
 */
function detailRetriesSql(source: MartSource): string {
  const payments = source.tables.payments;
  return `select payment_intent_id, customer_id, status, amount, 1 as retries,
                 ${afterHardDeclineSql(source)} as after_hard_decline,
                 ${pastMaxAttemptsSql(payments)} as past_max_attempts
            from ${payments}
           where currency = $1
             and created_at >= $2::date
             and created_at < $3::date + 1
             and attempt_number > 1
             and payment_intent_id is not null`;
}

/** The rollup's rows of the range: a few a day, flagged retries keeping their intent and customer. */
function rollupRetriesSql(source: MartSource): string {
  return `select payment_intent_id, customer_id, status, amount, retries, after_hard_decline, past_max_attempts
            from ${source.tables.retryHygiene}
           where currency = $1 and date >= $2::date and date <= $3::date`;
}

/**
 * The range's retries (attempt_number > 1, by when the retry was made) and the two kinds that
 * break the rules (retry-hygiene-sql.ts), in one currency, from the rollup when it can be read,
 * else from the detail mart. Both sources give rows of the same columns (`retries` attempts,
 * `amount` their sum), so one aggregate reads either. Materialized, so the detail query's probe
 * runs once a retry rather than once for each of the aggregates that read its flag.
 */
export async function getRetryHygiene(source: MartSource, currency: string, range: DateRange): Promise<RetryHygieneRow> {
  const rowsSql = (await readsRetryHygieneRollup(source)) ? rollupRetriesSql(source) : detailRetriesSql(source);
  const rows = await source.db.query<{
    retries: number; hardAttempts: number; hardIntents: number; hardCustomers: number; hardAmount: number; hardSucceeded: number;
    pastAttempts: number; pastIntents: number; pastAmount: number;
  }>(
    `with retries as materialized (${rowsSql})
     select coalesce(sum(retries), 0)::bigint                                              as retries,
            coalesce(sum(retries) filter (where after_hard_decline), 0)::bigint             as "hardAttempts",
            count(distinct payment_intent_id) filter (where after_hard_decline)             as "hardIntents",
            count(distinct customer_id) filter (where after_hard_decline)                   as "hardCustomers",
            coalesce(sum(amount) filter (where after_hard_decline), 0)::bigint              as "hardAmount",
            coalesce(sum(retries) filter (where after_hard_decline and status = 'succeeded'), 0)::bigint as "hardSucceeded",
            coalesce(sum(retries) filter (where past_max_attempts), 0)::bigint              as "pastAttempts",
            count(distinct payment_intent_id) filter (where past_max_attempts)              as "pastIntents",
            coalesce(sum(amount) filter (where past_max_attempts), 0)::bigint               as "pastAmount"
       from retries`,
    [currency, range.from, range.to],
  );
  const row = rows[0]!;
  return {
    retries: row.retries,
    afterHardDecline: { attempts: row.hardAttempts, intents: row.hardIntents, customers: row.hardCustomers, amount: row.hardAmount, succeeded: row.hardSucceeded },
    pastMaxAttempts: { attempts: row.pastAttempts, intents: row.pastIntents, amount: row.pastAmount },
  };
}
