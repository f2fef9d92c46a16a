import { qualifiedName, quoteIdentifier } from '../../db/identifiers.ts';
import { martTables } from '../mart-tables.ts';
import { renderModel } from '../render-model.ts';
import { BuildError } from './build-error.ts';
import { readModel } from './dbt-project.ts';
import type { MartBuildSettings } from './mart-build-settings.ts';

export const SEED_NAME = 'stripe_decline_codes';
const TARGET_MODELS = [
  'mart_stripe_payments', 'mart_stripe_payments_daily', 'mart_stripe_payments_acceptance', 'mart_stripe_payments_failures', 'mart_stripe_payments_retry_hygiene',
  'mart_stripe_payments_alert_slots',
] as const;

/** One statement of the build, in dependency order. */
export interface CompiledStep {
  model: string;
  sql: string;
  /** Drops what the step made when it is only a means to the end (the ephemeral models' views). */
  cleanup?: string;
  /**
   * The model's post_hook statements (dbt runs them once the table has its final name), rendered
   * with `this` as that name.
   */
  postHooks?: string[];
}

/**
 * Compiles the two marts as dbt would: each model rendered with this build's vars, refs resolved
 * to the relation dbt would give them and their models compiled first. Ephemeral models (the
 * loaders' staging) become temporary views, which PostgreSQL inlines as dbt inlines ephemeral
 * models as CTEs; the seed is a temporary table the build fills from the CSV; table models are
 * created with CREATE TABLE AS, dbt's table materialization.
 */
export function compileProject(settings: MartBuildSettings, liveNames: MartBuildSettings = settings): CompiledStep[] {
  const tables = martTables(settings);
  const live = martTables(liveNames);
  const targets: Record<(typeof TARGET_MODELS)[number], [building: string, live: string]> = {
    mart_stripe_payments: [tables.payments, live.payments],
    mart_stripe_payments_daily: [tables.daily, live.daily],
    mart_stripe_payments_acceptance: [tables.acceptance, live.acceptance],
    mart_stripe_payments_failures: [tables.failures, live.failures],
    mart_stripe_payments_retry_hygiene: [tables.retryHygiene, live.retryHygiene],
    mart_stripe_payments_alert_slots: [tables.alertSlots, live.alertSlots],
  };
  const vars = {
    stripe_source: settings.source,
    stripe_schema: settings.rawSchema,
    reporting_timezone: settings.reportingTimezone,
    funnel_metadata_key: settings.funnelMetadataKey,
    profile_metadata_key: settings.profileMetadataKey,
  };
  const sourceName = `stripe_${settings.source}`;
  const steps: CompiledStep[] = [];
  const relations = new Map<string, string>([[SEED_NAME, `pg_temp.${quoteIdentifier(SEED_NAME)}`]]);

  const relationOf = (model: string): string => {
    const known = relations.get(model);
    if (known) return known;
    const template = readModel(model);
    if (template === undefined) throw new BuildError(`ref('${model}'): no such model in src/marts/dbt`);
    const context = {
      vars,
      ref: relationOf,
      source: (source: string, table: string) => {
        if (source !== sourceName) throw new BuildError(`${model}: source('${source}', '${table}') is not the --source ${settings.source} tables`);
        return qualifiedName(settings.rawSchema, table);
      },
    };
    const { sql, config } = renderModel(model, template, context);
    if (config.enabled === false) throw new BuildError(`ref('${model}'): that model is disabled for --source ${settings.source}`);
    const materialized = config.materialized ?? 'table';
    let relation: string;
    if (materialized === 'ephemeral') {
      relation = `pg_temp.${quoteIdentifier(model)}`;
      steps.push({ model, sql: `create temporary view ${relation} as\n${sql}`, cleanup: `drop view ${relation}` });
    } else if (materialized === 'table' && model in targets) {
      const [building, liveRelation] = targets[model as keyof typeof targets];
      relation = building;
      const hooks = config.post_hook === undefined ? [] : [config.post_hook].flat();
      const postHooks = hooks.map((hook, i) => renderModel(`${model} post_hook ${i + 1}`, String(hook), { ...context, this: liveRelation }).sql);
      steps.push({ model, sql: `create table ${relation} as\n${sql}`, ...(postHooks.length > 0 ? { postHooks } : {}) });
    } else {
      throw new BuildError(`${model}: materialized='${materialized}' is not one this build makes (tables for the marts, ephemeral for the rest)`);
    }
    relations.set(model, relation);
    return relation;
  };

  for (const model of TARGET_MODELS) relationOf(model);
  return steps;
}
