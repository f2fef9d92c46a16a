/**
 * The failure-spike backtest over the last 90 days of the bench marts: every scheduled check of
 * those days replayed (what `npm run alerts -- --backtest` and GET /api/overview/alerts do), in
 * process against PostgreSQL. The bar: ≤ 2 s on 1,000,000 charges.
 *
 * Standalone: node tests/bench/measure-alerts.ts [database URL] (default: the bench database).
 */
import { pathToFileURL } from 'node:url';
import { backtestEpisodes } from '../../src/alerts/backtest.ts';
import { parseConfig } from '../../src/config/config.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import type { DateRange } from '../../src/contract/calendar-date.ts';
import type { MartSource } from '../../src/queries/mart-source.ts';
import { median } from './stats.ts';

export interface BacktestMeasurement {
  range: DateRange;
  runs: number;
  firstMs: number;
  medianMs: number;
  episodes: { currency: string; startedAt: string; endedAt: string | null }[];
}

export async function measureBacktest(source: MartSource, range: DateRange, runs = 5): Promise<BacktestMeasurement> {
  const settings = parseConfig({}).alerts;
  const times: number[] = [];
  let episodes: BacktestMeasurement['episodes'] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const found = await backtestEpisodes(source, settings, range, 'UTC', new Date());
    times.push(performance.now() - started);
    episodes = found.map(({ currency, startedAt, endedAt }) => ({ currency, startedAt, endedAt }));
  }
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { range, runs, firstMs: round(times[0]!), medianMs: round(median(times)), episodes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'postgresql://postgres@127.0.0.1:5432/dash_bench';
  const config = parseConfig({ DATABASE_URL: url, DASHBOARD_PASSWORD: 'x', STATEMENT_TIMEOUT_MS: '60000' });
  const db = createPgDatabase(url, sessionSettingsFor(config));
  try {
    const [row] = await db.query<{ day: string }>(`select (max(created_at) at time zone 'UTC')::date::text as day from ${martTables(config).payments}`);
    const to = row!.day;
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
    console.log(JSON.stringify(await measureBacktest({ db, tables: martTables(config) }, { from, to }), null, 2));
  } finally {
    await db.close();
  }
}
