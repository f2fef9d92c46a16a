import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src/db/database.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { poolOptions } from '../../src/db/pool-database.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { loadMarts } from '../../src/demo/install-marts.ts';
import { pgWriter } from '../../src/demo/mart-writer.ts';
import type { RunningServer } from '../helpers/node-build.ts';
import { TEST_MART_CONFIG } from '../helpers/postgres.ts';
import { startThrowawayCluster, type ThrowawayCluster } from '../helpers/throwaway-cluster.ts';
import { reportFigure } from './lib/figures.ts';
import type { HttpResponse, SuiteClient } from './lib/http.ts';
import { createReadOnlyRole, roleUrl } from './lib/read-only-role.ts';
import { loggedInClient, startSuiteServer } from './lib/suite-server.ts';

/**
 * Database faults on a PostgreSQL cluster this file starts for itself (never the machine's
 * shared server): stopped under load, started again, a statement held past the timeout, a
 * wrong password. The app must answer every request within the statement timeout plus a
 * second — 503 JSON while the database is away — keep running, and recover on its own.
 */
const STATEMENT_TIMEOUT_MS = 1000;
const DEADLINE_MS = STATEMENT_TIMEOUT_MS + 1000;
const CHARGES = 20_000;
const END_DATE = new Date('2026-06-30T20:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Sample {
  started: number;
  ended: number;
  response: HttpResponse | undefined;
  error?: string;
}

describe('database faults (a throwaway PostgreSQL cluster)', () => {
  let cluster: ThrowawayCluster;
  let server: RunningServer;
  let client: SuiteClient;
  let readerUrl: string;
  const role = 'dashboard_reader';
  const rolePassword = randomBytes(16).toString('hex');
  let firstDate = '';
  let span = 0;
  let chargeIds: string[] = [];

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('create database marts');
    await admin.end();
    const writer = await pgWriter(cluster.url('marts'));
    try {
      await loadMarts(writer, generateCharges({ charges: CHARGES, endDate: END_DATE, seed: 3 }), TEST_MART_CONFIG);
    } finally {
      await writer.close();
    }
    await createReadOnlyRole(cluster.url('marts'), { role, password: rolePassword, database: 'marts', ...TEST_MART_CONFIG });
    readerUrl = roleUrl(cluster.url(), role, rolePassword, 'marts');
    const marts = new pg.Client({ connectionString: cluster.url('marts') });
    await marts.connect();
    const range = (await marts.query("select to_char(min(created_at at time zone 'UTC'), 'YYYY-MM-DD') as first, (max(created_at)::date - min(created_at)::date) as span from mart_stripe_payments")).rows[0];
    firstDate = range.first;
    span = Number(range.span);
    chargeIds = (await marts.query('select charge_id from mart_stripe_payments order by md5(charge_id) limit 300')).rows.map((r) => r.charge_id as string);
    await marts.end();

    server = await startSuiteServer({ DATABASE_URL: readerUrl, STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) });
    client = await loggedInClient(server, readerUrl);
  }, 180_000);

  afterAll(async () => {
    client?.close();
    await server?.stop();
    cluster?.destroy();
  });

  /** A request the TTL cache cannot have seen: a random range, currency and endpoint. */
  function uncachedPath(): string {
    const day = (offset: number) => new Date(Date.parse(`${firstDate}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const start = Math.floor(Math.random() * span);
    const range = `from=${day(start)}&to=${day(Math.min(span, start + Math.floor(Math.random() * 60)))}`;
    const currency = ['usd', 'eur', 'jpy'][Math.floor(Math.random() * 3)];
    const paths = [
      `/api/overview/kpis?${range}&currency=${currency}`, `/api/overview/daily?${range}&currency=${currency}`,
      `/api/overview/failures?${range}&currency=${currency}`, `/api/overview/recovery?${range}&currency=${currency}`,
      `/api/overview/top-failures?${range}&currency=${currency}`, `/api/payments?${range}&page=${1 + Math.floor(Math.random() * 5)}`,
      `/api/payments/${chargeIds[Math.floor(Math.random() * chargeIds.length)]}`, `/api/payments.csv?${range}&status=failed`,
    ];
    return paths[Math.floor(Math.random() * paths.length)]!;
  }

  /** `workers` clients each sending one uncached request after another until stopped. */
  function startLoad(workers: number) {
    const samples: Sample[] = [];
    let running = true;
    const loop = async () => {
      while (running) {
        const started = performance.now();
        try {
          const response = await client.request({ path: uncachedPath(), timeoutMs: 15_000, maxBodyBytes: 65_536 });
          samples.push({ started, ended: performance.now(), response });
        } catch (error) {
          samples.push({ started, ended: performance.now(), response: undefined, error: (error as Error).message });
        }
      }
    };
    const done = Promise.all(Array.from({ length: workers }, loop));
    return { samples, stop: async () => { running = false; await done; } };
  }

  const isUnavailableJson = (response: HttpResponse | undefined) => {
    if (!response || response.status !== 503 || !String(response.headers['content-type']).includes('application/json')) return false;
    const body = JSON.parse(response.body) as { error?: string; message?: string };
    return body.error === 'database_unavailable' && typeof body.message === 'string';
  };
  const describeSample = (s: Sample) => `${s.response ? `${s.response.path} → ${s.response.status} ${s.response.body.slice(0, 120)}` : s.error} in ${(s.ended - s.started).toFixed(0)} ms`;

  it('stopped under load: every request answers within the statement timeout + 1 s, 503 JSON; started again: recovers without a restart', async () => {
    const load = startLoad(6);
    await sleep(2000);
    const stopBegan = performance.now();
    await cluster.stop();
    const stopped = performance.now();
    await sleep(4000);
    const health = await client.get('/api/health');
    const startBegan = performance.now();
    await cluster.start();
    const started = performance.now();
    // Recovery: the first uncached data request that succeeds after the server accepts connections again.
    let recovered = 0;
    while (performance.now() - started < 30_000) {
      const probe = await client.request({ path: uncachedPath(), maxBodyBytes: 65_536 });
      if (probe.status === 200 && !probe.headers.age) {
        recovered = performance.now();
        break;
      }
      await sleep(25);
    }
    await sleep(2000);
    await load.stop();

    const { samples } = load;
    const before = samples.filter((s) => s.ended < stopBegan);
    const down = samples.filter((s) => s.started >= stopped && s.ended <= startBegan);
    const after = samples.filter((s) => recovered > 0 && s.started >= recovered + 100);
    // The bound applies from the moment the server begins to shut down until it is back; before
    // and after, requests must simply succeed (their speed is the load test's business).
    const late = samples.filter((s) => s.ended >= stopBegan && s.started <= started && s.ended - s.started > DEADLINE_MS);
    const failedOrOdd = samples.filter((s) => !s.response || (s.response.status !== 200 && !isUnavailableJson(s.response)));
    const downButNot503 = down.filter((s) => !isUnavailableJson(s.response) && !(s.response?.status === 200 && s.response.headers.age));
    const maxDown = Math.max(0, ...down.map((s) => s.ended - s.started));

    reportFigure('database stopped: requests while it was down', down.length);
    reportFigure('database stopped: 503 JSON answers while down', down.filter((s) => isUnavailableJson(s.response)).length);
    reportFigure('database stopped: slowest answer while down', maxDown.toFixed(0), `ms (limit ${DEADLINE_MS})`);
    reportFigure('database stopped: answers from the TTL cache while down', down.filter((s) => s.response?.status === 200).length);
    reportFigure('database stopped: slowest answer from shutdown to restart', Math.max(0, ...samples.filter((s) => s.ended >= stopBegan && s.started <= started).map((s) => s.ended - s.started)).toFixed(0), `ms (limit ${DEADLINE_MS})`);
    reportFigure('database restarted: recovery time after it accepts connections', recovered ? (recovered - started).toFixed(0) : 'never', 'ms');
    reportFigure('database restarted: recovery time from `pg_ctl start`', recovered ? (recovered - startBegan).toFixed(0) : 'never', 'ms');

    expect(before.length).toBeGreaterThan(0);
    expect(before.every((s) => s.response?.status === 200), before.filter((s) => s.response?.status !== 200).map(describeSample).join('\n')).toBe(true);
    expect(down.length).toBeGreaterThan(20);
    expect(downButNot503.map(describeSample)).toEqual([]);
    expect(failedOrOdd.map(describeSample)).toEqual([]);
    expect(late.map(describeSample)).toEqual([]);
    expect(health.status).toBe(503);
    expect(recovered).toBeGreaterThan(0);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((s) => s.response?.status !== 200).map(describeSample)).toEqual([]);
    // The same process throughout: it never exited and was never restarted.
    expect(() => process.kill(server.pid, 0)).not.toThrow();
    expect((await client.get('/api/health')).status).toBe(200);
  }, 120_000);

  it('a frozen database (a partition: connections open, nothing answers): 503 JSON within the connect timeout + 1 s, then recovery', async () => {
    // A stalled server is bounded by the pool's timeouts, not by statement_timeout (which only the
    // server itself enforces): query_timeout = statement timeout + 1 s on open connections, and
    // connectionTimeoutMillis for new ones and for waiting on a busy pool.
    const { connectionTimeoutMillis, query_timeout: queryTimeout } = poolOptions(readerUrl, { statementTimeoutMs: STATEMENT_TIMEOUT_MS, timeZone: 'UTC', readOnly: true });
    const bound = Math.max(connectionTimeoutMillis, queryTimeout) + 1000;
    const load = startLoad(6);
    await sleep(1500);
    const frozeAt = performance.now();
    cluster.freeze();
    const frozen = performance.now();
    await sleep(7000);
    const thawAt = performance.now();
    cluster.thaw();
    let recovered = 0;
    while (performance.now() - thawAt < 30_000) {
      const probe = await client.request({ path: uncachedPath(), maxBodyBytes: 65_536 });
      if (probe.status === 200 && !probe.headers.age) {
        recovered = performance.now();
        break;
      }
      await sleep(25);
    }
    await sleep(1000);
    await load.stop();
    const during = load.samples.filter((s) => s.ended >= frozeAt && s.started <= thawAt);
    // Answers given while frozen, except the few whose data was already on its way when it froze.
    const frozenAnswers = during.filter((s) => s.ended >= frozen + 250 && s.ended <= thawAt);
    const slowest = Math.max(0, ...frozenAnswers.map((s) => s.ended - s.started));
    reportFigure('database frozen: answers while frozen (503 JSON)', `${frozenAnswers.filter((s) => isUnavailableJson(s.response)).length} of ${frozenAnswers.length}`);
    reportFigure('database frozen: slowest answer while frozen', slowest.toFixed(0), `ms (statement timeout + 1 s = ${DEADLINE_MS}; pool connect timeout ${connectionTimeoutMillis})`);
    reportFigure('database frozen: recovery time after it resumes', recovered ? (recovered - thawAt).toFixed(0) : 'never', 'ms');
    expect(frozenAnswers.length).toBeGreaterThan(0);
    expect(frozenAnswers.filter((s) => !isUnavailableJson(s.response) && !(s.response?.status === 200 && s.response.headers.age)).map(describeSample)).toEqual([]);
    expect(during.filter((s) => s.ended - s.started > bound).map(describeSample)).toEqual([]);
    expect(recovered).toBeGreaterThan(0);
    expect(load.samples.filter((s) => s.started >= recovered + 100 && s.response?.status !== 200).map(describeSample)).toEqual([]);
  }, 90_000);

  it('a statement held past the timeout is cancelled on the server (pg_stat_activity) and answered with 503 in time', async () => {
    const admin = new pg.Client({ connectionString: cluster.url('marts') });
    await admin.connect();
    // pg_stat_activity is read outside the lock-holding transaction (inside one it is a snapshot).
    const watcher = new pg.Client({ connectionString: cluster.url('marts') });
    await watcher.connect();
    const activeForRole = async () => (await watcher.query(
      "select state, wait_event_type, wait_event, query from pg_stat_activity where usename = $1 and state = 'active'", [role])).rows as Array<{ state: string; wait_event_type: string | null; query: string }>;
    try {
      // Hold a lock every mart query waits on: the app's statement then runs until the server's statement_timeout cancels it.
      await admin.query('begin');
      await admin.query('lock table mart_stripe_payments in access exclusive mode');
      const started = performance.now();
      const pending = client.request({ path: `/api/payments?q=ch_${randomBytes(4).toString('hex')}` });
      await sleep(STATEMENT_TIMEOUT_MS / 2);
      const whileWaiting = await activeForRole();
      const response = await pending;
      const elapsed = performance.now() - started;
      await sleep(100);
      const afterwards = await activeForRole();
      await admin.query('rollback');

      reportFigure('statement timeout: app answer for a statement held by a lock', `${response.status} in ${elapsed.toFixed(0)} ms (timeout ${STATEMENT_TIMEOUT_MS} ms)`);
      expect(whileWaiting.some((row) => row.wait_event_type === 'Lock' && /mart_stripe_payments/.test(row.query))).toBe(true);
      expect(isUnavailableJson(response)).toBe(true);
      expect(elapsed).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS * 0.9);
      expect(elapsed).toBeLessThan(DEADLINE_MS);
      expect(afterwards.map((row) => JSON.stringify(row))).toEqual([]);
    } finally {
      await admin.query('rollback').catch(() => {});
      await admin.end();
      await watcher.end();
    }
    // Through the database layer itself, as the read-only role: a slow statement is cancelled by the server.
    const db = createPgDatabase(readerUrl, { statementTimeoutMs: 300, timeZone: 'UTC', readOnly: true });
    const observer = new pg.Client({ connectionString: cluster.url('marts') });
    await observer.connect();
    try {
      const started = performance.now();
      const error = await db.query('select pg_sleep(10)').then(() => undefined, (e: unknown) => e);
      const elapsed = performance.now() - started;
      const sleeping = (await observer.query("select pid from pg_stat_activity where query like 'select pg_sleep%' and state = 'active'")).rows;
      reportFigure('statement timeout: pg_sleep(10) through the db layer (timeout 300 ms)', `cancelled after ${elapsed.toFixed(0)} ms`);
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).reason).toBe('timeout');
      expect((error as DatabaseError).sqlState).toBe('57014');
      expect(elapsed).toBeLessThan(1300);
      expect(sleeping).toEqual([]);
    } finally {
      await observer.end();
      await db.close();
    }
  });

  it('a wrong database password: 503 JSON, and neither password nor URL in any answer or log line', async () => {
    const wrongUrl = roleUrl(cluster.url(), role, `wrong-${randomBytes(8).toString('hex')}`, 'marts');
    // serve.ts would refuse to start (one line, tested in tests/cli); the app itself must cope too.
    const wrong = await startSuiteServer({ DATABASE_URL: wrongUrl, STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS) }, { bareEntry: true });
    const wrongClient = await loggedInClient(wrong, wrongUrl, { 'real database password': rolePassword });
    try {
      const health = await wrongClient.get('/api/health');
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body)).toMatchObject({ status: 'degraded', database: { status: 'unavailable' } });
      for (const path of ['/api/filters', uncachedPath(), uncachedPath(), `/api/payments/${chargeIds[0]}`]) {
        const response = await wrongClient.get(path);
        expect(isUnavailableJson(response), `${path} → ${response.status} ${response.body}`).toBe(true);
        expect(response.ms).toBeLessThan(DEADLINE_MS + 2000);
      }
      wrongClient.scan(wrong.output(), 'server log (wrong password)');
      expect(wrongClient.leaks).toEqual([]);
    } finally {
      wrongClient.close();
      await wrong.stop();
    }
  });

  it('the process never crashed, and no secret reached an answer or the server log', () => {
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
    expect(server.output()).not.toMatch(/Unhandled|uncaught|ECONNREFUSED.*\n\s+at /i);
    console.log(`[faults] server log lines: ${server.output().split('\n').length}; e.g.\n${server.output().split('\n').slice(0, 6).join('\n')}`);
  });
});
