-- The database role the dashboard should connect as: it can log in, read the two marts and
-- nothing else, and every transaction it opens is read-only with a statement timeout, whatever
-- the application does (the app also sets both per connection; this is the second lock).
-- README's "A read-only database role" shows these statements with example names; the
-- resilience suite (tests/resilience) applies this file and connects as the role.
--
-- Placeholders, replaced before running: {{role}}, {{password}} (a string literal's contents),
-- {{database}}, {{schema}}, {{payments_table}}, {{daily_table}}, {{acceptance_table}}, {{failures_table}},
-- {{retry_hygiene_table}}, {{alert_slots_table}}.
create role {{role}} login password '{{password}}';
grant connect on database {{database}} to {{role}};
grant usage on schema {{schema}} to {{role}};
grant select on {{schema}}.{{payments_table}}, {{schema}}.{{daily_table}} to {{role}};
-- The optional rollups, where they are built: without the grant the dashboard answers per-payment
-- rates and breakdowns (acceptance), the failure sections (failures), retry hygiene and the
-- alerts' counts from the detail mart, seconds or tens of milliseconds instead of milliseconds at scale.
do $$
begin
  if to_regclass('{{schema}}.{{acceptance_table}}') is not null then
    grant select on {{schema}}.{{acceptance_table}} to {{role}};
  end if;
  if to_regclass('{{schema}}.{{failures_table}}') is not null then
    grant select on {{schema}}.{{failures_table}} to {{role}};
  end if;
  if to_regclass('{{schema}}.{{retry_hygiene_table}}') is not null then
    grant select on {{schema}}.{{retry_hygiene_table}} to {{role}};
  end if;
  if to_regclass('{{schema}}.{{alert_slots_table}}') is not null then
    grant select on {{schema}}.{{alert_slots_table}} to {{role}};
  end if;
end $$;
alter role {{role}} set default_transaction_read_only = on;
alter role {{role}} set statement_timeout = '5s';
