import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../src/db/database.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { PROJECT_ROOT, type RunningServer } from '../helpers/node-build.ts';
import { TEST_MART_CONFIG } from '../helpers/postgres.ts';
import { suiteContext } from './lib/context.ts';
import { reportFigure } from './lib/figures.ts';
import type { SuiteClient } from './lib/http.ts';
import { renderReadOnlyRoleSql } from './lib/read-only-role.ts';
import { loggedInClient, logIn, startSuiteServer } from './lib/suite-server.ts';

/**
 * The README's read-only role (src/marts/read-only-role.sql) is what the whole suite's server
 * connects as. Here: the app really runs as it, every endpoint works under it, and writes fail
 * twice over — the db layer's read-only transactions, and the role's missing privileges.
 */
const context = suiteContext();
const { dataset } = context;
const WRITES = [
  "insert into mart_stripe_payments (charge_id, created_at, amount, currency, status) values ('ch_evil', now(), 1, 'usd', 'succeeded')",
  "update mart_stripe_payments set amount = 0 where charge_id = (select min(charge_id) from mart_stripe_payments)",
  'delete from mart_stripe_payments_daily',
  'truncate mart_stripe_payments_daily',
  'create table evil (x int)',
  'create temp table evil (x int)',
  'drop table mart_stripe_payments_daily',
  'alter table mart_stripe_payments add column evil int',
  'create index evil_idx on mart_stripe_payments (amount)',
  "select nextval('evil')",
  'grant select on mart_stripe_payments to public',
];

describe('the read-only role', () => {
  let server: RunningServer;
  let client: SuiteClient;
  let admin: pg.Client;
  const counts = async () => (await admin.query('select (select count(*) from mart_stripe_payments) as charges, (select count(*) from mart_stripe_payments_daily) as days')).rows[0] as { charges: string; days: string };

  beforeAll(async () => {
    server = await startSuiteServer();
    client = await loggedInClient(server);
    admin = new pg.Client({ connectionString: context.adminDatabaseUrl });
    await admin.connect();
  });

  afterAll(async () => {
    client?.close();
    await admin?.end();
    await server?.stop();
  });

  it('every endpoint works with the app connected as the role', async () => {
    const lastMonth = `from=${dataset.lastDate.slice(0, 8)}01&to=${dataset.lastDate}`;
    const paths = [
      '/api/health', '/api/filters',
      ...['kpis', 'daily', 'failures', 'recovery', 'top-failures'].map((name) => `/api/overview/${name}?${lastMonth}&currency=usd`),
      `/api/payments?status=failed&${lastMonth}&sort=-amount&page=2`, `/api/payments?q=${dataset.customerIds[0]}`,
      `/api/payments/${dataset.retriedChargeIds[0]}`, `/api/payments.csv?status=failed&${lastMonth}`,
    ];
    for (const path of paths) {
      const response = await client.get(path);
      expect(response.status, `${path}: ${response.body.slice(0, 200)}`).toBe(200);
    }
    const refresh = await client.request({ method: 'POST', path: '/api/refresh', headers: { origin: server.url } });
    expect(refresh.status).toBeLessThan(300);
    const login = await logIn(client, context.dashboardPassword);
    expect(login.status).toBe(303);
    const logout = await client.request({ method: 'POST', path: '/api/logout', headers: { origin: server.url } });
    expect(logout.status).toBeLessThan(400);

    const sessions = await admin.query("select distinct usename from pg_stat_activity where datname = current_database() and application_name = 'payments-dashboard'");
    reportFigure('read-only: the app\'s sessions connect as', sessions.rows.map((r) => r.usename as string).join(', '));
    expect(sessions.rows.map((r) => r.usename)).toEqual([context.readerRole]);
  });

  it('a write through the database layer fails, and changes nothing', async () => {
    const before = await counts();
    const db = createPgDatabase(context.readerUrl, { statementTimeoutMs: 5000, timeZone: 'UTC', readOnly: true });
    try {
      for (const sql of WRITES) {
        const error = await db.query(sql).then(() => undefined, (e: unknown) => e);
        expect(error, sql).toBeInstanceOf(DatabaseError);
        // 25006: read-only transaction; 42501: no privilege; 42P01: no such sequence.
        expect(['25006', '42501', '42P01'], sql).toContain((error as DatabaseError).sqlState);
      }
      // Even a session that turns read-only off gets nowhere: set_config persists on the pooled connection.
      const error = await db.query("select set_config('default_transaction_read_only', 'off', false), (select count(*) from mart_stripe_payments)")
        .then(() => db.query(WRITES[0]!)).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
    } finally {
      await db.close();
    }
    expect(await counts()).toEqual(before);
  });

  it('the role itself cannot write, nor read beyond the two marts, even with read-only switched off', async () => {
    await admin.query('create table if not exists not_for_the_dashboard (secret text)');
    const reader = new pg.Client({ connectionString: context.readerUrl });
    await reader.connect();
    try {
      const settings = (await reader.query('show default_transaction_read_only')).rows[0];
      expect(settings.default_transaction_read_only).toBe('on');
      await reader.query('set default_transaction_read_only = off');
      const denied: string[] = [];
      // (A GRANT without the grant option is only a warning in PostgreSQL: checked by its effect below.)
      const refusable = WRITES.filter((w) => !/temp table|nextval|^grant/.test(w));
      for (const sql of [...refusable, 'select * from not_for_the_dashboard', 'select * from pg_authid']) {
        const error = await reader.query(sql).then(() => undefined, (e: { code?: string }) => e);
        if (error?.code === '42501') denied.push(sql);
        else throw new Error(`${sql}: expected permission denied, got ${error ? error.code : 'success'}`);
      }
      await reader.query('grant select on mart_stripe_payments to public');
      const granted = await admin.query("select has_table_privilege('public', 'mart_stripe_payments', 'select') as granted");
      expect(granted.rows[0].granted).toBe(false);
      reportFigure('read-only: statements the role is refused with read-only off', `${denied.length} of ${denied.length} (permission denied)`);
    } finally {
      await reader.end();
      await admin.query('drop table if exists not_for_the_dashboard');
    }
  });

  it("the README's SQL block is src/marts/read-only-role.sql with example names", () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const block = /### A read-only database role[\s\S]*?```sql\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'README has the read-only role SQL block').toBeDefined();
    const rendered = renderReadOnlyRoleSql({ ...TEST_MART_CONFIG, role: 'dashboard_reader', password: 'change-me', database: 'analytics', martSchema: 'analytics' });
    const statements = (sql: string) => sql.split('\n').map((line) => line.replace(/--.*$/, '').replaceAll('"', '').trim()).filter(Boolean);
    expect(statements(block!)).toEqual(statements(rendered));
  });

  it('leaked no secret', () => {
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
  });
});
