/**
 * Fills a PostgreSQL database with generated demo charges (benchmarks, staging, trying the
 * dashboard against a real server):
 *
 *   npm run seed -- --database-url postgresql://user@host:5432/db --charges 1000000
 *                   [--days 200] [--seed N] [--end-date YYYY-MM-DD] [--schema public] [--timezone UTC]
 *
 * It DROPS and recreates the two mart tables, in one transaction (readers see the old data or the
 * new, never half). It never reads DATABASE_URL: replacing tables needs the URL spelled out.
 * Runs on Node 22 type stripping: `node src/cli/seed.ts …`.
 */
import { martTables } from '../marts/mart-tables.ts';
import { DEFAULT_DAYS, DEFAULT_SEED, generateCharges } from '../demo/generate-charges.ts';
import { loadMarts } from '../demo/install-marts.ts';
import { pgWriter, type MartWriter } from '../demo/mart-writer.ts';
import {
  CliError, connectInTime, databaseUrlFlag, describeError, martFlagSettings, parseFlags, runAsScript, wholeNumberFlag, type MartFlagSettings,
} from './cli-support.ts';

const USAGE =
  'usage: npm run seed -- --database-url postgresql://user@host:5432/db [--charges 1000000] [--days 200] ' +
  '[--seed N] [--end-date YYYY-MM-DD] [--schema public] [--timezone UTC]';
const DEFAULT_CHARGES = 1_000_000;
export const MAX_CHARGES = 50_000_000;

interface SeedOptions extends MartFlagSettings {
  databaseUrl: string;
  charges: number;
  days: number;
  seed: number;
  endDate: Date;
}

/** --end-date YYYY-MM-DD: the data runs to the end of that UTC day. Without it: up to now. */
function endDateOf(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T23:59:59Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new CliError(`--end-date must be a date as YYYY-MM-DD, got "${raw}"`);
  }
  return date;
}

export function parseSeedArgs(argv: readonly string[]): SeedOptions | 'help' {
  const values = parseFlags(argv, {
    'database-url': { type: 'string' },
    charges: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string' },
    'end-date': { type: 'string' },
    schema: { type: 'string' },
    timezone: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  return {
    databaseUrl: databaseUrlFlag(values['database-url'], 'the seed drops and recreates the mart tables'),
    charges: wholeNumberFlag('charges', values.charges, DEFAULT_CHARGES, 1, MAX_CHARGES),
    days: wholeNumberFlag('days', values.days, DEFAULT_DAYS, 1, 3660),
    seed: wholeNumberFlag('seed', values.seed, DEFAULT_SEED, -0x80000000, 0xffffffff),
    endDate: endDateOf(values['end-date']),
    ...martFlagSettings(values),
  };
}

export async function seed(options: SeedOptions): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const writer: MartWriter = await connectInTime(() => pgWriter(options.databaseUrl, { freeze: true }));
  try {
    const tables = martTables(options);
    let rows: number;
    try {
      await writer.exec('begin');
      // Bulk-load memory for this transaction only (PostgreSQL's "Populating a Database"): index
      // builds sort in memory and in parallel, the rollups aggregate without spilling (10M
      // charges: indexes 133 s → 98 s with the defaults' 64 MB and 4 MB replaced).
      await writer.exec("set local maintenance_work_mem = '1GB'; set local work_mem = '256MB'");
      await writer.exec(`drop table if exists ${tables.payments}, ${tables.daily}`);
      rows = await loadMarts(
        writer,
        generateCharges({ charges: options.charges, endDate: options.endDate, days: options.days, seed: options.seed }),
        options,
      );
      await writer.exec('commit');
    } catch (error) {
      // The load's error is the one to report; PostgreSQL rolls back on disconnect anyway.
      await writer.exec('rollback').catch(() => undefined);
      throw new CliError(`loading failed, nothing was changed: ${describeError(error)}`);
    }
    // Outside the transaction (VACUUM cannot run in one): index-only scans need the visibility
    // map VACUUM writes, or a fresh seed stays slow until autovacuum comes by, which on a server
    // with autovacuum off is never. Every mart: the rollups are read by index-only scans too (the
    // alert slots of 105 days at 10M charges were a bitmap heap scan without it).
    try {
      for (const table of Object.values(tables)) await writer.exec(`vacuum analyze ${table}`);
    } catch (error) {
      throw new CliError(`the data is loaded, but VACUUM ANALYZE failed: ${describeError(error)}`);
    }
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await writer.close().catch(() => undefined); // the outcome is decided; a failed goodbye changes nothing
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseSeedArgs(argv);
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  const { rows, seconds } = await seed(options);
  const tables = martTables(options);
  console.log(
    `seeded ${rows} charges (${options.days} days to ${options.endDate.toISOString()}, seed ${options.seed}) ` +
    `into ${tables.payments} and ${tables.daily} in ${seconds.toFixed(1)} s`,
  );
  return 0;
}

await runAsScript(import.meta.url, 'seed', main);
