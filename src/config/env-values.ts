/**
 * Reading one environment variable, and the one error a bad setting raises (naming the variable):
 * the primitives every part of the configuration (config.ts, alert-settings.ts) parses with.
 */

export class ConfigError extends Error {
  readonly variable: string;
  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** What anyone but the operator learns of a ConfigError: the variable and its problem go to the log only. */
export const CONFIGURATION_ERROR_MESSAGE = 'The dashboard is not configured correctly. The server log says what to fix.';

export type Env = Readonly<Record<string, string | undefined>>;

export function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}
