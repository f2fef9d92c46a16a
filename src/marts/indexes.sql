-- Indexes the API's queries rely on. Safe to run on the dbt-built marts too (if not exists).
-- The explorer's default order (newest first, ties by charge id) and every date-range scan.
create index if not exists {{payments_table}}_created_idx
  on {{schema}}.{{payments_table}} (created_at desc, charge_id desc);
-- Status filter in the same order, so "failed payments, newest first" never sorts.
create index if not exists {{payments_table}}_status_created_idx
  on {{schema}}.{{payments_table}} (status, created_at desc, charge_id desc);
-- Prefix search (q) on the three ids; text_pattern_ops lets LIKE 'prefix%' use the index under
-- any collation. The payment-intent index also serves each charge's retry history.
create index if not exists {{payments_table}}_charge_prefix_idx
  on {{schema}}.{{payments_table}} (charge_id text_pattern_ops);
create index if not exists {{payments_table}}_intent_idx
  on {{schema}}.{{payments_table}} (payment_intent_id text_pattern_ops, attempt_number);
create index if not exists {{payments_table}}_customer_prefix_idx
  on {{schema}}.{{payments_table}} (customer_id text_pattern_ops);
-- Failure breakdowns over a date range read only failed rows (failure_code: the mapping is
-- joined on coalesce(decline_code, failure_code)); an alert episode's top reasons count its failed
-- first attempts from this index alone (attempt_number: 10M charges, a 2-day episode's 20,596
-- failures, 21.6 ms → 11.1 ms without a heap fetch per row).
create index if not exists {{payments_table}}_failed_created_idx
  on {{schema}}.{{payments_table}} (created_at)
  include (failure_category, decline_code, failure_code, recovery_action, amount, currency, payment_intent_id, attempt_number)
  where status = 'failed';
-- Lost revenue (overview failures, top failures) asks for every failed charge whether its intent
-- ever succeeded; this partial index answers each probe from the index alone instead of reading
-- the intent's rows to check their status (EXPLAIN ANALYZE, 1M charges, 30 days of usd failures:
-- 11k probes, 271 ms → 186 ms).
create index if not exists {{payments_table}}_succeeded_intent_idx
  on {{schema}}.{{payments_table}} (payment_intent_id)
  where status = 'succeeded';
-- The explorer's amount sort (within each currency: amounts in different currencies are not
-- comparable), both directions, ties by charge id: without it every page sorts the whole table.
-- With a currency filter the scan starts at that currency. It replaces (amount, charge_id), which
-- an older version created as _amount_idx and which can be dropped.
create index if not exists {{payments_table}}_currency_amount_idx
  on {{schema}}.{{payments_table}} (currency, amount, charge_id);
-- Funnel, card-brand and card-country filters, and their dropdown values read by skipping through the index
-- (a handful of distinct values; deduplicated b-trees of a few MB per million rows).
create index if not exists {{payments_table}}_funnel_idx
  on {{schema}}.{{payments_table}} (funnel);
create index if not exists {{payments_table}}_brand_idx
  on {{schema}}.{{payments_table}} (card_brand);
create index if not exists {{payments_table}}_country_idx
  on {{schema}}.{{payments_table}} (card_country);
-- Failure-spike alerts count first attempts per currency and 15 minutes over weeks of charges
-- (src/queries/alert-slot-counts.ts): answered from this index alone, without reading the rows.
create index if not exists {{payments_table}}_first_attempt_idx
  on {{schema}}.{{payments_table}} (created_at)
  include (currency, status)
  where attempt_number = 1;
-- Retry hygiene counts a currency's retries over a range (src/queries/retry-hygiene.ts): from
-- this index alone, retries being a few percent of charges (10M charges, 30 days of usd retries:
-- a 2.4 s scan of the whole table → 0.6 s, the rest being each retry's look at its earlier attempts).
create index if not exists {{payments_table}}_retry_created_idx
  on {{schema}}.{{payments_table}} (currency, created_at)
  include (payment_intent_id, attempt_number, customer_id, amount, status, card_brand, card_last4)
  where attempt_number > 1 and payment_intent_id is not null;
