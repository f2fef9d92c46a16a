import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeApiRequest } from '../../src/api/router.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import type { Database } from '../../src/db/database.ts';
import { TtlCache } from '../../src/cache/ttl-cache.ts';
import { freePort } from '../helpers/free-port.ts';
import { testDeps } from './support/fixture-database.ts';

const ENDPOINTS = [
  '/api/overview/kpis', '/api/overview/daily', '/api/overview/failures', '/api/overview/recovery', '/api/overview/top-failures', '/api/overview/breakdown', '/api/overview/alerts',
  '/api/overview/retry-hygiene',
  '/api/filters', '/api/payments', '/api/payments.csv', '/api/payments/ch_a01',
];

describe('a database that is down', () => {
  let db: Database;
  let url: string;
  const logs: string[] = [];

  beforeAll(async () => {
    // A port nothing listens on, with a password that must never show up anywhere.
    url = `postgresql://dashboard:hunter2-secret@127.0.0.1:${await freePort()}/payments`;
    db = createPgDatabase(url, sessionSettingsFor({ statementTimeoutMs: 1000, reportingTimezone: 'UTC' }));
  });
  afterAll(() => db?.close());

  it.each(ENDPOINTS)('%s → 503 JSON with a friendly message, no stack, no URL, not cached', async (path) => {
    const cache = new TtlCache();
    const deps = testDeps(db, { log: (message) => logs.push(message) });
    const response = await routeApiRequest(new Request(`http://dash.test${path}?from=2026-03-01&to=2026-03-07`), deps, { cache });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('netlify-cdn-cache-control')).toBeNull();
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: 'database_unavailable', message: expect.stringMatching(/try again/) });
    for (const secret of ['hunter2', '127.0.0.1', 'postgresql://', 'at ', 'ECONNREFUSED']) expect(text).not.toContain(secret);
    expect(cache.size).toBe(0);
  });

  it('logs the reason without the connection string', () => {
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) {
      expect(line).not.toContain('hunter2');
      expect(line).not.toContain(url);
    }
  });
});
