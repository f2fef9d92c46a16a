/**
 * Which scheduled ticks have been delivered. The announcement itself is a pure function of the
 * data and the tick (see check.ts), so consecutive runs and restarts never repeat one; the ledger
 * only stops a second run for the *same* tick (a manual re-run, an overlapping cron) from sending
 * it again. It is written after a successful delivery, so a failed one is retried by the next run
 * for that tick.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface TickLedger {
  has(tick: number): Promise<boolean>;
  record(tick: number): Promise<void>;
}

/** Ticks older than this are forgotten; nothing re-runs a tick a week later except a backfill on purpose. */
const KEEP = 7 * 24 * 4;

export function memoryLedger(): TickLedger {
  const ticks = new Set<number>();
  return {
    has: async (tick) => ticks.has(tick),
    record: async (tick) => {
      ticks.add(tick);
    },
  };
}

/** A JSON file of delivered ticks (the CLI's memory between cron runs on one machine). */
export function fileLedger(path: string): TickLedger {
  const load = async (): Promise<number[]> => {
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as { ticks?: unknown };
      return Array.isArray(parsed.ticks) ? parsed.ticks.filter((tick): tick is number => Number.isSafeInteger(tick)) : [];
    } catch {
      return []; // missing or unreadable: nothing delivered that we know of
    }
  };
  return {
    has: async (tick) => (await load()).includes(tick),
    async record(tick) {
      const ticks = [...new Set([...(await load()), tick])].sort((a, b) => a - b).slice(-KEEP);
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ ticks })}\n`);
      await rename(temporary, path);
    },
  };
}
