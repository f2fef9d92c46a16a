/**
 * `npm run alerts` as cron and people run it (node src/cli/alerts.ts) against the synthetic marts
 * of tests/alerts: stdout carries JSON lines only, logs go to stderr, a failure is one line and
 * exit code 1, and the same tick is never delivered twice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/node-build.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { fixtureCharges } from '../alerts/support/spike-fixture.ts';

let db: ScratchDatabase;
let receiver: Server;
let hookUrl: string;
const received: Record<string, unknown>[] = [];
/** Statuses the receiver answers with, in turn (200 once they run out). */
let statuses: number[] = [];
const stateDir = mkdtempSync(join(tmpdir(), 'alerts-cli-'));

beforeAll(async () => {
  db = await createMartDatabase(fixtureCharges());
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      const status = statuses.shift() ?? 200;
      res.writeHead(status).end(status === 200 ? 'ok' : 'down for maintenance');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  await db?.drop();
  rmSync(stateDir, { recursive: true, force: true });
});

function alerts(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src/cli/alerts.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, DASHBOARD_PASSWORD: 'x', ALERT_STATE_FILE: join(stateDir, 'ticks.json'), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status) => resolve({ status, stdout, stderr: stderr.trim() }));
  });
}

describe('npm run alerts', () => {
  it('--backtest prints one JSON episode per line on stdout and its summary on stderr', async () => {
    const run = await alerts(['--backtest', '2026-03-01..2026-03-10']);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((e) => [e.currency, e.startedAt, e.endedAt])).toEqual([
      ['usd', '2026-03-09T10:30:00.000Z', '2026-03-09T15:00:00.000Z'],
      ['usd', '2026-03-10T14:30:00.000Z', '2026-03-10T17:00:00.000Z'],
    ]);
    expect(Object.keys(lines[0])).toEqual(['currency', 'startedAt', 'endedAt', 'failureRate', 'baselineRate', 'attempts', 'failures', 'topReasons']);
    expect(run.stderr).toMatch(/^alerts: backtest 2026-03-01\.\.2026-03-10: 2 episodes in \d+ ms$/);
  });

  it('--at delivers the tick\'s event once; the same tick again sends nothing', async () => {
    const env = { ALERT_WEBHOOK_URL: hookUrl };
    const first = await alerts(['--at', '2026-03-09T10:31:00Z'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ event: 'started', currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z' });
    const again = await alerts(['--at', '2026-03-09T10:44:00Z'], env);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('already delivered');
    expect(received).toHaveLength(1);
  });

  it('--dry-run prints the events instead of sending them', async () => {
    const run = await alerts(['--dry-run', '--at', '2026-03-10T17:00:00Z']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ event: 'resolved', currency: 'usd', endedAt: '2026-03-10T17:00:00.000Z' });
  });

  it('a delivery that keeps failing exits 1 with one line saying why', async () => {
    statuses = [503, 503, 503];
    const before = received.length;
    const run = await alerts(['--at', '2026-03-09T15:00:00Z'], { ALERT_WEBHOOK_URL: hookUrl });
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines.at(-1)).toMatch(/^alerts: delivery failed: webhook http:\/\/127\.0\.0\.1:\d+ \(resolved usd\) failed after 3 tries: HTTP 503 down for maintenance$/);
    expect(received.length - before).toBe(3);
  }, 30_000);

  it.each([
    [['--backtest', '2026-03-10..2026-03-01'], '--backtest: 2026-03-10 is after 2026-03-01'],
    [['--at', 'yesterday'], '--at must be an ISO 8601 instant with a zone'],
    [['--at', '2026-03-09T10:31:00Z'], 'alerts are not configured: set ALERT_WEBHOOK_URL'],
    [['--frobnicate'], "Unknown option '--frobnicate'"],
  ])('refuses %j in one line', async (args, message) => {
    const run = await alerts(args);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });
});
