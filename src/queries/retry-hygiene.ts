import type { DateRange } from '../contract/calendar-date.ts';
import type { MartSource } from './mart-source.ts';
import { afterHardDeclineSql, pastMaxAttemptsSql } from './retry-hygiene-sql.ts';

export interface RetryHygieneRow {
  /** Attempts after an intent's first (retries) made in the range. */
  retries: number;
  afterHardDecline: { attempts: number; intents: number; customers: number; amount: number; succeeded: number };
  pastMaxAttempts: { attempts: number; intents: number; amount: number };
}

/**
 * The range's retries (attempt_number > 1, by when the retry was made) and the two kinds that
 * break the rules (retry-hygiene-sql.ts), in one currency. The range scan reads retries only (from
 * their partial index); each after-hard-decline probe walks the intent index. Materialized, so the
 * probe runs once a retry rather than once for each of the six aggregates that read its flag.
 */
export async function getRetryHygiene(source: MartSource, currency: string, range: DateRange): Promise<RetryHygieneRow> {
  const { db, tables } = source;
  const payments = tables.payments;
  const rows = await db.query<{
    retries: number; hardAttempts: number; hardIntents: number; hardCustomers: number; hardAmount: number; hardSucceeded: number;
    pastAttempts: number; pastIntents: number; pastAmount: number;
  }>(
    `with retries as materialized (
       select payment_intent_id, customer_id, amount, status,
              ${afterHardDeclineSql(source)} as after_hard_decline,
              ${pastMaxAttemptsSql(payments)} as past_max_attempts
         from ${payments}
        where currency = $1
          and created_at >= $2::date
          and created_at < $3::date + 1
          and attempt_number > 1
          and payment_intent_id is not null
     )
     select count(*)                                                                    as retries,
            count(*) filter (where after_hard_decline)                                   as "hardAttempts",
            count(distinct payment_intent_id) filter (where after_hard_decline)          as "hardIntents",
            count(distinct customer_id) filter (where after_hard_decline)                as "hardCustomers",
            coalesce(sum(amount) filter (where after_hard_decline), 0)::bigint           as "hardAmount",
            count(*) filter (where after_hard_decline and status = 'succeeded')          as "hardSucceeded",
            count(*) filter (where past_max_attempts)                                    as "pastAttempts",
            count(distinct payment_intent_id) filter (where past_max_attempts)           as "pastIntents",
            coalesce(sum(amount) filter (where past_max_attempts), 0)::bigint            as "pastAmount"
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
