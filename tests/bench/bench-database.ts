import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

/** The demo generator's modules (and the loaders beside them), in a stable order. */
export const DEMO_SOURCES: readonly string[] = readdirSync(join(PROJECT_ROOT, 'src/demo'))
  .filter((name) => name.endsWith('.ts'))
  .sort()
  .map((name) => `src/demo/${name}`);

/** Everything that shapes the seeded data and its indexes: a change to any of them means a reseed. */
const SEED_INPUTS = [
  'src/marts/schema.sql', 'src/marts/indexes.sql', 'src/marts/dbt/mart_stripe_payments_daily.sql',
  'src/marts/dbt/mart_stripe_payments_acceptance.sql', 'src/marts/dbt/mart_stripe_payments_failures.sql',
  'src/marts/dbt/mart_stripe_payments_retry_hygiene.sql', 'src/marts/dbt/mart_stripe_payments_alert_slots.sql',
  'src/marts/stripe_decline_codes.csv', ...DEMO_SOURCES, 'src/cli/seed.ts',
];

function seedFingerprint(charges: number): string {
  const hash = createHash('sha256').update(String(charges));
  for (const file of SEED_INPUTS) hash.update(readFileSync(join(PROJECT_ROOT, file)));
  return `dashboard-bench ${hash.digest('hex').slice(0, 16)}`;
}

/**
 * The benchmark's dedicated database on the running PostgreSQL, seeded with `npm run seed` and
 * reused while it was seeded by the same schema, indexes, generator and charge count (a table
 * comment holds their fingerprint).
 */
export async function ensureBenchDatabase(adminUrl: string, name: string, charges: number): Promise<{ url: string; seededNow: boolean; seedSeconds?: number }> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database "${name}"`);
  await admin.end();

  const fingerprint = seedFingerprint(charges);
  if (exists && (await seededWith(url.toString())) === fingerprint) return { url: url.toString(), seededNow: false };
  console.log(`Seeding ${charges.toLocaleString('en-US')} charges into ${name}…`);
  const started = performance.now();
  execFileSync(process.execPath, ['src/cli/seed.ts', '--database-url', url.toString(), '--charges', String(charges)], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  await withClient(url.toString(), (client) => client.query(`comment on table mart_stripe_payments is '${fingerprint}'`));
  return { url: url.toString(), seededNow: true, seedSeconds: (performance.now() - started) / 1000 };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function seededWith(url: string): Promise<string | undefined> {
  return withClient(url, async (client) => {
    const result = await client.query<{ comment: string | null }>("select obj_description(to_regclass('mart_stripe_payments'), 'pg_class') as comment");
    return result.rows[0]?.comment ?? undefined;
  });
}
