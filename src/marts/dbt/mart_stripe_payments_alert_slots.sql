-- mart_stripe_payments_alert_slots: the counts failure-spike alerts replay, per currency and five
-- minutes, instead of counting every first attempt of weeks of charges at each look (the Overview's
-- list of a 90-day range replays 105 days: 1.2 s at 10M charges). Optional: without it the
-- dashboard counts from mart_stripe_payments, with the same numbers. Built in the same run as the
-- daily mart (it is as fresh as its last build); the dashboard's seed renders this file.
{{ config(post_hook="create index if not exists mart_stripe_payments_alert_slots_idx on {{ this }} (currency, slot_start) include (attempts, failures)") }}
--
-- One row per (currency, slot_start) with first attempts that have an outcome, slot_start being
-- the five minutes' start, aligned on the Unix epoch (so on every time zone's hours): every check
-- interval that divides an hour and is a multiple of five minutes (the default 15) is a whole
-- number of these slots. With another interval the dashboard counts from the detail mart.
--   attempts  first attempts that succeeded or failed (pending ones have no outcome yet)
--   failures  those that failed
-- Only first attempts count: retries fail often and together on a dunning schedule's beat
-- without anything being wrong (README "Failure-spike alerts").
select
  currency,
  to_timestamp(floor(date_part('epoch', created_at) / 300) * 300)  as slot_start,
  count(*)::integer                                                 as attempts,
  (count(*) filter (where status = 'failed'))::integer              as failures
from {{ ref('mart_stripe_payments') }}
where attempt_number = 1 and status in ('succeeded', 'failed')
group by 1, 2
