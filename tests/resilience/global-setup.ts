import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { buildNodeVariant, PROJECT_ROOT } from '../helpers/node-build.ts';
import { ADMIN_URL, createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';
import type { Dataset, ResilienceContext } from './lib/context.ts';
import { createReadOnlyRole, dropReadOnlyRole, roleUrl } from './lib/read-only-role.ts';

/** Enough rows that unindexed or quadratic work shows, small enough to seed in seconds. */
export const SUITE_CHARGES = Number(process.env.RESILIENCE_CHARGES ?? 100_000);
const END_DATE = new Date('2026-06-30T20:00:00Z');

async function describeDataset(url: string): Promise<Dataset> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T extends Record<string, unknown>>(text: string) => (await client.query<T>(text)).rows;
    const [range] = await q<{ first: string; last: string; n: string }>(
      "select to_char(min(created_at at time zone 'UTC'), 'YYYY-MM-DD') as first, to_char(max(created_at at time zone 'UTC'), 'YYYY-MM-DD') as last, count(*) as n from mart_stripe_payments");
    const distinct = async (column: string) => (await q<{ v: string }>(`select distinct ${column} as v from mart_stripe_payments where ${column} is not null order by 1`)).map((r) => r.v);
    const sample = async (column: string, where = 'true') =>
      (await q<{ v: string }>(`select ${column} as v from mart_stripe_payments where ${column} is not null and ${where} order by md5(charge_id) limit 200`)).map((r) => r.v);
    return {
      charges: Number(range!.n),
      firstDate: range!.first,
      lastDate: range!.last,
      currencies: await distinct('currency'),
      funnels: await distinct('funnel'),
      brands: await distinct('card_brand'),
      chargeIds: await sample('charge_id'),
      intentIds: [...new Set(await sample('payment_intent_id'))],
      customerIds: [...new Set(await sample('customer_id'))],
      retriedChargeIds: await sample('charge_id', 'attempt_number > 1'),
    };
  } finally {
    await client.end();
  }
}

/**
 * Once per run: build the Node variant, seed a scratch database on the running PostgreSQL with
 * generated charges, create the read-only role from src/marts/read-only-role.sql on it, and hand
 * every file the role's URL (what the app connects as) and the run's secrets.
 */
export default async function setup(project: TestProject) {
  const started = performance.now();
  const reuseBuild = process.env.TEST_NODE_BUILD_DIR;
  // Inside the project (.tmp/ is ignored by git): a build under /tmp cannot resolve the packages
  // its prerender step imports from node_modules.
  mkdirSync(join(PROJECT_ROOT, '.tmp'), { recursive: true });
  const buildDir = reuseBuild ?? mkdtempSync(join(PROJECT_ROOT, '.tmp', 'resilience-build-'));
  const workDir = mkdtempSync(join(tmpdir(), 'dashboard-resilience-'));
  const figuresFile = join(workDir, 'figures.jsonl');
  writeFileSync(figuresFile, '');
  const readerRole = `dash_reader_${process.pid}_${randomBytes(3).toString('hex')}`;
  let scratch: ScratchDatabase | undefined;
  let roleCreated = false;

  const cleanup = async () => {
    if (scratch) await scratch.drop().catch((error) => console.error(`could not drop ${scratch?.name}: ${error}`));
    if (roleCreated) await dropReadOnlyRole(ADMIN_URL, readerRole).catch((error) => console.error(`could not drop role ${readerRole}: ${error}`));
    if (!reuseBuild) rmSync(buildDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  };

  try {
    if (!reuseBuild) buildNodeVariant(buildDir);
    const built = performance.now();
    scratch = await createMartDatabase(generateCharges({ charges: SUITE_CHARGES, endDate: END_DATE, seed: 8 }));
    const seeded = performance.now();
    const readerPassword = randomBytes(18).toString('hex');
    roleCreated = true;
    await createReadOnlyRole(scratch.url, { role: readerRole, password: readerPassword, database: scratch.name, ...TEST_MART_CONFIG });
    const dataset = await describeDataset(scratch.url);
    console.log(`[setup] Node build ${((built - started) / 1000).toFixed(1)} s${reuseBuild ? ' (reused)' : ''}; ` +
      `${dataset.charges.toLocaleString('en-US')} charges seeded in ${((seeded - built) / 1000).toFixed(1)} s ` +
      `(${dataset.firstDate}..${dataset.lastDate}); app connects as role ${readerRole}`);

    const context: ResilienceContext = {
      nodeBuildDir: buildDir,
      adminDatabaseUrl: scratch.url,
      readerUrl: roleUrl(ADMIN_URL, readerRole, readerPassword, scratch.name),
      readerRole,
      readerPassword,
      dashboardPassword: `pw-${randomBytes(12).toString('base64url')}`,
      sessionSecret: randomBytes(48).toString('base64url'),
      figuresFile,
      dataset,
    };
    project.provide('resilience', context);
  } catch (error) {
    await cleanup();
    throw error;
  }

  return async () => {
    const figures = existsSync(figuresFile)
      ? readFileSync(figuresFile, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { name: string; text: string })
      : [];
    if (figures.length > 0) {
      const width = Math.max(...figures.map((f) => f.name.length));
      console.log(`\nResilience figures (${((performance.now() - started) / 1000).toFixed(0)} s in all)\n${figures.map((f) => `  ${f.name.padEnd(width)}  ${f.text}`).join('\n')}\n`);
    }
    await cleanup();
  };
}
