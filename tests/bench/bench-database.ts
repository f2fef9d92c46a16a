import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

/**
 * The benchmark's dedicated database on the running PostgreSQL, seeded once with `npm run seed`
 * and reused while it still holds the expected number of charges.
 */
export async function ensureBenchDatabase(adminUrl: string, name: string, charges: number): Promise<{ url: string; seededNow: boolean; seedSeconds?: number }> {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  if (!exists) await admin.query(`create database "${name}"`);
  await admin.end();

  if (exists && (await chargeCount(url.toString())) === charges) return { url: url.toString(), seededNow: false };
  console.log(`Seeding ${charges.toLocaleString('en-US')} charges into ${name}…`);
  const started = performance.now();
  execFileSync(process.execPath, ['src/cli/seed.ts', '--database-url', url.toString(), '--charges', String(charges)], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
  });
  return { url: url.toString(), seededNow: true, seedSeconds: (performance.now() - started) / 1000 };
}

async function chargeCount(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>('select count(*) as n from mart_stripe_payments');
    return Number(result.rows[0]!.n);
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
