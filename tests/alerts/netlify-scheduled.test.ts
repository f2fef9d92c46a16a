/**
 * The scheduled function netlify/functions/alerts-check.mts under `netlify serve --offline`,
 * invoked by URL as the CLI allows for scheduled functions. The synthetic marts are shifted so the
 * first usd spike starts exactly at the current 15-minute tick: the run must deliver that one
 * `started` event to the local webhook receiver.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MART_CONFIG, createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { loginCookie } from '../api/support/login-cookie.ts';
import { loadMarts } from '../../src/demo/install-marts.ts';
import { pgWriter } from '../../src/demo/mart-writer.ts';
import { fixtureCharges } from './support/spike-fixture.ts';

const PASSWORD = 'alerts-netlify-password';
const QUARTER = 15 * 60_000;
const SPIKE_1_START = Date.parse('2026-03-09T10:30:00Z');

let db: ScratchDatabase;
let site: NetlifyServer;
let receiver: Server;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  db = await createMartDatabase(fixtureCharges());
  site = await startNetlifyServer({
    env: {
      DATABASE_URL: db.url,
      DASHBOARD_PASSWORD: PASSWORD,
      SESSION_SECRET: 'alerts-netlify-session-secret-0123456789abcdef',
      REPORTING_TIMEZONE: 'UTC',
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      ALERT_DASHBOARD_URL: 'https://dash.example.com',
    },
  });
}, 400_000);

afterAll(async () => {
  await site?.stop();
  await db?.drop();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

/** Reloads the marts with the fixture moved so spike 1's start is `tick`. */
async function shiftFixtureTo(tick: number): Promise<void> {
  const shift = tick - SPIKE_1_START;
  const rows = fixtureCharges().map((row) => ({ ...row, created_at: new Date(Date.parse(row.created_at) + shift).toISOString() }));
  const writer = await pgWriter(db.url);
  try {
    await writer.exec('truncate mart_stripe_payments'); // loadMarts rebuilds the rollups from it
    await loadMarts(writer, rows, TEST_MART_CONFIG);
  } finally {
    await writer.close();
  }
}

describe('the scheduled alert check on Netlify', () => {
  it('runs the check for the current tick and delivers its event', async () => {
    // Far enough from the next tick that the invocation lands in this one.
    if (QUARTER - (Date.now() % QUARTER) < 90_000) await new Promise((resolve) => setTimeout(resolve, QUARTER - (Date.now() % QUARTER) + 1000));
    const tick = Math.floor(Date.now() / QUARTER) * QUARTER;
    await shiftFixtureTo(tick);
    const cookie = await loginCookie(site.url, PASSWORD);
    const response = await fetch(`${site.url}/.netlify/functions/alerts-check`, { method: 'POST', headers: { cookie: cookie ?? '' }, body: JSON.stringify({ next_run: new Date(tick + QUARTER).toISOString() }) });
    const text = await response.text();
    expect(response.status, `${text}\n${site.output().slice(-3000)}`).toBe(200);
    expect(JSON.parse(text)).toEqual({ checked: true, delivered: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      event: 'started',
      currency: 'usd',
      startedAt: new Date(tick).toISOString(),
      endedAt: null,
      baselineRate: 0.05,
      dashboardUrl: expect.stringMatching(/^https:\/\/dash\.example\.com\/payments\?status=failed&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&currency=usd$/),
    });
  }, 200_000);
});
