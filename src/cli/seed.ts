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
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isValidIdentifier } from '../db/identifiers.ts';
import { martTables } from '../marts/mart-tables.ts';
import { DEFAULT_DAYS, DEFAULT_SEED, generateCharges } from '../seed/generate-charges.ts';
import { loadMarts } from '../seed/install-marts.ts';
import { pgWriter, type MartWriter } from '../seed/mart-writer.ts';

const USAGE =
  'usage: npm run seed -- --database-url postgresql://user@host:5432/db [--charges 1000000] [--days 200] ' +
  '[--seed N] [--end-date YYYY-MM-DD] [--schema public] [--timezone UTC]';
const DEFAULT_CHARGES = 1_000_000;
const MAX_CHARGES = 50_000_000;
const CONNECT_TIMEOUT_MS = 15_000;

/** A problem worth one line to the user; anything else is reported the same way, without a stack. */
class SeedError extends Error {}

interface SeedOptions {
  databaseUrl: string;
  charges: number;
  days: number;
  seed: number;
  endDate: Date;
  martSchema: string;
  paymentsTable: string;
  dailyTable: string;
  reportingTimezone: string;
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.replace(/_/g, '');
  if (!/^-?\d+$/.test(text)) throw new SeedError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new SeedError(`--${name} must be between ${min} and ${max}, got ${raw}`);
  }
  return value;
}

function identifier(name: string, raw: string | undefined, fallback: string): string {
  const value = raw ?? fallback;
  if (!isValidIdentifier(value)) {
    throw new SeedError(`${name} "${value}" is not a valid identifier (letters, digits and _, not starting with a digit)`);
  }
  return value;
}

/** --end-date YYYY-MM-DD: the data runs to the end of that UTC day. Without it: up to now. */
function endDateOf(raw: string | undefined): Date {
  if (raw === undefined) return new Date();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const date = match ? new Date(`${raw}T23:59:59Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw) {
    throw new SeedError(`--end-date must be a date as YYYY-MM-DD, got "${raw}"`);
  }
  return date;
}

function timeZone(raw: string | undefined): string {
  const zone = raw ?? process.env.REPORTING_TIMEZONE?.trim() ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new SeedError(`--timezone "${zone}" is not an IANA time zone (e.g. UTC, Europe/Paris)`);
  }
  return zone;
}

function databaseUrl(raw: string | undefined): string {
  if (raw === undefined || raw.trim() === '') {
    throw new SeedError('--database-url is required (the seed drops and recreates the mart tables, so it never falls back to DATABASE_URL)');
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // Never echo the value: it may hold a password.
    throw new SeedError('--database-url is not a valid URL (expected postgresql://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new SeedError(`--database-url must start with postgresql:// (got ${url.protocol}//)`);
  }
  return raw;
}

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'database-url': { type: 'string' },
        charges: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        'end-date': { type: 'string' },
        schema: { type: 'string' },
        timezone: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    // parseArgs' own messages are clear but long; keep their first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0]!.replace(/\.$/, '') : String(error);
    throw new SeedError(`${message} (see --help)`);
  }
}

export function parseSeedArgs(argv: readonly string[]): SeedOptions | 'help' {
  const values = parseFlags(argv);
  if (values.help) return 'help';
  return {
    databaseUrl: databaseUrl(values['database-url']),
    charges: wholeNumber('charges', values.charges, DEFAULT_CHARGES, 1, MAX_CHARGES),
    days: wholeNumber('days', values.days, DEFAULT_DAYS, 1, 3660),
    seed: wholeNumber('seed', values.seed, DEFAULT_SEED, -0x80000000, 0xffffffff),
    endDate: endDateOf(values['end-date']),
    martSchema: identifier('--schema', values.schema, process.env.MART_SCHEMA?.trim() || 'public'),
    paymentsTable: identifier('MART_PAYMENTS_TABLE', undefined, process.env.MART_PAYMENTS_TABLE?.trim() || 'mart_stripe_payments'),
    dailyTable: identifier('MART_DAILY_TABLE', undefined, process.env.MART_DAILY_TABLE?.trim() || 'mart_stripe_payments_daily'),
    reportingTimezone: timeZone(values.timezone),
  };
}

async function connect(url: string): Promise<MartWriter> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SeedError(`cannot connect to the database: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([pgWriter(url), timeout]);
  } catch (error) {
    if (error instanceof SeedError) throw error;
    throw new SeedError(`cannot connect to the database (${describe(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

/** One line from any error: pg's message (which never contains the URL) or the socket error code. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const text = message || code || 'unknown error';
  return text.replace(/\s+/g, ' ').trim();
}

export async function seed(options: SeedOptions): Promise<{ rows: number; seconds: number }> {
  const started = performance.now();
  const writer = await connect(options.databaseUrl);
  try {
    const tables = martTables(options);
    let rows: number;
    try {
      await writer.exec('begin');
      await writer.exec(`drop table if exists ${tables.payments}, ${tables.daily}`);
      rows = await loadMarts(
        writer,
        generateCharges({ charges: options.charges, endDate: options.endDate, days: options.days, seed: options.seed }),
        options,
      );
      await writer.exec('commit');
    } catch (error) {
      await writer.exec('rollback').catch(() => undefined);
      throw new SeedError(`loading failed, nothing was changed: ${describe(error)}`);
    }
    // Outside the transaction (VACUUM cannot run in one): index-only scans need the visibility
    // map VACUUM writes, or a fresh seed stays slow until autovacuum comes by.
    try {
      await writer.exec(`vacuum analyze ${tables.payments}`);
      await writer.exec(`vacuum analyze ${tables.daily}`);
    } catch (error) {
      throw new SeedError(`the data is loaded, but VACUUM ANALYZE failed: ${describe(error)}`);
    }
    return { rows, seconds: (performance.now() - started) / 1000 };
  } finally {
    await writer.close().catch(() => undefined);
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

function fail(error: unknown): void {
  const message = error instanceof SeedError ? error.message : describe(error);
  console.error(`seed: ${message}`);
  process.exitCode = 1;
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A dropped connection surfaces as an 'error' event outside any await: still one line.
  process.on('uncaughtException', (error) => {
    fail(error);
    process.exit(1);
  });
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    fail(error);
  }
}
