-- The two marts the dashboard reads, as DESIGN.md defines them. In a real deployment dbt builds
-- them; this file creates them for the demo database, tests and benchmarks.
-- {{schema}} is replaced by the validated, quoted MART_SCHEMA.
create schema if not exists {{schema}};

create table if not exists {{schema}}.{{payments_table}} (
  charge_id          text primary key,
  payment_intent_id  text,
  customer_id        text,
  profile_id         text,
  created_at         timestamptz not null,
  amount             bigint not null check (amount >= 0),
  currency           text not null,
  status             text not null check (status in ('succeeded', 'failed', 'pending')),
  failure_code       text,
  decline_code       text,
  failure_message    text,
  failure_category   text,
  recovery_action    text,
  card_brand         text,
  card_last4         text,
  card_country       text,
  funnel             text,
  attempt_number     integer not null default 1 check (attempt_number >= 1),
  -- Optional: Stripe outcome.advice_code (confirm_card_data, do_not_try_again, try_again_later).
  -- When set it overrides the recovery_action mapped from the decline code; a mart without this
  -- column works on the mapped action (the dashboard looks for it once per process).
  advice_code        text
);

create table if not exists {{schema}}.{{daily_table}} (
  date                 date not null,
  currency             text not null,
  total_attempts       integer not null,
  successful_payments  integer not null,
  failed_payments      integer not null,
  gross_revenue        bigint not null,
  failed_revenue       bigint not null,
  retried_payments     integer not null,
  recovered_payments   integer not null,
  recovered_revenue    bigint not null,
  primary key (date, currency)
);

-- Optional rollup (src/marts/dbt/mart_stripe_payments_acceptance.sql); see README, "Acceptance analytics".
create table if not exists {{schema}}.{{acceptance_table}} (
  date                 date not null,
  currency             text not null,
  dimension            text not null,
  value                text,
  attempts             integer not null,
  succeeded            integer not null,
  failed               integer not null,
  failed_amount        bigint not null,
  lost_revenue         bigint not null,
  payments             integer not null,
  payments_succeeded   integer not null
);
create index if not exists {{acceptance_table}}_idx
  on {{schema}}.{{acceptance_table}} (currency, dimension, date);

-- Optional rollup (src/marts/dbt/mart_stripe_payments_failures.sql); see README, "Benchmarks".
create table if not exists {{schema}}.{{failures_table}} (
  date                 date not null,
  currency             text not null,
  failure_category     text,
  decline_code         text,
  recovery_action      text,
  advice_code          text,
  failures             integer not null,
  failed_amount        bigint not null,
  lost_revenue         bigint not null
);
create index if not exists {{failures_table}}_idx
  on {{schema}}.{{failures_table}} (currency, date);

-- Optional rollup (src/marts/dbt/mart_stripe_payments_retry_hygiene.sql); see README, "Benchmarks".
create table if not exists {{schema}}.{{retry_hygiene_table}} (
  date                 date not null,
  currency             text not null,
  payment_intent_id    text,
  customer_id          text,
  status               text,
  after_hard_decline   boolean not null,
  past_max_attempts    boolean not null,
  retries              integer not null,
  amount               bigint not null
);
create index if not exists {{retry_hygiene_table}}_idx
  on {{schema}}.{{retry_hygiene_table}} (currency, date);

-- Optional rollup (src/marts/dbt/mart_stripe_payments_alert_slots.sql); see README, "Benchmarks".
create table if not exists {{schema}}.{{alert_slots_table}} (
  currency             text not null,
  slot_start           timestamptz not null,
  attempts             integer not null,
  failures             integer not null
);
create index if not exists {{alert_slots_table}}_idx
  on {{schema}}.{{alert_slots_table}} (currency, slot_start) include (attempts, failures);
