import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildMarts } from '../../src/marts/build/build-marts.ts';
import { LOADERS, type Loader } from '../../src/marts/build/mart-build-settings.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { PROJECT_ROOT } from '../helpers/node-build.ts';
import { DEMO_SOURCES } from './bench-database.ts';
import { rawFromMartRow } from '../marts/raw-from-mart.ts';
import { createAirbyteTables, createFivetranTables, loadAirbyteCharges, loadFivetranCharges } from '../marts/raw-loaders.ts';

/** What shapes the raw data: a change to any of them means a reload. */
const RAW_INPUTS = [...DEMO_SOURCES, 'tests/marts/raw-loaders.ts', 'tests/marts/raw-from-mart.ts'];
const END_DATE = new Date('2026-11-30T23:59:59Z');

export interface MartsBuildMeasurement {
  source: Loader;
  rawCharges: number;
  /** Loading the raw tables, when this run had to (reused otherwise). */
  loadSeconds: number | null;
  /** `npm run marts:build` end to end: checks, the marts, indexes, VACUUM ANALYZE. */
  buildSeconds: number;
  /**
   * CPU time the build's PostgreSQL backend spent (from /proc, the server being local): what the
   * build costs whatever else the machine is running; null when /proc cannot be read.
   */
  backendCpuSeconds: number | null;
  paymentsRows: number;
  dailyRows: number;
  acceptanceRows: number;
}

function fingerprint(charges: number): string {
  const hash = createHash('sha256').update(String(charges));
  for (const file of RAW_INPUTS) hash.update(readFileSync(join(PROJECT_ROOT, file)));
  return `marts-build-bench ${hash.digest('hex').slice(0, 16)}`;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** utime + stime of a local process, in seconds (fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number | null {
  const path = `/proc/${pid}/stat`;
  if (!existsSync(path)) return null;
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Loads `charges` generated charges as `source` lands them into schema raw_<source>, unless already there. */
async function ensureRawTables(client: pg.Client, source: Loader, charges: number): Promise<number | null> {
  const schema = `raw_${source}`;
  const mark = fingerprint(charges);
  const { rows } = await client.query<{ comment: string | null }>(
    "select obj_description(oid, 'pg_namespace') as comment from pg_namespace where nspname = $1", [schema]);
  if (rows[0]?.comment === mark) return null;
  console.log(`Loading ${charges.toLocaleString('en-US')} raw charges as ${source} lands them…`);
  const started = performance.now();
  await client.query(`drop schema if exists ${schema} cascade`);
  const raw = (function* () {
    for (const row of generateCharges({ charges, endDate: END_DATE })) yield rawFromMartRow(row, source);
  })();
  if (source === 'fivetran') {
    await createFivetranTables(client, schema);
    await loadFivetranCharges(client, schema, raw);
  } else {
    await createAirbyteTables(client, schema);
    await loadAirbyteCharges(client, schema, raw);
  }
  await client.query(`vacuum analyze`);
  await client.query(`comment on schema ${schema} is '${mark}'`);
  return (performance.now() - started) / 1000;
}

/**
 * 1M raw charges (by default) → both marts, for each loader: the time `npm run marts:build`
 * takes, measured on a dedicated database (dash_bench_raw) whose raw tables are kept between runs.
 */
export async function measureMartsBuild(adminUrl: string, charges: number, databaseName = 'dash_bench_raw'): Promise<MartsBuildMeasurement[]> {
  const url = await ensureDatabase(adminUrl, databaseName);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const measurements: MartsBuildMeasurement[] = [];
  try {
    for (const source of LOADERS) {
      const loadSeconds = await ensureRawTables(client, source, charges);
      console.log(`Building the marts from ${source} tables…`);
      const { rows: [backend] } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      const cpuBefore = cpuSeconds(backend!.pid);
      const result = await buildMarts(client, {
        source, rawSchema: `raw_${source}`, martSchema: `marts_${source}`,
        paymentsTable: 'mart_stripe_payments', dailyTable: 'mart_stripe_payments_daily', reportingTimezone: 'UTC',
        funnelMetadataKey: 'funnel', profileMetadataKey: 'profile_id',
      });
      const cpuAfter = cpuSeconds(backend!.pid);
      measurements.push({
        source, rawCharges: charges, loadSeconds: loadSeconds === null ? null : Math.round(loadSeconds * 10) / 10,
        buildSeconds: Math.round(result.seconds * 10) / 10,
        backendCpuSeconds: cpuBefore === null || cpuAfter === null ? null : Math.round((cpuAfter - cpuBefore) * 10) / 10,
        paymentsRows: result.payments, dailyRows: result.daily, acceptanceRows: result.acceptance,
      });
    }
  } finally {
    await client.end();
  }
  return measurements;
}

export function martsBuildMarkdown(measurements: readonly MartsBuildMeasurement[]): string {
  return [
    '| marts:build from | raw charges | build s | its backend\'s CPU s | mart_stripe_payments rows | daily rows | acceptance rows |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...measurements.map((m) => `| ${m.source} | ${m.rawCharges.toLocaleString('en-US')} | ${m.buildSeconds} | ${m.backendCpuSeconds ?? '–'} | ` +
      `${m.paymentsRows.toLocaleString('en-US')} | ${m.dailyRows.toLocaleString('en-US')} | ${m.acceptanceRows.toLocaleString('en-US')} |`),
    `Machine load average while it ran: ${loadavg().map((n) => n.toFixed(1)).join(', ')} (${cpus().length} cores).`,
  ].join('\n');
}
