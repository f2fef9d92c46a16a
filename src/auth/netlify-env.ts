/**
 * Netlify runs the login function (Node) and the edge function (Deno) in different runtimes
 * with different environments: `netlify serve` sets CONTEXT=production for functions but not
 * for edge functions, and at runtime neither is guaranteed to see build-only variables. Both
 * must agree on `production` (it picks the cookie name), so both take the deploy context from
 * the request's `context.deploy.context`, which Netlify gives every function and edge function.
 * Config is parsed once per deploy context and reused, so the session key is derived once.
 */
import { parseConfig, type Config, type Env } from '../config/config.ts';

const parsed = new Map<string, Config>();

export function netlifyConfig(env: Env, deployContext: string | undefined): Config {
  const context = deployContext ?? '';
  let config = parsed.get(context);
  if (!config) {
    config = parseConfig({ ...env, CONTEXT: deployContext });
    parsed.set(context, config);
  }
  return config;
}
