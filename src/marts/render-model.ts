import nunjucks from 'nunjucks';

/**
 * Renders a dbt model (a Jinja template) the way dbt compiles it, with nunjucks, the Jinja
 * dialect for JavaScript. The models use only what the two engines share — `{{ }}`, `{% if %}`,
 * `{% set %}`, comments — and dbt's own four functions, supplied here with dbt's meaning:
 *
 * - `ref(name)`: the relation of another model or seed (the caller decides what that is);
 * - `source(source, table)`: a raw table declared in sources.yml;
 * - `var(name, default)`: a project variable; without a value or a default, an error (as in dbt);
 * - `config(...)`: the model's configuration, collected and rendered as nothing;
 * - `this`: the model's own relation, where dbt gives it (a post_hook is rendered with it).
 */
export interface ModelContext {
  vars: Readonly<Record<string, string>>;
  ref(name: string): string;
  source(sourceName: string, tableName: string): string;
  this?: string;
}

export interface ModelConfig {
  materialized?: string;
  enabled?: boolean;
  [key: string]: unknown;
}

export interface RenderedModel {
  sql: string;
  config: ModelConfig;
}

export class ModelRenderError extends Error {}

/** nunjucks passes keyword arguments as a trailing object marked with __keywords. */
function keywordArguments(args: unknown[]): Record<string, unknown> {
  const last = args.at(-1);
  if (typeof last !== 'object' || last === null || !('__keywords' in last)) return {};
  const { __keywords: _, ...keywords } = last as Record<string, unknown>;
  return keywords;
}

export function renderModel(name: string, template: string, context: ModelContext): RenderedModel {
  const config: ModelConfig = {};
  // nunjucks wraps what a global throws in its own error; keep the original to rethrow it as is.
  let thrown: unknown;
  const guarded = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      thrown ??= error;
      throw error;
    }
  };
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
  env.addGlobal('ref', guarded((model: string) => context.ref(model)));
  env.addGlobal('source', guarded((sourceName: string, tableName: string) => context.source(sourceName, tableName)));
  env.addGlobal('var', guarded((variable: string, fallback?: string) => {
    const value = Object.hasOwn(context.vars, variable) ? context.vars[variable] : fallback;
    if (value === undefined) throw new ModelRenderError(`${name}: var('${variable}') has no value and no default`);
    return value;
  }));
  if (context.this !== undefined) env.addGlobal('this', context.this);
  env.addGlobal('config', (...args: unknown[]) => {
    Object.assign(config, keywordArguments(args));
    return '';
  });
  try {
    return { sql: env.renderString(template, {}), config };
  } catch (error) {
    if (thrown !== undefined) throw thrown;
    const message = error instanceof Error ? error.message.replace(/\s+/g, ' ').trim() : String(error);
    throw new ModelRenderError(`${name}: ${message}`);
  }
}
