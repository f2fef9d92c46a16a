/**
 * The one place the environment is read. `parseConfig` is a pure function of an env record so it
 * runs unchanged in Node, in Netlify Functions and in the Deno edge runtime, and tests pass their
 * own env. Every problem becomes a ConfigError whose message is one line naming the variable.
 */
import { parseAlertSettings, type AlertSettings } from './alert-settings.ts';
import { ConfigError, integer, read, type Env } from './env-values.ts';
import { databaseUrlProblem, identifierProblem, timeZoneProblem } from './validators.ts';

export { ConfigError, type Env };

export type DatabaseKind = 'pglite' | 'pg' | 'neon';

export interface Config {
  production: boolean;
  /** undefined → the embedded demo database (never in production). */
  databaseUrl: string | undefined;
  databaseKind: DatabaseKind;
  password: string;
  sessionSecret: string;
  sessionTtlSeconds: number;
  martSchema: string;
  paymentsTable: string;
  dailyTable: string;
  /** The optional acceptance rollup; the detail mart answers while it does not exist. */
  acceptanceTable: string;
  /** The optional failures rollup; the detail mart answers while it does not exist. */
  failuresTable: string;
  /** The optional retry-hygiene rollup; the detail mart answers while it does not exist. */
  retryHygieneTable: string;
  /** The optional alert-slots rollup; the detail mart answers while it does not exist. */
  alertSlotsTable: string;
  reportingTimezone: string;
  statementTimeoutMs: number;
  /** Longest range of the routes that read charges one by one (explorer, CSV, failure details). */
  maxRangeDays: number;
  /** Longest range of the overview routes that read the daily mart (totals, charts): years. */
  maxOverviewRangeDays: number;
  demoCharges: number;
  /** The newest charge older than this flags the data as stale (a daily job that did not run). */
  staleAfterHours: number;
  /**
   * Proxies in front of the Node server whose X-Forwarded-For entries are true (src/auth/client-address.ts).
   * Heroku's router is exactly one hop and dynos are reachable only through it, so with DYNO set
   * the default is 1; otherwise 0 (the socket address).
   */
  trustProxyHops: number;
  /** Failure-spike alerts (src/alerts); `enabled` once a webhook or an email address is set. */
  alerts: AlertSettings;
}

const DEMO_PASSWORD = 'demo';
const MIN_SECRET_BYTES = 32;

export const DEFAULT_ACCEPTANCE_TABLE = 'mart_stripe_payments_acceptance';
export const DEFAULT_FAILURES_TABLE = 'mart_stripe_payments_failures';
export const DEFAULT_RETRY_HYGIENE_TABLE = 'mart_stripe_payments_retry_hygiene';
export const DEFAULT_ALERT_SLOTS_TABLE = 'mart_stripe_payments_alert_slots';

function identifier(env: Env, name: string, fallback: string): string {
  const value = read(env, name) ?? fallback;
  const problem = identifierProblem(value);
  if (problem) throw new ConfigError(name, problem);
  return value;
}

export type MartNames = Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable' | 'acceptanceTable' | 'failuresTable' | 'retryHygieneTable' | 'alertSlotsTable'>;

/** The marts' schema and table names (MART_SCHEMA, MART_*_TABLE); the CLIs that write marts read them too. */
export function parseMartNames(env: Env): MartNames {
  return {
    martSchema: identifier(env, 'MART_SCHEMA', 'public'),
    paymentsTable: identifier(env, 'MART_PAYMENTS_TABLE', 'mart_stripe_payments'),
    dailyTable: identifier(env, 'MART_DAILY_TABLE', 'mart_stripe_payments_daily'),
    acceptanceTable: identifier(env, 'MART_ACCEPTANCE_TABLE', DEFAULT_ACCEPTANCE_TABLE),
    failuresTable: identifier(env, 'MART_FAILURES_TABLE', DEFAULT_FAILURES_TABLE),
    retryHygieneTable: identifier(env, 'MART_RETRY_HYGIENE_TABLE', DEFAULT_RETRY_HYGIENE_TABLE),
    alertSlotsTable: identifier(env, 'MART_ALERT_SLOTS_TABLE', DEFAULT_ALERT_SLOTS_TABLE),
  };
}

/** REPORTING_TIMEZONE: the server's, the CLIs' default and the zone the pages are built for. */
export function parseReportingTimezone(env: Env): string {
  const zone = read(env, 'REPORTING_TIMEZONE') ?? 'UTC';
  const problem = timeZoneProblem(zone);
  if (problem) throw new ConfigError('REPORTING_TIMEZONE', problem);
  return zone;
}

/** Neon hosts (and Netlify DB, which is Neon) get the Neon driver; any other PostgreSQL URL gets pg. */
function databaseKindOf(url: string | undefined, forced?: string): DatabaseKind {
  if (forced) {
    if (forced !== 'pg' && forced !== 'neon' && forced !== 'pglite') {
      throw new ConfigError('DATABASE_DRIVER', `must be pg, neon or pglite, got "${forced}"`);
    }
    return forced;
  }
  if (!url) return 'pglite';
  const host = new URL(url).hostname;
  return host.endsWith('.neon.tech') || host.endsWith('.neon.build') ? 'neon' : 'pg';
}

function parseDatabaseUrl(raw: string | undefined): string | undefined {
  const problem = raw === undefined ? undefined : databaseUrlProblem(raw);
  if (problem) throw new ConfigError('DATABASE_URL', problem);
  return raw;
}

function isProductionEnv(env: Env): boolean {
  return read(env, 'NODE_ENV') === 'production' || read(env, 'CONTEXT') === 'production';
}

export function parseConfig(env: Env): Config {
  const production = isProductionEnv(env);
  const databaseUrl = parseDatabaseUrl(read(env, 'DATABASE_URL') ?? read(env, 'NETLIFY_DATABASE_URL'));
  const databaseKind = databaseKindOf(databaseUrl, read(env, 'DATABASE_DRIVER'));
  if (databaseKind !== 'pglite' && !databaseUrl) {
    throw new ConfigError('DATABASE_URL', `is required when DATABASE_DRIVER is ${databaseKind}`);
  }

  let password = read(env, 'DASHBOARD_PASSWORD');
  let sessionSecret = read(env, 'SESSION_SECRET');
  if (production) {
    if (!databaseUrl || databaseKind === 'pglite') {
      throw new ConfigError('DATABASE_URL', 'is required in production (the embedded demo database is for trying the dashboard only)');
    }
    if (!password) throw new ConfigError('DASHBOARD_PASSWORD', 'is required in production');
    if (!sessionSecret) throw new ConfigError('SESSION_SECRET', `is required in production (at least ${MIN_SECRET_BYTES} random bytes, e.g. openssl rand -base64 48)`);
  }
  // The public demo password only ever guards generated demo data: a deploy preview or a laptop
  // pointed at real marts must say its own password, production or not.
  if (!password && databaseKind !== 'pglite') {
    throw new ConfigError('DASHBOARD_PASSWORD', 'is required whenever DATABASE_URL is set (the demo password only guards the embedded demo database)');
  }
  password ??= DEMO_PASSWORD;
  // Outside production a fixed, public secret keeps demo sessions valid across the separate
  // processes of Netlify (login function, edge function) and across restarts.
  sessionSecret ??= 'demo-session-secret-not-for-production-use-0000';
  if (new TextEncoder().encode(sessionSecret).length < MIN_SECRET_BYTES) {
    throw new ConfigError('SESSION_SECRET', `must be at least ${MIN_SECRET_BYTES} bytes long`);
  }

  const maxRangeDays = integer(env, 'MAX_RANGE_DAYS', 400, 1, 3660);
  return {
    production,
    databaseUrl,
    databaseKind,
    password,
    sessionSecret,
    sessionTtlSeconds: integer(env, 'SESSION_TTL_HOURS', 12, 1, 24 * 30) * 3600,
    ...parseMartNames(env),
    reportingTimezone: parseReportingTimezone(env),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 5000, 100, 120_000),
    maxRangeDays,
    maxOverviewRangeDays: Math.max(maxRangeDays, integer(env, 'MAX_OVERVIEW_RANGE_DAYS', 3660, 1, 36_600)),
    demoCharges: integer(env, 'DEMO_CHARGES', 50_000, 100, 5_000_000),
    staleAfterHours: integer(env, 'STALE_AFTER_HOURS', 26, 1, 24 * 366),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', read(env, 'DYNO') ? 1 : 0, 0, 5),
    alerts: parseAlertSettings(env),
  };
}
