{{ config(materialized='ephemeral', enabled=(var('stripe_source', 'fivetran') == 'airbyte')) }}
-- Charges as Airbyte's Stripe source lands them through its PostgreSQL destination, in the shape
-- mart_stripe_payments starts from (the Fivetran model gives the same columns). The nested
-- objects are jsonb: the issuer's reason and Stripe's advice in outcome, the card in
-- payment_method_details.card. An append-mode connection keeps every version of a charge: the
-- latest extracted wins (an anti-join on the id, far cheaper than sorting the wide rows).
with charges as (
  select
    charge.id,
    charge.payment_intent,
    charge.customer,
    charge.created,
    charge.amount,
    charge.currency,
    charge.status,
    charge.failure_code,
    charge.failure_message,
    charge.outcome,
    charge.payment_method_details -> 'card' as card,
    charge.metadata,
    charge.livemode
  from {{ source('stripe_airbyte', 'charges') }} as charge
  where not exists (
    select 1
    from {{ source('stripe_airbyte', 'charges') }} as newer
    where newer.id = charge.id
      and (newer._airbyte_extracted_at > charge._airbyte_extracted_at
        or (newer._airbyte_extracted_at = charge._airbyte_extracted_at and newer._airbyte_raw_id > charge._airbyte_raw_id))
  )
)

select
  id                                  as charge_id,
  payment_intent                      as payment_intent_id,
  customer                            as customer_id,
  to_timestamp(created)               as created_at,
  cast(amount as bigint)              as amount,
  currency                            as currency,
  status                              as status,
  failure_code                        as failure_code,
  outcome ->> 'reason'                as decline_code,
  failure_message                     as failure_message,
  outcome ->> 'advice_code'           as advice_code,
  card ->> 'brand'                    as card_brand,
  card ->> 'last4'                    as card_last4,
  card ->> 'country'                  as card_country,
  metadata                            as metadata,
  livemode                            as livemode
from charges
