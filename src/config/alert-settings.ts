/**
 * The ALERT_* part of the configuration (see README "Failure-spike alerts"). Parsed with the rest
 * of the environment by parseConfig, so a mistake stops start-up with one line naming the variable.
 */
import { ConfigError, integer, read, type Env } from './env-values.ts';

export interface DetectionSettings {
  /** Minutes between scheduled checks; ticks fall on whole multiples of it (UTC), e.g. :00 :15 :30 :45. */
  intervalMinutes: number;
  /** The shortest window a check looks at, ending at its tick; a multiple of the interval. */
  windowMinutes: number;
  /** Quiet hours widen the window, one interval at a time, up to this, until it holds minAttempts. */
  maxWindowHours: number;
  /** Trailing days the window's rate is compared with. */
  baselineDays: number;
  /** How unlikely, in standard deviations (one-sided), the window's failures must be under the baseline rate. */
  sensitivity: number;
  /** A window with fewer attempts (succeeded + failed) never fires. */
  minAttempts: number;
  /** A window with fewer failures never fires. */
  minFailures: number;
  /** The rise over the baseline a window must show, as a fraction (0.05 = 5 points). */
  minRise: number;
}

export interface AlertSettings extends DetectionSettings {
  enabled: boolean;
  webhookUrl: string | undefined;
  emailTo: string[];
  emailFrom: string;
  smtpUrl: string | undefined;
  /** Base URL the messages link to (the dashboard's own address). */
  dashboardUrl: string;
  /** Where `npm run alerts` remembers the ticks it delivered. */
  stateFile: string;
}

export const DEFAULT_DETECTION: DetectionSettings = {
  intervalMinutes: 15,
  windowMinutes: 60,
  maxWindowHours: 24,
  baselineDays: 7,
  sensitivity: 4,
  minAttempts: 30,
  minFailures: 5,
  minRise: 0.05,
};

function decimal(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new ConfigError(name, `must be a number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo it: a webhook URL is itself a secret.
    throw new ConfigError(name, 'is not a valid URL (expected https://…)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(name, `must be an http(s) URL (got ${url.protocol}//)`);
  return raw;
}

function smtpUrl(env: Env): string | undefined {
  const raw = read(env, 'SMTP_URL');
  if (raw === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    throw new ConfigError('SMTP_URL', 'is not a valid URL (expected smtp://user:password@host:587 or smtps://…:465)');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new ConfigError('SMTP_URL', `must start with smtp:// or smtps:// (got ${protocol}//)`);
  return raw;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+$/;

function emailList(env: Env, name: string): string[] {
  const raw = read(env, name);
  if (raw === undefined) return [];
  const addresses = raw.split(',').map((part) => part.trim()).filter(Boolean);
  const wrong = addresses.find((address) => !EMAIL.test(address));
  if (wrong !== undefined) throw new ConfigError(name, `"${wrong}" is not an email address (separate several with commas)`);
  return addresses;
}

function parseDetectionSettings(env: Env): DetectionSettings {
  const d = DEFAULT_DETECTION;
  // Ticks must fall on the same minutes every hour and day, so the interval divides an hour.
  const intervalMinutes = integer(env, 'ALERT_INTERVAL_MINUTES', d.intervalMinutes, 1, 60);
  if (60 % intervalMinutes !== 0) {
    throw new ConfigError('ALERT_INTERVAL_MINUTES', `must divide 60 (5, 10, 15, 20, 30, 60…), got ${intervalMinutes}`);
  }
  const windowMinutes = integer(env, 'ALERT_WINDOW_MINUTES', Math.max(d.windowMinutes, intervalMinutes), intervalMinutes, 24 * 60);
  if (windowMinutes % intervalMinutes !== 0) {
    throw new ConfigError('ALERT_WINDOW_MINUTES', `must be a multiple of ALERT_INTERVAL_MINUTES (${intervalMinutes}), got ${windowMinutes}`);
  }
  const maxWindowHours = integer(env, 'ALERT_MAX_WINDOW_HOURS', Math.max(d.maxWindowHours, Math.ceil(windowMinutes / 60)), 1, 72);
  if (maxWindowHours * 60 < windowMinutes) {
    throw new ConfigError('ALERT_MAX_WINDOW_HOURS', `must be at least ALERT_WINDOW_MINUTES (${windowMinutes} minutes), got ${maxWindowHours} hours`);
  }
  return {
    intervalMinutes,
    windowMinutes,
    maxWindowHours,
    baselineDays: integer(env, 'ALERT_BASELINE_DAYS', d.baselineDays, 1, 28),
    sensitivity: decimal(env, 'ALERT_SENSITIVITY', d.sensitivity, 1, 10),
    minAttempts: integer(env, 'ALERT_MIN_ATTEMPTS', d.minAttempts, 1, 1_000_000),
    minFailures: integer(env, 'ALERT_MIN_FAILURES', d.minFailures, 1, 1_000_000),
    minRise: decimal(env, 'ALERT_MIN_RISE_POINTS', d.minRise * 100, 0.1, 100) / 100,
  };
}

export function parseAlertSettings(env: Env): AlertSettings {
  const webhookUrl = httpUrl(env, 'ALERT_WEBHOOK_URL');
  const emailTo = emailList(env, 'ALERT_EMAIL_TO');
  const smtp = smtpUrl(env);
  if (emailTo.length > 0 && !smtp) throw new ConfigError('SMTP_URL', 'is required when ALERT_EMAIL_TO is set (smtp://user:password@host:587)');
  const emailFrom = read(env, 'ALERT_EMAIL_FROM') ?? 'payments-dashboard@localhost';
  if (!EMAIL.test(emailFrom)) throw new ConfigError('ALERT_EMAIL_FROM', `"${emailFrom}" is not an email address`);
  // Netlify sets URL to the site's main address; elsewhere the dashboard's address must be told.
  const dashboardUrl = (httpUrl(env, 'ALERT_DASHBOARD_URL') ?? read(env, 'URL') ?? `http://localhost:${read(env, 'PORT') ?? '4321'}`).replace(/\/+$/, '');
  return {
    ...parseDetectionSettings(env),
    enabled: webhookUrl !== undefined || emailTo.length > 0,
    webhookUrl,
    emailTo,
    emailFrom,
    smtpUrl: smtp,
    dashboardUrl,
    stateFile: read(env, 'ALERT_STATE_FILE') ?? '.alerts/delivered-ticks.json',
  };
}
