/**
 * What the command-line tools that write marts (seed, marts:build) share: flags checked with one
 * clear line each, a connection that gives up in time, errors reported without a stack.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { parseMartNames, parseReportingTimezone, type MartNames } from '../config/config.ts';
import { databaseUrlProblem, identifierProblem, timeZoneProblem } from '../config/validators.ts';

/** A problem worth one line to the user; anything else is reported the same way, without a stack. */
export class CliError extends Error {}

const CONNECT_TIMEOUT_MS = 15_000;

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values;
  } catch (error) {
    // parseArgs' own messages are clear but long; keep their first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0]!.replace(/\.$/, '') : String(error);
    throw new CliError(`${message} (see --help)`);
  }
}

/** `--name N`: a whole number (underscores allowed: 10_000_000) from min to max, else `fallback` when absent. */
export function wholeNumberFlag(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const text = raw.replace(/_/g, '');
  if (!/^-?\d+$/.test(text)) throw new CliError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new CliError(`--${name} must be between ${min} and ${max}, got ${raw}`);
  }
  return value;
}

/** A flag checked like the setting it stands for (src/config/validators.ts). */
function checkedFlag(flag: string, value: string, problemOf: (value: string) => string | undefined): string {
  const problem = problemOf(value);
  if (problem) throw new CliError(`${flag} ${problem}`);
  return value;
}

export function identifierFlag(flag: string, raw: string): string {
  return checkedFlag(flag, raw, identifierProblem);
}

export type MartFlagSettings = MartNames & { reportingTimezone: string };

/**
 * Where the tools that write marts put them: --schema and --timezone as given, else the
 * environment through the one config parser (MART_SCHEMA, MART_*_TABLE, REPORTING_TIMEZONE),
 * so a bad variable is named the way the server names it.
 */
export function martFlagSettings(flags: { schema?: string | undefined; timezone?: string | undefined }): MartFlagSettings {
  const fromEnv = parseMartNames(process.env);
  return {
    ...fromEnv,
    martSchema: flags.schema === undefined ? fromEnv.martSchema : identifierFlag('--schema', flags.schema),
    reportingTimezone: flags.timezone === undefined ? parseReportingTimezone(process.env) : checkedFlag('--timezone', flags.timezone, timeZoneProblem),
  };
}

/** --database-url, spelled out: these tools replace tables, so they never fall back to DATABASE_URL. */
export function databaseUrlFlag(raw: string | undefined, why: string): string {
  if (raw === undefined || raw.trim() === '') throw new CliError(`--database-url is required (${why}, so it never falls back to DATABASE_URL)`);
  return checkedFlag('--database-url', raw, databaseUrlProblem);
}

/** One line from any error: pg's message (which never contains the URL) or the socket error code. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const text = message || code || 'unknown error';
  return text.replace(/\s+/g, ' ').trim();
}

/** Opens a connection with `open`, or fails with one line within 15 s. */
export async function connectInTime<T>(open: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CliError(`cannot connect to the database: no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([open(), timeout]);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot connect to the database (${describeError(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the module at `moduleUrl` is the file node was started with. Both sides are compared as
 * real paths: ESM resolves the main module's symlinks, argv[1] keeps them (an app root whose
 * dist-node/ is a link to a build, as the tests start the Procfile's bundle).
 */
export function isEntryPoint(moduleUrl: string): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    // argv[1] is no file (node -e, a REPL): this module was imported, not run.
    return false;
  }
}

/**
 * Runs `main` when the module at `moduleUrl` is the script node was started with; any failure is
 * one line on stderr, prefixed with the tool's name, and exit code 1.
 */
export async function runAsScript(moduleUrl: string, tool: string, main: (argv: readonly string[]) => Promise<number>, oneLine: (error: unknown) => string = describeError): Promise<void> {
  if (!isEntryPoint(moduleUrl)) return;
  const fail = (error: unknown) => {
    console.error(`${tool}: ${error instanceof CliError ? error.message : oneLine(error)}`);
    process.exitCode = 1;
  };
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
