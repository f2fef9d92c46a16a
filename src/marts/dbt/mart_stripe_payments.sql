{{ config(materialized='table') }}
-- mart_stripe_payments: one row per live-mode charge (payment attempt), as DESIGN.md defines it,
-- from the raw tables of the loader var('stripe_source') names (fivetran or airbyte; each has its
-- staging model giving the same columns).
--
-- * decline_code is the issuer's reason (outcome.reason); the mapping seed gives failure_category
--   and recovery_action, looked up by coalesce(decline_code, failure_code) because Stripe often
--   sends no reason with expired_card, incorrect_cvc or processing_error. A code the mapping does
--   not know leaves both null (the dashboard shows such codes as unmapped).
-- * Failure fields (codes, message, category, action, advice) are kept on failed charges only.
-- * advice_code is Stripe's outcome.advice_code where the loader has it (Airbyte), else null; the
--   dashboard lets it override the mapped action.
-- * attempt_number counts an intent's charges in the order they were made (created, then id); a
--   charge without an intent is attempt 1.
-- * card_brand is the API's lowercase code whichever spelling the loader stored
--   ("American Express" → amex, "MasterCard" → mastercard, "Diners Club" → diners).
-- * funnel and profile_id come from the charge's metadata keys var('funnel_metadata_key') and
--   var('profile_metadata_key'); Stripe removes a key set to "", so an empty value is no value.
-- * Test-mode charges (livemode false) are left out.
with charges as (
  select *
  {% if var('stripe_source', 'fivetran') == 'airbyte' -%}
  from {{ ref('stg_airbyte__stripe_charges') }}
  {%- else -%}
  from {{ ref('stg_fivetran__stripe_charges') }}
  {%- endif %}
  where livemode
),

decline_codes as (
  select decline_code, failure_category, recovery_action
  from {{ ref('stripe_decline_codes') }}
),

payments as (
  select
    charges.*,
    charges.status = 'failed' as failed,
    translate(lower(charges.card_brand), ' _-', '') as brand_key
  from charges
)

select
  cast(payments.charge_id as text)                                  as charge_id,
  cast(payments.payment_intent_id as text)                          as payment_intent_id,
  cast(payments.customer_id as text)                                as customer_id,
  nullif(payments.metadata ->> '{{ var("profile_metadata_key", "profile_id") }}', '') as profile_id,
  payments.created_at                                               as created_at,
  payments.amount                                                   as amount,
  cast(lower(payments.currency) as text)                            as currency,
  cast(payments.status as text)                                     as status,
  cast(case when payments.failed then payments.failure_code end as text)    as failure_code,
  cast(case when payments.failed then payments.decline_code end as text)    as decline_code,
  cast(case when payments.failed then payments.failure_message end as text) as failure_message,
  cast(decline_codes.failure_category as text)                      as failure_category,
  cast(decline_codes.recovery_action as text)                       as recovery_action,
  cast(case payments.brand_key
    when '' then null
    when 'americanexpress' then 'amex'
    when 'dinersclub' then 'diners'
    when 'cartesbancaires' then 'cartes_bancaires'
    when 'eftposaustralia' then 'eftpos_au'
    when 'eftposau' then 'eftpos_au'
    else payments.brand_key
  end as text)                                                      as card_brand,
  cast(nullif(payments.card_last4, '') as text)                     as card_last4,
  cast(upper(nullif(payments.card_country, '')) as text)            as card_country,
  nullif(payments.metadata ->> '{{ var("funnel_metadata_key", "funnel") }}', '') as funnel,
  -- Byte order ("C") for the ids: the order Stripe's ids sort in, and a far cheaper sort.
  cast(row_number() over (
    partition by coalesce(payments.payment_intent_id, payments.charge_id) collate "C"
    order by payments.created_at, payments.charge_id collate "C"
  ) as integer)                                                     as attempt_number,
  cast(case when payments.failed then payments.advice_code end as text)     as advice_code
from payments
left join decline_codes
  on payments.failed
  and decline_codes.decline_code = coalesce(payments.decline_code, payments.failure_code)
