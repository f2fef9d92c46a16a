/**
 * Failure-spike alerts from the command line (cron, Heroku Scheduler, backfills, tuning):
 *
 *   npm run alerts                          check "now" (the last scheduled tick) and deliver
 *   npm run alerts -- --at 2026-05-01T10:15:00Z   check as if it were that moment
 *   npm run alerts -- --dry-run             print the events as JSON lines instead of delivering
 *   npm run alerts -- --backtest 2026-04-01..2026-04-30   replay every check over those days
 *   npm run alerts -- --backtest            … over the whole history in the marts
 *
 * Output on stdout is JSON lines only (one per event, or one per episode for --backtest); logs go
 * to stderr. A problem is one line on stderr and exit code 1.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isCalendarDate, todayIn, type DateRange } from '../contract/calendar-date.ts';
import { backtestEpisodes } from '../alerts/backtest.ts';
import { runAlertCheck } from '../alerts/check.ts';
import { configuredChannels, DeliveryError } from '../alerts/deliver.ts';
import { fileLedger } from '../alerts/ledger.ts';
import { ConfigError, parseConfig, type Config } from '../config/config.ts';
import { openConfiguredDatabase } from '../runtime/open-database.ts';
import { DatabaseError } from '../db/database.ts';
import { martTables } from '../marts/mart-tables.ts';
import { getFirstChargeDay } from '../queries/first-charge-day.ts';
import type { MartSource } from '../queries/mart-source.ts';

const USAGE = 'usage: npm run alerts -- [--at <ISO 8601 instant>] [--dry-run] | --backtest [<from>..<to>]';

class UsageError extends Error {}

export interface AlertsCommand {
  at: Date | undefined;
  dryRun: boolean;
  /** undefined: no backtest; 'all': the whole history; else the days asked for. */
  backtest: DateRange | 'all' | undefined;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseAlertsArgs(argv: readonly string[]): AlertsCommand {
  // A bare --backtest (last, or followed by another flag) means the whole history.
  const args = argv.flatMap((arg, i) => (arg === '--backtest' && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? ['--backtest=all'] : [arg]));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { at: { type: 'string' }, 'dry-run': { type: 'boolean' }, backtest: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (values.help) throw new UsageError(USAGE);
  let at: Date | undefined;
  if (values.at !== undefined) {
    at = new Date(values.at);
    if (!INSTANT.test(values.at) || Number.isNaN(at.getTime())) {
      throw new UsageError(`--at must be an ISO 8601 instant with a zone, like 2026-05-01T10:15:00Z (got "${values.at}")`);
    }
  }
  let backtest: AlertsCommand['backtest'];
  if (values.backtest === 'all') backtest = 'all';
  else if (values.backtest !== undefined) {
    const [from, to, extra] = values.backtest.split('..');
    if (extra !== undefined || !from || !to || !isCalendarDate(from) || !isCalendarDate(to)) {
      throw new UsageError(`--backtest takes two dates, <from>..<to> as YYYY-MM-DD..YYYY-MM-DD (got "${values.backtest}")`);
    }
    if (from > to) throw new UsageError(`--backtest: ${from} is after ${to}`);
    backtest = { from, to };
  }
  if (backtest && (at || values['dry-run'])) throw new UsageError(`--backtest prints episodes and delivers nothing; it takes no --at or --dry-run\n${USAGE}`);
  return { at, dryRun: values['dry-run'] ?? false, backtest };
}

async function backtest(source: MartSource, config: Config, request: DateRange | 'all', now: Date): Promise<void> {
  const today = todayIn(config.reportingTimezone, now);
  let range = request;
  if (range === 'all') {
    const first = await getFirstChargeDay(source);
    if (!first) {
      console.error('alerts: the marts hold no charges; nothing to replay');
      return;
    }
    range = { from: first, to: today };
  }
  const started = performance.now();
  const episodes = await backtestEpisodes(source, config.alerts, range, config.reportingTimezone, now);
  for (const episode of episodes) process.stdout.write(`${JSON.stringify(episode)}\n`);
  const ms = performance.now() - started;
  console.error(`alerts: backtest ${range.from}..${range.to}: ${episodes.length} episode${episodes.length === 1 ? '' : 's'} in ${ms.toFixed(0)} ms`);
}

export async function runAlertsCli(argv: readonly string[]): Promise<void> {
  const command = parseAlertsArgs(argv);
  const config = parseConfig(process.env);
  if (!command.backtest && !command.dryRun && !config.alerts.enabled) {
    throw new UsageError('alerts are not configured: set ALERT_WEBHOOK_URL and/or ALERT_EMAIL_TO with SMTP_URL (or use --dry-run)');
  }
  const db = await openConfiguredDatabase(config);
  const source = { db, tables: martTables(config) };
  try {
    if (command.backtest) {
      await backtest(source, config, command.backtest, new Date());
      return;
    }
    await runAlertCheck({
      source,
      settings: config.alerts,
      timeZone: config.reportingTimezone,
      at: command.at ?? new Date(),
      channels: configuredChannels(config.alerts),
      ledger: fileLedger(config.alerts.stateFile),
      log: (message) => console.error(message),
      dryRun: command.dryRun,
      print: (line) => process.stdout.write(`${line}\n`),
    });
  } finally {
    await db.close().catch(() => {}); // the check's outcome is decided; a failed close changes nothing
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    await runAlertsCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) console.error(error.message);
    else if (error instanceof ConfigError) console.error(`Configuration error: ${error.message}`);
    else if (error instanceof DeliveryError) console.error(`alerts: delivery failed: ${error.message}`);
    else if (error instanceof DatabaseError) console.error(`alerts: database error: ${error.message}`);
    else console.error(`alerts: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
