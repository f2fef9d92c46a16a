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

-- Only an intent with more than one charge needs its charges put together: attempt_number numbers
-- an intent's charges 1, 2, … (row_number in mart_stripe_payments.sql), so such an intent has a
-- charge past 1; every other charge is its payment's only attempt and speaks for itself. 10M charges: ~0.3M retried intents to aggregate instead of ~9.4M (100 s → 26 s).
retried_intents as (
  select distinct payment_intent_id
  from {{ ref('mart_stripe_payments') }}
  where attempt_number > 1 and payment_intent_id is not null
),

intents as (
  select
    p.payment_intent_id,
    bool_or(p.status = 'succeeded')  as ever_succeeded,
    bool_or(p.status <> 'pending')   as has_outcome
  from {{ ref('mart_stripe_payments') }} p
  join retried_intents r on r.payment_intent_id = p.payment_intent_id
  group by p.payment_intent_id
),

outcomes as (
  select
    c.*,
    coalesce(i.ever_succeeded, c.status = 'succeeded')  as ever_succeeded,
    coalesce(i.has_outcome, c.status <> 'pending')      as has_outcome
  from charges c
  left join intents i on i.payment_intent_id = c.payment_intent_id
),

-- Counted once per combination of the five columns first (a few hundred thousand rows at most),
-- then summed into the grouping sets: the sums are additive, and five grouping sets over the
-- combinations cost far less than five over every charge.
combinations as (
  select
    date,
    currency,
    card_brand,
    card_country,
    funnel,
    failure_category,
    count(*)                                                           as attempts,
    count(*) filter (where status = 'succeeded')                       as succeeded,
    count(*) filter (where status = 'failed')                          as failed,
    sum(amount) filter (where status = 'failed')                       as failed_amount,
    sum(amount) filter (where status = 'failed' and not ever_succeeded) as lost_revenue,
    count(*) filter (where first_attempt and has_outcome)              as payments,
    count(*) filter (where first_attempt and ever_succeeded)           as payments_succeeded
  from outcomes
  group by date, currency, card_brand, card_country, funnel, failure_category
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
  sum(attempts)::integer                                                            as attempts,
  sum(succeeded)::integer                                                           as succeeded,
  sum(failed)::integer                                                              as failed,
  coalesce(sum(failed_amount), 0)::bigint                                           as failed_amount,
  coalesce(sum(lost_revenue), 0)::bigint                                            as lost_revenue,
  sum(payments)::integer                                                            as payments,
  sum(payments_succeeded)::integer                                                  as payments_succeeded
from combinations
group by grouping sets (
  (date, currency),
  (date, currency, card_brand),
  (date, currency, card_country),
  (date, currency, funnel),
  (date, currency, failure_category)
)
