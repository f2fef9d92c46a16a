/**
 * Runs the check at every scheduled tick of a long-lived process (the Node web process). The timer
 * aims just after each tick and hands the check the tick itself, so a late timer (a busy event
 * loop, a suspended laptop) still checks the right moment. Errors are the check's to report; the
 * schedule goes on.
 */
import type { MartSource } from '../queries/mart-source.ts';
import type { AlertSettings } from '../config/alert-settings.ts';
import { runAlertCheck } from './check.ts';
import { configuredChannels } from './deliver.ts';
import type { TickLedger } from './ledger.ts';

export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): { unref?(): void };
  clearTimeout(handle: unknown): void;
}

const REAL_TIMERS: Timers = { now: () => Date.now(), setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

/** Calls `run(tick)` at every multiple of intervalMs from the next one on; returns the stop. */
export function everyTick(intervalMs: number, run: (tick: Date) => Promise<void>, timers: Timers = REAL_TIMERS): () => void {
  let handle: unknown;
  let stopped = false;
  const arm = () => {
    const next = (Math.floor(timers.now() / intervalMs) + 1) * intervalMs;
    const timer = timers.setTimeout(() => {
      void run(new Date(next)).catch(() => {}).finally(() => {
        if (!stopped) arm();
      });
    }, next - timers.now() + 50);
    timer.unref?.(); // never what keeps the process alive
    handle = timer;
  };
  arm();
  return () => {
    stopped = true;
    timers.clearTimeout(handle);
  };
}

/**
 * Whether a run of a fixed cron (Netlify's every 15 minutes) at `now` falls on a tick of the
 * configured interval: with ALERT_INTERVAL_MINUTES=30 every other run checks. An interval shorter
 * than the cron's, or not a multiple of it, would leave ticks unchecked: null says so.
 */
export function cronRunIsTick(now: Date, intervalMinutes: number, cronMinutes: number): boolean | null {
  if (intervalMinutes % cronMinutes !== 0) return null;
  return Math.floor(now.getTime() / (cronMinutes * 60_000)) % (intervalMinutes / cronMinutes) === 0;
}

export interface ScheduledCheckDeps {
  source: () => Promise<MartSource>;
  settings: AlertSettings;
  timeZone: string;
  ledger: TickLedger;
  log: (message: string) => void;
}

/** One scheduled run: the check at `at`, its outcome logged in one line; false when delivery failed. */
export async function scheduledCheck(deps: ScheduledCheckDeps, at: Date): Promise<boolean> {
  try {
    await runAlertCheck({
      source: await deps.source(),
      settings: deps.settings,
      timeZone: deps.timeZone,
      at,
      channels: configuredChannels(deps.settings),
      ledger: deps.ledger,
      log: deps.log,
    });
    return true;
  } catch (error) {
    deps.log(`alerts: check at ${at.toISOString()} failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
