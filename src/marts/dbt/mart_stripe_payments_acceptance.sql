-- mart_stripe_payments_acceptance: the acceptance rollup the Overview's per-payment success rate
-- and "Success rate by …" breakdown read instead of scanning every charge of the range (1M charges,
-- 90 days: seconds on the detail mart, milliseconds here). Optional: without it the dashboard
-- answers from mart_stripe_payments. Written as a dbt model beside mart_stripe_payments_daily and
-- built in the same run (it is as fresh as its last build); the dashboard's seed renders this file.
-- The post-hook adds the index the dashboard's queries use (one currency and dimension, a range of days).
{{ config(post_hook="create index if not exists mart_stripe_payments_acceptance_idx on {{ this }} (currency, dimension, date)") }}
--
-- One row per (date, currency, dimension, value): dimension 'all' (value null) is the day's
-- total; 'card_brand', 'card_country', 'funnel' and 'failure_category' hold one row per value of
-- that column, value null for charges without one.
--   attempts, succeeded, failed, failed_amount  the charges made that day
--   lost_revenue     failed amounts whose payment intent never succeeded (no intent: lost)
--   payments         payments first attempted that day with an outcome (an intent counts once, by
--                    its attempt_number 1; a charge without an intent is a payment of its own;
--                    payments whose attempts are all pending are left out), by that attempt's values
--   payments_succeeded  of those, the ones that ever succeeded
with charges as (
  select
    payment_intent_id,
    currency,
    status,
    amount,
    card_brand,
    card_country,
    funnel,
    failure_category,
    attempt_number = 1 or payment_intent_id is null                       as first_attempt,
    (created_at at time zone '{{ var("reporting_timezone", "UTC") }}')::date as date
  from {{ ref('mart_stripe_payments') }}
),

intents as (
  select
    payment_intent_id,
    bool_or(status = 'succeeded')  as ever_succeeded,
    bool_or(status <> 'pending')   as has_outcome
  from charges
  where payment_intent_id is not null
  group by payment_intent_id
),

outcomes as (
  select
    c.*,
    coalesce(i.ever_succeeded, c.status = 'succeeded')  as ever_succeeded,
    coalesce(i.has_outcome, c.status <> 'pending')      as has_outcome
  from charges c
  left join intents i on i.payment_intent_id = c.payment_intent_id
)

select
  date,
  currency,
  case
    when grouping(card_brand) = 0 then 'card_brand'
    when grouping(card_country) = 0 then 'card_country'
    when grouping(funnel) = 0 then 'funnel'
    when grouping(failure_category) = 0 then 'failure_category'
    else 'all'
  end                                                                               as dimension,
  -- In each grouping set every column but its own is null, so this is that set's value.
  coalesce(card_brand, card_country, funnel, failure_category)                     as value,
  count(*)::integer                                                                 as attempts,
  (count(*) filter (where status = 'succeeded'))::integer                           as succeeded,
  (count(*) filter (where status = 'failed'))::integer                              as failed,
  coalesce(sum(amount) filter (where status = 'failed'), 0)::bigint                 as failed_amount,
  coalesce(sum(amount) filter (where status = 'failed' and not ever_succeeded), 0)::bigint as lost_revenue,
  (count(*) filter (where first_attempt and has_outcome))::integer                  as payments,
  (count(*) filter (where first_attempt and ever_succeeded))::integer               as payments_succeeded
from outcomes
group by grouping sets (
  (date, currency),
  (date, currency, card_brand),
  (date, currency, card_country),
  (date, currency, funnel),
  (date, currency, failure_category)
)
