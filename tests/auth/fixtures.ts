import { parseConfig, type Config } from '../../src/config/config.ts';

/** Frozen time for every auth test. */
export const NOW = new Date('2026-03-02T09:30:00Z');
export const SECRET = 'test-session-secret-0123456789-abcdefghij';
export const PASSWORD = 'correct horse battery staple';
export const SITE = 'https://dashboard.example';

export function authConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({ DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET, ...overrides });
}

export function productionConfig(): Config {
  return parseConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://reader@db.example:5432/marts',
    DASHBOARD_PASSWORD: PASSWORD,
    SESSION_SECRET: SECRET,
  });
}

export function secondsAfter(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
