-- mart_stripe_payments_retry_hygiene: the retries rollup the Overview's retry-hygiene section reads
-- instead of asking, for every retry of the range, whether an earlier attempt of its payment intent
-- failed with a do-not-retry action on the same card (one index probe per retry: 0.7 s for 30 days
-- and 2 s for 90 days at 10M charges). Optional: without it the dashboard answers from
-- mart_stripe_payments, with the same numbers. Built in the same run as the daily mart (it is as
-- fresh as its last build); the dashboard's seed renders this file.
{{ config(post_hook="create index if not exists mart_stripe_payments_retry_hygiene_idx on {{ this }} (currency, date)") }}
--
-- Retries are attempts after an intent's first (attempt_number > 1), dated by when the retry was
-- made, in the reporting time zone. The two kinds that break the rules are flagged as the
-- dashboard's src/queries/retry-hygiene-sql.ts defines them:
--   after_hard_decline  an earlier attempt of the intent, on the same card (brand and last 4),
--                       failed with a do-not-retry action: Stripe's advice code when it is one the
--                       dashboard knows (do_not_try_again, confirm_card_data, try_again_later),
--                       else the decline-code mapping's recovery_action
--   past_max_attempts   an attempt beyond Stripe's recommended eight retries (attempt 10 onwards)
-- Flagged retries keep their intent, customer and status, since the dashboard counts distinct
-- intents and customers over any range; the rest collapse to one row per day and currency.
--   retries  attempts in the row; amount  their amounts
with retries as (
  select
    (created_at at time zone '{{ var("reporting_timezone", "UTC") }}')::date as date,
    currency,
    payment_intent_id,
    customer_id,
    status,
    amount,
    attempt_number,
    card_brand,
    card_last4
  from {{ ref('mart_stripe_payments') }}
  where attempt_number > 1 and payment_intent_id is not null
),

hard_declines as (
  select payment_intent_id, attempt_number, card_brand, card_last4
  from {{ ref('mart_stripe_payments') }}
  where status = 'failed'
    and payment_intent_id is not null
    and case
          when advice_code in ('do_not_try_again', 'confirm_card_data', 'try_again_later') then advice_code = 'do_not_try_again'
          else recovery_action is not distinct from 'do_not_retry'
        end
),

flagged as materialized (
  select
    r.*,
    exists (
      select 1 from hard_declines h
       where h.payment_intent_id = r.payment_intent_id
         and h.attempt_number < r.attempt_number
         and h.card_brand is not distinct from r.card_brand
         and h.card_last4 is not distinct from r.card_last4
    )                        as after_hard_decline,
    r.attempt_number > 9     as past_max_attempts
  from retries r
)

select
  date,
  currency,
  case when after_hard_decline or past_max_attempts then payment_intent_id end as payment_intent_id,
  case when after_hard_decline or past_max_attempts then customer_id end       as customer_id,
  case when after_hard_decline or past_max_attempts then status end            as status,
  after_hard_decline,
  past_max_attempts,
  count(*)::integer                                                             as retries,
  sum(amount)::bigint                                                           as amount
from flagged
group by 1, 2, 3, 4, 5, 6, 7
