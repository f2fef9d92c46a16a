import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/config.ts';

function errorOf(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('alert settings', () => {
  it('default to off, with the documented detection rule', () => {
    expect(parseConfig({}).alerts).toMatchObject({
      enabled: false, intervalMinutes: 15, windowMinutes: 60, maxWindowHours: 24, baselineDays: 7, sensitivity: 4,
      minAttempts: 30, minFailures: 5, minRise: 0.05, dashboardUrl: 'http://localhost:4321', emailTo: [],
    });
  });

  it('switch on with a webhook or email, and take Netlify\'s URL for links', () => {
    const alerts = parseConfig({ ALERT_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X', URL: 'https://pay.example.com/' }).alerts;
    expect(alerts).toMatchObject({ enabled: true, dashboardUrl: 'https://pay.example.com' });
    const email = parseConfig({ ALERT_EMAIL_TO: 'a@example.com, b@example.com', SMTP_URL: 'smtps://u:p@smtp.example.com:465' }).alerts;
    expect(email).toMatchObject({ enabled: true, emailTo: ['a@example.com', 'b@example.com'] });
    expect(parseConfig({ ALERT_MIN_RISE_POINTS: '2.5', ALERT_SENSITIVITY: '3.5' }).alerts).toMatchObject({ minRise: 0.025, sensitivity: 3.5 });
  });

  it.each([
    [{ ALERT_WEBHOOK_URL: 'not a url' }, 'ALERT_WEBHOOK_URL: is not a valid URL (expected https://…)'],
    [{ ALERT_WEBHOOK_URL: 'ftp://x.example.com/hook' }, 'ALERT_WEBHOOK_URL: must be an http(s) URL (got ftp://)'],
    [{ ALERT_EMAIL_TO: 'team@example.com' }, 'SMTP_URL: is required when ALERT_EMAIL_TO is set'],
    [{ ALERT_EMAIL_TO: 'team', SMTP_URL: 'smtp://h' }, 'ALERT_EMAIL_TO: "team" is not an email address'],
    [{ SMTP_URL: 'http://h' }, 'SMTP_URL: must start with smtp:// or smtps://'],
    [{ ALERT_INTERVAL_MINUTES: '7' }, 'ALERT_INTERVAL_MINUTES: must divide 60'],
    [{ ALERT_WINDOW_MINUTES: '50' }, 'ALERT_WINDOW_MINUTES: must be a multiple of ALERT_INTERVAL_MINUTES (15)'],
    [{ ALERT_WINDOW_MINUTES: '240', ALERT_MAX_WINDOW_HOURS: '2' }, 'ALERT_MAX_WINDOW_HOURS: must be at least ALERT_WINDOW_MINUTES'],
    [{ ALERT_SENSITIVITY: 'high' }, 'ALERT_SENSITIVITY: must be a number'],
    [{ ALERT_BASELINE_DAYS: '0' }, 'ALERT_BASELINE_DAYS: must be between 1 and 28'],
  ])('refuse %o with one line naming the variable', (env, message) => {
    expect(errorOf(env)).toContain(message);
  });
});
