import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileProject } from '../../src/marts/build/compile-project.ts';
import { ModelRenderError, renderModel, type ModelContext } from '../../src/marts/render-model.ts';
import { buildSettings } from './build-support.ts';

const context: ModelContext = {
  vars: { stripe_source: 'airbyte' },
  ref: (name) => `"analytics"."${name}"`,
  source: (source, table) => `"raw"."${source}_${table}"`,
};

describe('renderModel: dbt functions as dbt gives them', () => {
  it('renders ref, source and var, and collects config (rendered as nothing)', () => {
    const { sql, config } = renderModel('m', [
      "{{ config(materialized='ephemeral', enabled=(var('stripe_source') == 'airbyte')) }}",
      "select * from {{ ref('a') }} join {{ source('stripe', 'charges') }} using (id)",
      "where zone = '{{ var(\"reporting_timezone\", \"UTC\") }}'",
    ].join('\n'), context);
    expect(config).toEqual({ materialized: 'ephemeral', enabled: true });
    expect(sql).toBe('\nselect * from "analytics"."a" join "raw"."stripe_charges" using (id)\nwhere zone = \'UTC\'');
  });

  it('takes only the branch the vars choose, so a ref in the other branch is never resolved', () => {
    const refs: string[] = [];
    renderModel('m', "{% if var('stripe_source') == 'airbyte' %}{{ ref('x_airbyte') }}{% else %}{{ ref('x_fivetran') }}{% endif %}", {
      ...context,
      ref: (name) => { refs.push(name); return name; },
    });
    expect(refs).toEqual(['x_airbyte']);
  });

  it('a var with neither value nor default is an error naming the model and the var', () => {
    expect(() => renderModel('mart_x', "{{ var('nope') }}", context)).toThrow(new ModelRenderError("mart_x: var('nope') has no value and no default"));
  });

  it('errors thrown by ref or source reach the caller as they were thrown', () => {
    const thrown = new Error('no such model');
    expect(() => renderModel('m', "{{ ref('missing') }}", { ...context, ref: () => { throw thrown; } })).toThrow(thrown);
  });

  it('an undefined name is an error, not an empty string in the SQL', () => {
    expect(() => renderModel('m', 'select {{ this }}', context)).toThrow(ModelRenderError);
  });
});

describe('the shipped models', () => {
  const dir = fileURLToPath(new URL('../../src/marts/dbt/', import.meta.url));
  const models = readdirSync(dir).filter((file) => file.endsWith('.sql'));

  it('use nothing but the dbt subset both engines share: ref, source, var, config, this; if/else/set', () => {
    expect(models.length).toBeGreaterThanOrEqual(4);
    for (const file of models) {
      const text = readFileSync(`${dir}${file}`, 'utf8');
      const tags = [...text.matchAll(/\{%-?\s*(\w+)/g)].map((m) => m[1]);
      expect(tags.every((tag) => ['if', 'elif', 'else', 'endif', 'set'].includes(tag!)), `${file}: ${tags}`).toBe(true);
      const calls = [...text.matchAll(/\{\{-?\s*(\w+)/g)].map((m) => m[1]);
      // `this` (the model's own relation) appears inside post_hook strings, rendered once the table exists.
      expect(calls.every((call) => ['ref', 'source', 'var', 'config', 'this'].includes(call!)), `${file}: ${calls}`).toBe(true);
    }
  });

  it('compile for each loader to the staging view, then the two marts and the rollups, naming only that loader\'s raw tables', () => {
    for (const loader of ['fivetran', 'airbyte'] as const) {
      const steps = compileProject(buildSettings(loader));
      expect(steps.map((step) => step.model)).toEqual([`stg_${loader}__stripe_charges`, 'mart_stripe_payments', 'mart_stripe_payments_daily', 'mart_stripe_payments_acceptance', 'mart_stripe_payments_failures', 'mart_stripe_payments_retry_hygiene',
        'mart_stripe_payments_alert_slots',
      ]);
      expect(steps[3]!.postHooks).toEqual(['create index if not exists mart_stripe_payments_acceptance_idx on "public"."mart_stripe_payments_acceptance" (currency, dimension, date)']);
      expect(steps[4]!.postHooks).toEqual(['create index if not exists mart_stripe_payments_failures_idx on "public"."mart_stripe_payments_failures" (currency, date)']);
      expect(steps[4]!.sql).toMatch(/from "public"\."mart_stripe_payments"\n/);
      expect(steps[6]!.postHooks).toEqual([
        'create index if not exists mart_stripe_payments_alert_slots_idx on "public"."mart_stripe_payments_alert_slots" (currency, slot_start) include (attempts, failures)',
      ]);
      expect(steps[5]!.postHooks).toEqual(['create index if not exists mart_stripe_payments_retry_hygiene_idx on "public"."mart_stripe_payments_retry_hygiene" (currency, date)']);
      const sql = steps.map((step) => step.sql).join('\n');
      expect(sql).not.toMatch(/\{\{|\{%/);
      const rawTables = [...sql.matchAll(/"stripe_raw"\."(\w+)"/g)].map((m) => m[1]);
      expect(new Set(rawTables)).toEqual(new Set(loader === 'fivetran' ? ['charge', 'card', 'payment_method_card'] : ['charges']));
      expect(steps[1]!.sql).toMatch(/^create table "public"\."mart_stripe_payments" as\n/);
      expect(steps[2]!.sql).toMatch(/from "public"\."mart_stripe_payments"\n/);
    }
  });
});
