import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMarts } from '../../src/marts/build/build-marts.ts';
import { buildSettings, createRawDatabase, martRows, RAW_SCHEMA, type RawDatabase } from './build-support.ts';
import { expectedRows, RAW_CHARGES } from './raw-fixture.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `node src/cli/marts-build.ts …` as `npm run marts:build` does. */
function runBuild(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['src/cli/marts-build.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectOneLineFailure(result: { code: number; stdout: string; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^marts:build: /);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/s3cret|\bat .*\.ts:\d+/);
}

describe('npm run marts:build: bad arguments', () => {
  const url = ['--database-url', 'postgresql://localhost/x'];
  const cases: Array<[string, string[], RegExp]> = [
    ['no --source', ['--raw-schema', 'stripe', ...url], /--source is required: fivetran or airbyte/],
    ['an unknown loader', ['--source', 'stitch', '--raw-schema', 'stripe', ...url], /--source must be fivetran or airbyte, got "stitch"/],
    ['no --raw-schema', ['--source', 'fivetran', ...url], /--raw-schema is required/],
    ['a raw schema that is no identifier', ['--source', 'fivetran', '--raw-schema', 'stripe; drop', ...url], /--raw-schema "stripe; drop" is not a valid identifier/],
    ['no --database-url', ['--source', 'airbyte', '--raw-schema', 'stripe'], /--database-url is required/],
    ['a URL that is not one', ['--source', 'airbyte', '--raw-schema', 'stripe', '--database-url', 'not a url:s3cret'], /--database-url is not a valid URL/],
    ['a bad mart schema', ['--source', 'airbyte', '--raw-schema', 'stripe', ...url, '--schema', '1x'], /--schema "1x" is not a valid identifier/],
    ['a bad zone', ['--source', 'airbyte', '--raw-schema', 'stripe', ...url, '--timezone', 'Mars/Olympus'], /--timezone "Mars\/Olympus" is not an IANA time zone/],
    ['a metadata key with a quote', ['--source', 'airbyte', '--raw-schema', 'stripe', ...url, '--funnel-key', "it's"], /--funnel-key "it's" is not a metadata key/],
    ['an unknown flag', ['--source', 'airbyte', '--raw-schema', 'stripe', ...url, '--shema', 'x'], /Unknown option '--shema'/],
    ['an unreachable database', ['--source', 'fivetran', '--raw-schema', 'stripe', '--database-url', 'postgresql://postgres:s3cret@127.0.0.1:1/x'], /cannot connect to the database \(connect ECONNREFUSED 127\.0\.0\.1:1\)/],
  ];
  for (const [name, args, message] of cases) {
    it(`${name}: one line on stderr, exit 1`, async () => {
      expectOneLineFailure(await runBuild(args, { DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' }), message);
    });
  }

  it('--help prints the usage and exits 0', async () => {
    const result = await runBuild(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run marts:build -- --source fivetran\|airbyte --raw-schema SCHEMA --database-url /);
  });
});

describe('npm run marts:build against a database', () => {
  let raw: RawDatabase;
  const args = () => ['--source', 'fivetran', '--raw-schema', RAW_SCHEMA, '--database-url', raw.url];
  const roles: string[] = [];

  beforeAll(async () => {
    raw = await createRawDatabase('fivetran', RAW_CHARGES);
  });
  afterAll(async () => {
    for (const role of roles) await raw.client.query(`drop owned by ${role}; drop role ${role}`).catch(() => undefined);
    await raw?.close();
  });
  beforeEach(async () => {
    // Each case starts from built marts, so a refusal can be seen to leave them as they were.
    await buildMarts(raw.client, buildSettings('fivetran'));
  });

  async function withRole(name: string, options: string): Promise<string> {
    const role = `${name}_${process.pid}`;
    await raw.client.query(`create role ${role} login ${options}`);
    roles.push(role);
    const url = new URL(raw.url);
    url.username = role;
    return url.toString();
  }

  it('prints the row counts and the time taken', async () => {
    const result = await runBuild(args());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const rows = expectedRows('fivetran').length;
    expect(result.stdout).toMatch(new RegExp(`^built "public"\\."mart_stripe_payments": ${rows} rows; "public"\\."mart_stripe_payments_daily": \\d+ rows; "public"\\."mart_stripe_payments_acceptance": \\d+ rows; "public"\\."mart_stripe_payments_failures": \\d+ rows; "public"\\."mart_stripe_payments_retry_hygiene": \\d+ rows; "public"\\."mart_stripe_payments_alert_slots": \\d+ rows \\(from fivetran tables in ${RAW_SCHEMA}\\) in \\d+\\.\\d s\\n$`));
  });

  it('builds into --schema, creating it', async () => {
    const result = await runBuild([...args(), '--schema', 'analytics']);
    expect(result.code).toBe(0);
    expect(await martRows(raw.client, 'analytics.mart_stripe_payments')).toEqual(expectedRows('fivetran'));
  });

  const gaps: Array<[string, string, RegExp]> = [
    ['a missing raw table', `drop table ${RAW_SCHEMA}.card`, /^marts:build: raw table stripe_raw\.card is missing \(or this role may not read it\): Fivetran's Stripe connector lands it\n$/],
    ['a missing raw column', `alter table ${RAW_SCHEMA}.charge drop column outcome_reason`, /^marts:build: raw column stripe_raw\.charge\.outcome_reason is missing\n$/],
    ['a column of another type', `alter table ${RAW_SCHEMA}.charge alter column created type timestamptz`, /^marts:build: raw column stripe_raw\.charge\.created is timestamp with time zone, expected timestamp without time zone/],
    ['another schema', `select 1`, /^marts:build: raw schema "stripe_elsewhere" does not exist/],
  ];
  for (const [name, change, message] of gaps) {
    it(`${name} stops it with one line naming it, and the marts stay as they were`, async () => {
      await raw.client.query('begin');
      try {
        await raw.client.query(change);
        await raw.client.query('commit');
        const schemaArgs = name === 'another schema' ? args().map((a) => (a === RAW_SCHEMA ? 'stripe_elsewhere' : a)) : args();
        const result = await runBuild(schemaArgs);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(message);
        expect(await martRows(raw.client)).toEqual(expectedRows('fivetran'));
      } finally {
        await raw.close();
        raw = await createRawDatabase('fivetran', RAW_CHARGES);
        await buildMarts(raw.client, buildSettings('fivetran'));
      }
    });
  }

  it("refuses the dashboard's read-only role", async () => {
    const url = await withRole('dash_ro', '');
    await raw.client.query(`alter role dash_ro_${process.pid} set default_transaction_read_only = on`);
    expectOneLineFailure(await runBuild([...args().slice(0, -1), url]), /role dash_ro_\d+ is read-only \(default_transaction_read_only = on\), like the dashboard's: build the marts with a role that may write schema public/);
    expect(await martRows(raw.client)).toEqual(expectedRows('fivetran'));
  });

  it('refuses a role that may not create tables in the mart schema', async () => {
    const url = await withRole('dash_nocreate', '');
    await raw.client.query(`revoke create on schema public from public`);
    expectOneLineFailure(await runBuild([...args().slice(0, -1), url]), /role dash_nocreate_\d+ may not create tables in schema public/);
  });

  it('refuses to put a mart where a raw table is', async () => {
    const result = await runBuild([...args(), '--schema', RAW_SCHEMA], { MART_PAYMENTS_TABLE: 'charge' });
    expectOneLineFailure(result, /mart table stripe_raw\.charge would replace a raw table: use another --schema/);
  });
});
