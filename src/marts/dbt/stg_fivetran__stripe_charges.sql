{{ config(materialized='ephemeral', enabled=(var('stripe_source', 'fivetran') == 'fivetran')) }}
-- Charges as Fivetran's Stripe connector lands them, in the shape mart_stripe_payments starts from
-- (the Airbyte model gives the same columns). Fivetran keeps one row per charge id and writes
-- timestamps without time zone, in UTC. Its charge table has no advice code.
with payment_method_cards as (
  -- One row per payment method, the latest synced, so the join below can never repeat a charge.
  select distinct on (payment_method_id) payment_method_id, brand
  from {{ source('stripe_fivetran', 'payment_method_card') }}
  order by payment_method_id, _fivetran_synced desc
)

select
  charge.id                                     as charge_id,
  charge.payment_intent_id                      as payment_intent_id,
  charge.customer_id                            as customer_id,
  charge.created at time zone 'UTC'             as created_at,
  cast(charge.amount as bigint)                 as amount,
  charge.currency                               as currency,
  charge.status                                 as status,
  charge.failure_code                           as failure_code,
  charge.outcome_reason                         as decline_code,
  charge.failure_message                        as failure_message,
  cast(null as text)                            as advice_code,
  coalesce(card.brand, payment_method_cards.brand) as card_brand,
  card.last_4                                   as card_last4,
  card.country                                  as card_country,
  cast(charge.metadata as jsonb)                as metadata,
  charge.livemode                               as livemode
from {{ source('stripe_fivetran', 'charge') }} as charge
left join {{ source('stripe_fivetran', 'card') }} as card
  on card.id = charge.card_id
left join payment_method_cards
  on payment_method_cards.payment_method_id = charge.payment_method_id
