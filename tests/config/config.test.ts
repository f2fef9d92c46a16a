import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, parseMartNames, parseReportingTimezone } from '../../src/config/config.ts';

const SECRET = 'x'.repeat(32);
const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u:p@db.example.com/app', DASHBOARD_PASSWORD: 'pw', SESSION_SECRET: SECRET };

function errorOf(env: Record<string, string>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('defaults to the embedded demo database with the demo password outside production', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ production: false, databaseKind: 'pglite', databaseUrl: undefined, password: 'demo', martSchema: 'public', reportingTimezone: 'UTC' });
    expect(config.sessionTtlSeconds).toBe(12 * 3600);
  });

  it('accepts a complete production environment', () => {
    expect(parseConfig(PRODUCTION)).toMatchObject({ production: true, databaseKind: 'pg', password: 'pw' });
    expect(parseConfig({ ...PRODUCTION, NODE_ENV: '', CONTEXT: 'production' }).production).toBe(true);
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: '' }],
    ['DASHBOARD_PASSWORD', { DASHBOARD_PASSWORD: '' }],
    ['SESSION_SECRET', { SESSION_SECRET: '' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
  ])('names %s when production lacks it', (variable, override) => {
    const error = errorOf({ ...PRODUCTION, ...override });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}:`)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a malformed DATABASE_URL without echoing it', () => {
    const error = errorOf({ DATABASE_URL: 'not a url with secret-password' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).not.toContain('secret-password');
    expect(errorOf({ DATABASE_URL: 'mysql://u@h/db' }).variable).toBe('DATABASE_URL');
  });

  it('refuses real data behind the demo password, in production or not', () => {
    const error = errorOf({ DATABASE_URL: 'postgres://u:p@localhost:5432/db' });
    expect(error.variable).toBe('DASHBOARD_PASSWORD');
    expect(parseConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/db', DASHBOARD_PASSWORD: 'team' }).password).toBe('team');
  });

  it('picks the Neon driver for Neon hosts and pg for other PostgreSQL', () => {
    const password = { DASHBOARD_PASSWORD: 'team' };
    expect(parseConfig({ ...password, DATABASE_URL: 'postgresql://u:p@ep-cool-1.us-east-2.aws.neon.tech/db' }).databaseKind).toBe('neon');
    expect(parseConfig({ ...password, DATABASE_URL: 'postgres://u:p@localhost:5432/db' }).databaseKind).toBe('pg');
    expect(parseConfig({ ...password, DATABASE_URL: 'postgres://u:p@localhost:5432/db', DATABASE_DRIVER: 'neon' }).databaseKind).toBe('neon');
    expect(errorOf({ DATABASE_DRIVER: 'mysql' }).variable).toBe('DATABASE_DRIVER');
  });

  it.each([
    ['MART_SCHEMA', 'analytics; drop table x'],
    ['MART_PAYMENTS_TABLE', '"quoted"'],
    ['MART_DAILY_TABLE', '1starts_with_digit'],
    ['REPORTING_TIMEZONE', 'Mars/Olympus'],
    ['STATEMENT_TIMEOUT_MS', 'soon'],
    ['MAX_RANGE_DAYS', '0'],
    ['SESSION_TTL_HOURS', '-1'],
    ['TRUST_PROXY_HOPS', 'yes'],
    ['TRUST_PROXY_HOPS', '6'],
  ])('rejects an invalid %s', (variable, value) => {
    expect(errorOf({ [variable]: value }).variable).toBe(variable);
  });

  it('accepts valid identifiers and time zones', () => {
    const config = parseConfig({ MART_SCHEMA: 'analytics', REPORTING_TIMEZONE: 'Europe/Paris', STATEMENT_TIMEOUT_MS: '2000' });
    expect(config).toMatchObject({ martSchema: 'analytics', reportingTimezone: 'Europe/Paris', statementTimeoutMs: 2000 });
  });

  it('trusts one proxy hop on Heroku (DYNO set) by default, none elsewhere; TRUST_PROXY_HOPS overrides', () => {
    expect(parseConfig({}).trustProxyHops).toBe(0);
    expect(parseConfig({ DYNO: 'web.1' }).trustProxyHops).toBe(1);
    expect(parseConfig({ DYNO: 'web.1', TRUST_PROXY_HOPS: '0' }).trustProxyHops).toBe(0);
    expect(parseConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
  });

  it('parses the marts\' names and the reporting zone the same way on their own (the CLIs, the pages)', () => {
    expect(parseMartNames({ MART_SCHEMA: 'analytics' })).toEqual({
      martSchema: 'analytics', paymentsTable: 'mart_stripe_payments', dailyTable: 'mart_stripe_payments_daily', acceptanceTable: 'mart_stripe_payments_acceptance',
      failuresTable: 'mart_stripe_payments_failures', retryHygieneTable: 'mart_stripe_payments_retry_hygiene',
      alertSlotsTable: 'mart_stripe_payments_alert_slots',
    });
    expect(parseReportingTimezone({})).toBe('UTC');
    expect(parseReportingTimezone({ REPORTING_TIMEZONE: ' Europe/Paris ' })).toBe('Europe/Paris');
    expect(() => parseReportingTimezone({ REPORTING_TIMEZONE: 'Mars/Olympus' })).toThrow(/^REPORTING_TIMEZONE: "Mars\/Olympus" is not an IANA time zone/);
  });
});
