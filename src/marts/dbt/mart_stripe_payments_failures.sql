-- mart_stripe_payments_failures: the failures rollup the Overview's failure breakdown and top
-- failure reasons read instead of asking, for every failed charge of the range, whether its payment
-- intent ever succeeded (one index probe per failed charge: p95 58 ms for 30 days at 1M charges,
-- growing with the table). Optional: without it the dashboard answers from mart_stripe_payments,
-- with the same numbers. Written as a dbt model beside mart_stripe_payments_daily and built in the
-- same run (it is as fresh as its last build); the dashboard's seed renders this file.
-- The post-hook adds the index the dashboard's queries use (one currency, a range of days).
{{ config(post_hook="create index if not exists mart_stripe_payments_failures_idx on {{ this }} (currency, date)") }}
--
-- One row per (date, currency, failure_category, decline_code, recovery_action, advice_code) of the
-- failed charges, dates in the reporting time zone:
--   decline_code     the key the decline-code mapping is joined on, coalesce(decline_code,
--                    failure_code), as the dashboard groups it (Stripe often sends no decline code
--                    with expired_card, incorrect_cvc or processing_error)
--   recovery_action  the mapped action; advice_code is kept beside it because, when set, Stripe's
--                    advice overrides it (the dashboard applies that rule where it reads the action)
--   failures, failed_amount  the failed charges and their amounts
--   lost_revenue     the amounts of those whose payment intent never succeeded (no intent: lost)
with failed as (
  select
    (created_at at time zone '{{ var("reporting_timezone", "UTC") }}')::date as date,
    currency,
    failure_category,
    coalesce(decline_code, failure_code)  as decline_code,
    recovery_action,
    advice_code,
    amount,
    payment_intent_id
  from {{ ref('mart_stripe_payments') }}
  where status = 'failed'
),

succeeded_intents as (
  select distinct payment_intent_id
  from {{ ref('mart_stripe_payments') }}
  where status = 'succeeded' and payment_intent_id is not null
)

select
  f.date,
  f.currency,
  f.failure_category,
  f.decline_code,
  f.recovery_action,
  f.advice_code,
  count(*)::integer                                                            as failures,
  sum(f.amount)::bigint                                                        as failed_amount,
  coalesce(sum(f.amount) filter (where s.payment_intent_id is null), 0)::bigint as lost_revenue
from failed f
left join succeeded_intents s on s.payment_intent_id = f.payment_intent_id
group by 1, 2, 3, 4, 5, 6
