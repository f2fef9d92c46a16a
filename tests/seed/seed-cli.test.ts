import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/postgres.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `node src/cli/seed.ts …` the way `npm run seed` does (plain Node type stripping). */
function runSeed(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['src/cli/seed.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('npm run seed: bad input', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no --database-url (DATABASE_URL is not enough)', ['--charges', '10'], /--database-url is required/],
    ['a URL that is not one', ['--database-url', 'not a url:secret'], /--database-url is not a valid URL/],
    ['another protocol', ['--database-url', 'mysql://u:p@h/db'], /must start with postgresql:\/\//],
    ['charges not a number', ['--database-url', 'postgresql://localhost/x', '--charges', 'lots'], /--charges must be a whole number/],
    ['charges out of range', ['--database-url', 'postgresql://localhost/x', '--charges', '0'], /--charges must be between 1 and/],
    ['bad date', ['--database-url', 'postgresql://localhost/x', '--end-date', '2026-02-30'], /--end-date must be a date as YYYY-MM-DD/],
    ['bad schema', ['--database-url', 'postgresql://localhost/x', '--schema', 'a;drop'], /--schema "a;drop" is not a valid identifier/],
    ['bad zone', ['--database-url', 'postgresql://localhost/x', '--timezone', 'Mars/Olympus'], /--timezone "Mars\/Olympus" is not an IANA time zone/],
    ['unknown flag', ['--databse-url', 'postgresql://localhost/x'], /Unknown option '--databse-url'/],
    ['unreachable database', ['--database-url', 'postgresql://postgres:s3cret@127.0.0.1:1/x', '--charges', '10'], /cannot connect to the database \(connect ECONNREFUSED 127\.0\.0\.1:1\)/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: one line on stderr, exit 1`, async () => {
      const result = await runSeed(args, { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/^seed: /);
      expect(result.stderr).not.toMatch(/s3cret|\bat .*\.ts:\d+/);
    });
  }
});

it('without the flags, a bad MART_SCHEMA or REPORTING_TIMEZONE is named as the server names it, in one line', async () => {
  const url = ['--database-url', 'postgresql://localhost/x'];
  const schema = await runSeed(url, { MART_SCHEMA: 'a;drop' });
  expect(schema.code).toBe(1);
  expect(schema.stderr).toBe('seed: MART_SCHEMA: "a;drop" is not a valid identifier (letters, digits and _, not starting with a digit, at most 63 characters)\n');
  const zone = await runSeed(url, { REPORTING_TIMEZONE: 'Mars/Olympus' });
  expect(zone.code).toBe(1);
  expect(zone.stderr).toBe('seed: REPORTING_TIMEZONE: "Mars/Olympus" is not an IANA time zone (e.g. UTC, Europe/Paris)\n');
});

it('--help prints the usage and exits 0', async () => {
  const result = await runSeed(['--help']);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(/^usage: npm run seed -- --database-url /);
});

describe('npm run seed: loading a database', () => {
  let scratch: ScratchDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    scratch = await createScratchDatabase('dash_seed_cli');
    client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await scratch?.drop();
  });

  const count = async (table: string) => {
    const { rows } = await client.query<{ n: number; attempts: number | null; latest: Date | null }>(
      `select (select count(*)::int from ${table}) as n,
              (select sum(total_attempts)::int from ${table}_daily) as attempts,
              (select max(created_at) from ${table}) as latest`,
    );
    return rows[0]!;
  };

  it('creates the marts in the schema, and replaces them when run again', async () => {
    const args = ['--database-url', scratch.url, '--days', '60', '--end-date', '2026-06-30', '--schema', 'demo', '--timezone', 'America/New_York'];
    const first = await runSeed([...args, '--charges', '3000']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^seeded 3000 charges \(60 days to 2026-06-30T23:59:59\.000Z, seed \d+\) into "demo"\."mart_stripe_payments" and "demo"\."mart_stripe_payments_daily" in \d+\.\d s\n$/);
    expect(await count('demo.mart_stripe_payments')).toEqual({ n: 3000, attempts: 3000, latest: expect.any(Date) });
    expect((await count('demo.mart_stripe_payments')).latest!.getTime()).toBeLessThanOrEqual(Date.parse('2026-06-30T23:59:59Z'));
    // Indexes came with it.
    const { rows: indexes } = await client.query(`select indexname from pg_indexes where schemaname = 'demo' and tablename = 'mart_stripe_payments'`);
    expect(indexes.length).toBeGreaterThanOrEqual(5);
    // Every mart was vacuumed, the rollups too: index-only scans need the visibility map.
    const { rows: visible } = await client.query<{ relname: string; allVisible: boolean }>(
      `select relname, relallvisible = relpages as "allVisible" from pg_class where relnamespace = 'demo'::regnamespace and relkind = 'r' order by relname`,
    );
    expect(visible).toEqual(['mart_stripe_payments', 'mart_stripe_payments_acceptance', 'mart_stripe_payments_alert_slots', 'mart_stripe_payments_daily',
      'mart_stripe_payments_failures', 'mart_stripe_payments_retry_hygiene'].map((relname) => ({ relname, allVisible: true })));

    const second = await runSeed([...args, '--charges', '1500', '--seed', '7']);
    expect(second.code).toBe(0);
    expect(await count('demo.mart_stripe_payments')).toMatchObject({ n: 1500, attempts: 1500 });
  });

  it('leaves the old data in place when loading fails', async () => {
    // A view with the mart's name cannot be dropped as a table: the load fails inside its transaction.
    await client.query('create schema if not exists broken; create table broken.mart_stripe_payments_daily (x int); create view broken.mart_stripe_payments as select 1 as x');
    const result = await runSeed(['--database-url', scratch.url, '--charges', '100', '--schema', 'broken']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^seed: loading failed, nothing was changed: .*is not a table/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const { rows } = await client.query(`select count(*)::int as n from broken.mart_stripe_payments_daily`);
    expect(rows[0]).toEqual({ n: 0 });
    const { rows: still } = await client.query(`select table_name from information_schema.tables where table_schema = 'broken' order by 1`);
    expect(still.map((row) => row.table_name)).toEqual(['mart_stripe_payments', 'mart_stripe_payments_daily']);
  });
});
