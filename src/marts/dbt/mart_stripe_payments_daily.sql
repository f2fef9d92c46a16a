-- mart_stripe_payments_daily: one row per (date, currency), dates in the reporting time zone.
-- A dbt model (see ../dbt_project.yml): set var('reporting_timezone'). The dashboard's seed and
-- `npm run marts:build` render this very file with a Jinja engine supplying ref() and var().
--
-- Recovery is dated by an intent's first failed attempt: retried_payments counts intents whose
-- first attempt failed that day and that were tried again; recovered_* counts those that later
-- succeeded. Recent days keep maturing as retries land.
--
-- It reads no decline or advice columns: mart_stripe_payments' recovery_action (the decline-code
-- seed joined on coalesce(decline_code, failure_code)) and its optional advice_code column
-- (Stripe outcome.advice_code, which overrides that action when set) are read by the dashboard
-- from the detail mart directly, so a detail mart without advice_code builds this model as well.
with payments as (
  select
    payment_intent_id,
    currency,
    status,
    amount,
    attempt_number,
    (created_at at time zone '{{ var("reporting_timezone", "UTC") }}')::date as date
  from {{ ref('mart_stripe_payments') }}
),

attempts as (
  select
    date,
    currency,
    count(*)::integer                                                     as total_attempts,
    (count(*) filter (where status = 'succeeded'))::integer               as successful_payments,
    (count(*) filter (where status = 'failed'))::integer                  as failed_payments,
    coalesce(sum(amount) filter (where status = 'succeeded'), 0)::bigint  as gross_revenue,
    coalesce(sum(amount) filter (where status = 'failed'), 0)::bigint     as failed_revenue
  from payments
  group by date, currency
),

first_failures as (
  select payment_intent_id, date, currency
  from payments
  where attempt_number = 1 and status = 'failed' and payment_intent_id is not null
),

retried_intents as (
  select
    f.date,
    f.currency,
    f.payment_intent_id,
    bool_or(p.status = 'succeeded')                                 as recovered,
    coalesce(sum(p.amount) filter (where p.status = 'succeeded'), 0) as recovered_amount
  from first_failures f
  join payments p on p.payment_intent_id = f.payment_intent_id and p.attempt_number > 1
  group by f.date, f.currency, f.payment_intent_id
),

recovery as (
  select
    date,
    currency,
    count(*)::integer                               as retried_payments,
    (count(*) filter (where recovered))::integer    as recovered_payments,
    sum(recovered_amount)::bigint                   as recovered_revenue
  from retried_intents
  group by date, currency
)

select
  a.date,
  a.currency,
  a.total_attempts,
  a.successful_payments,
  a.failed_payments,
  a.gross_revenue,
  a.failed_revenue,
  coalesce(r.retried_payments, 0)     as retried_payments,
  coalesce(r.recovered_payments, 0)   as recovered_payments,
  coalesce(r.recovered_revenue, 0)::bigint as recovered_revenue
from attempts a
left join recovery r on r.date = a.date and r.currency = a.currency
