import { PGlite } from '@electric-sql/pglite';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { DatabaseError } from '../../src/db/database.ts';
import { createNeonDatabase } from '../../src/db/neon-driver.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { pgliteDatabase } from '../../src/db/pglite-driver.ts';
import type { SessionSettings } from '../../src/db/session-settings.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { loadMarts } from '../../src/demo/install-marts.ts';
import { pgliteWriter } from '../../src/demo/mart-writer.ts';
import { charge } from '../helpers/charge-fixture.ts';
import { startNeonProxy, type NeonProxy } from '../helpers/neon-ws-proxy.ts';
import { createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';

// Paris is UTC+2 in May: 23:30 UTC on the 1st is already the 2nd locally.
const config = { ...TEST_MART_CONFIG, reportingTimezone: 'Europe/Paris' };
const settings: SessionSettings = { statementTimeoutMs: 500, timeZone: 'Europe/Paris', readOnly: true };
const tables = martTables(config);

const rows = [
  charge({ charge_id: 'ch_a', payment_intent_id: 'pi_1', created_at: '2026-05-01T10:00:00Z', amount: 5_000_000_000_123, status: 'failed', decline_code: 'insufficient_funds', failure_code: 'card_declined', failure_category: 'insufficient_funds', recovery_action: 'retry_eligible', failure_message: 'Tab\there, "quoted", back\\slash' }),
  charge({ charge_id: 'ch_b', payment_intent_id: 'pi_1', created_at: '2026-05-01T23:30:00Z', amount: 5_000_000_000_123, attempt_number: 2 }),
  charge({ charge_id: 'ch_c', created_at: '2026-05-02T08:15:30.250Z', amount: 1200, currency: 'jpy', card_brand: null, card_last4: null, card_country: null, funnel: null, customer_id: null }),
];

const QUERIES: Array<[string, string, unknown[]]> = [
  ['detail rows', `select charge_id, payment_intent_id, customer_id, created_at, amount, currency, status, failure_message, card_brand, attempt_number from ${tables.payments} order by charge_id`, []],
  ['daily mart', `select * from ${tables.daily} order by date, currency`, []],
  ['typed aggregates', `select count(*) as n, sum(amount) as total, avg(amount)::numeric(20,2) as mean, min(created_at) as first, max(created_at::date) as last_day, bool_or(status = 'failed') as any_failed from ${tables.payments} where currency = $1`, ['usd']],
];

async function runAll(db: Database) {
  const results: Record<string, unknown[]> = {};
  for (const [name, text, params] of QUERIES) results[name] = await db.query(text, params);
  return results;
}

describe('database drivers', () => {
  let scratch: ScratchDatabase;
  let proxy: NeonProxy;
  const dbs: Record<string, Database> = {};

  beforeAll(async () => {
    scratch = await createMartDatabase(rows, config);
    proxy = await startNeonProxy();
    const pglite = await PGlite.create();
    await loadMarts(pgliteWriter(pglite), rows, config);
    dbs.pglite = await pgliteDatabase(pglite, settings);
    dbs.pg = createPgDatabase(scratch.url, settings);
    dbs.neon = createNeonDatabase(scratch.url, settings, {
      webSocketConstructor: WebSocket,
      wsProxy: (host, port) => `127.0.0.1:${proxy.port}/v1?address=${host}:${port}`,
      useSecureWebSocket: false,
      pipelineTLS: false,
      pipelineConnect: false,
    });
  });

  afterAll(async () => {
    for (const db of Object.values(dbs)) await db.close();
    await proxy?.close();
    await scratch?.drop();
  });

  it('report their kind', () => {
    expect(Object.fromEntries(Object.entries(dbs).map(([name, db]) => [name, db.kind]))).toEqual({ pglite: 'pglite', pg: 'pg', neon: 'neon' });
  });

  it('return identical, normalized rows', async () => {
    const pg = await runAll(dbs.pg!);
    expect(await runAll(dbs.pglite!)).toEqual(pg);
    expect(await runAll(dbs.neon!)).toEqual(pg);

    expect(pg['detail rows']![0]).toEqual({
      charge_id: 'ch_a', payment_intent_id: 'pi_1', customer_id: 'cus_default', created_at: '2026-05-01T12:00:00+02:00',
      amount: 5_000_000_000_123, currency: 'usd', status: 'failed', failure_message: 'Tab\there, "quoted", back\\slash',
      card_brand: 'visa', attempt_number: 1,
    });
    expect(pg['detail rows']![2]).toMatchObject({ created_at: '2026-05-02T10:15:30.25+02:00', customer_id: null, card_brand: null, amount: 1200 });
    expect(pg['daily mart']).toEqual([
      { date: '2026-05-01', currency: 'usd', total_attempts: 1, successful_payments: 0, failed_payments: 1, gross_revenue: 0, failed_revenue: 5_000_000_000_123, retried_payments: 1, recovered_payments: 1, recovered_revenue: 5_000_000_000_123 },
      { date: '2026-05-02', currency: 'jpy', total_attempts: 1, successful_payments: 1, failed_payments: 0, gross_revenue: 1200, failed_revenue: 0, retried_payments: 0, recovered_payments: 0, recovered_revenue: 0 },
      { date: '2026-05-02', currency: 'usd', total_attempts: 1, successful_payments: 1, failed_payments: 0, gross_revenue: 5_000_000_000_123, failed_revenue: 0, retried_payments: 0, recovered_payments: 0, recovered_revenue: 0 },
    ]);
    expect(pg['typed aggregates']).toEqual([{ n: 2, total: 10_000_000_000_246, mean: 5_000_000_000_123, first: '2026-05-01T12:00:00+02:00', last_day: '2026-05-02', any_failed: true }]);
  });

  it.each(['pglite', 'pg', 'neon'])('%s rejects writes: every transaction is read-only', async (name) => {
    const db = dbs[name]!;
    const error = await db.query(`delete from ${tables.payments}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('read_only');
    expect(await db.query(`select count(*) as n from ${tables.payments}`)).toEqual([{ n: 3 }]);
  });

  it.each(['pg', 'neon'])('%s has the server cancel a statement over the timeout', async (name) => {
    const started = Date.now();
    const error = await dbs[name]!.query('select pg_sleep(5)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('timeout');
    expect((error as DatabaseError).sqlState).toBe('57014');
    expect(Date.now() - started).toBeLessThan(3000);
    // The connection is still usable afterwards.
    expect(await dbs[name]!.query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('reports an unreachable server as unavailable, without the URL', async () => {
    const db = createPgDatabase('postgresql://nobody:hunter2@127.0.0.1:1/none', settings);
    const error = await db.query('select 1').catch((e: unknown) => e);
    await db.close();
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).reason).toBe('unavailable');
    expect((error as DatabaseError).message).not.toContain('hunter2');
  });
});
