import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestEpisodes } from '../../src/alerts/backtest.ts';
import { runAlertCheck } from '../../src/alerts/check.ts';
import { DeliveryError, type Channel } from '../../src/alerts/deliver.ts';
import { memoryLedger } from '../../src/alerts/ledger.ts';
import type { AlertEvent } from '../../src/alerts/messages.ts';
import { parseAlertSettings } from '../../src/config/alert-settings.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import type { MartSource } from '../../src/queries/mart-source.ts';
import { openFixtureDatabase, DRIVERS, testDeps, type FixtureDatabase } from '../api/support/fixture-database.ts';
import { routeApiRequest } from '../../src/api/router.ts';
import { TEST_MART_CONFIG } from '../helpers/postgres.ts';
import { END, fixtureCharges } from './support/spike-fixture.ts';

const settings = parseAlertSettings({ ALERT_WEBHOOK_URL: 'https://example.com/hook', ALERT_DASHBOARD_URL: 'https://dash.example.com' });
const tables = martTables(TEST_MART_CONFIG);

const EPISODES = [
  {
    currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z', endedAt: '2026-03-09T15:00:00.000Z',
    attempts: 880, failures: 204, failureRate: 0.2318, baselineRate: 0.05,
    topReasons: [
      { category: 'processing_error', declineCode: 'processing_error', count: 128 },
      { category: 'processing_error', declineCode: 'issuer_not_available', count: 64 },
      { category: 'insufficient_funds', declineCode: 'insufficient_funds', count: 12 },
    ],
  },
  { currency: 'usd', startedAt: '2026-03-10T14:30:00.000Z', endedAt: '2026-03-10T17:00:00.000Z' },
];

function recorder(): Channel & { sent: { event: string; currency: string; startedAt: string }[] } {
  const sent: { event: string; currency: string; startedAt: string }[] = [];
  return {
    name: 'recorder',
    sent,
    send: async (event: AlertEvent) => {
      sent.push({ event: event.event, currency: event.episode.currency, startedAt: event.episode.startedAt });
    },
  };
}

const quiet = () => {};

describe.each(DRIVERS)('alerts over the synthetic marts (%s)', (driver) => {
  let fixture: FixtureDatabase;
  let source: MartSource;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, fixtureCharges());
    source = { db: fixture.db, tables };
  }, 120_000);
  afterAll(() => fixture?.close());

  it('backtest: exactly the two usd spikes (the retry burst, steady eur and the jpy blip stay quiet)', async () => {
    const episodes = await backtestEpisodes(source, settings, { from: '2026-03-01', to: '2026-03-10' }, 'UTC', END);
    expect(episodes).toHaveLength(2);
    expect(episodes[0]).toEqual(EPISODES[0]);
    expect(episodes[1]).toMatchObject(EPISODES[1]!);
    expect(episodes[1]!.baselineRate).toBeGreaterThan(0.05); // spike 1 is part of spike 2's baseline
  });

  it('backtest of a span inside an episode reports it as it really began', async () => {
    const episodes = await backtestEpisodes(source, settings, { from: '2026-03-10', to: '2026-03-10' }, 'UTC', new Date('2026-03-10T15:00:00Z'));
    expect(episodes.map((e) => [e.startedAt, e.endedAt])).toEqual([['2026-03-10T14:30:00.000Z', null]]);
  });

  it('GET /api/overview/alerts lists the range\'s episodes of the currency, with their days and the explorer link', async () => {
    const deps = testDeps(fixture.db, { now: () => END });
    const response = await routeApiRequest(new Request('http://dash.test/api/overview/alerts?from=2026-03-09&to=2026-03-10&currency=usd'), deps);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('max-age=');
    const body = await response.json();
    expect(body.currency).toBe('usd');
    expect(body.episodes).toHaveLength(2);
    expect(body.episodes[0]).toEqual({
      ...EPISODES[0],
      firstDay: '2026-03-09', lastDay: '2026-03-09',
      explorerPath: '/payments?status=failed&from=2026-03-09&to=2026-03-09&currency=usd',
    });
    const eur = await routeApiRequest(new Request('http://dash.test/api/overview/alerts?from=2026-03-01&to=2026-03-10&currency=eur'), deps);
    expect(await eur.json()).toEqual({ currency: 'eur', episodes: [] });
    const before = await routeApiRequest(new Request('http://dash.test/api/overview/alerts?from=2026-03-01&to=2026-03-08&currency=usd'), deps);
    expect((await before.json()).episodes).toEqual([]);
  });

  it('a check announces only the events of its own tick', async () => {
    const channel = recorder();
    const result = await runAlertCheck({
      source, settings, timeZone: 'UTC', at: new Date('2026-03-09T10:45:00Z'), channels: [channel], ledger: memoryLedger(), log: quiet,
    });
    expect(result.events).toEqual([]); // the 10:30 start belongs to the 10:30 tick, not the 10:30 + 15 min one
    await runAlertCheck({ source, settings, timeZone: 'UTC', at: new Date('2026-03-09T10:30:07Z'), channels: [channel], ledger: memoryLedger(), log: quiet });
    expect(channel.sent).toEqual([{ event: 'started', currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z' }]);
  });
});

describe('announce-once over consecutive, repeated and restarted runs (postgres)', () => {
  let fixture: FixtureDatabase;
  let source: MartSource;
  beforeAll(async () => {
    fixture = await openFixtureDatabase('postgres', fixtureCharges());
    source = { db: fixture.db, tables };
  }, 120_000);
  afterAll(() => fixture?.close());

  it('every scheduled run of two days, each run twice and with a restart halfway, announces each event once', async () => {
    const channel = recorder();
    let ledger = memoryLedger();
    const from = Date.parse('2026-03-09T09:00:00Z');
    const to = Date.parse('2026-03-10T18:00:00Z');
    let repeats = 0;
    for (let t = from, n = 0; t <= to; t += 15 * 60_000, n++) {
      if (t === Date.parse('2026-03-10T00:00:00Z')) ledger = memoryLedger(); // a restart forgets everything
      const run = (offsetMs: number) =>
        runAlertCheck({ source, settings, timeZone: 'UTC', at: new Date(t + offsetMs), channels: [channel], ledger, log: quiet });
      const first = await run(3_000);
      // The same tick a minute later: always when it had something to send, else now and then.
      if (first.events.length > 0 || n % 8 === 0) {
        const again = await run(60_000);
        if (again.alreadyDelivered) repeats++;
        else expect(again.events).toEqual([]);
      }
    }
    expect(channel.sent).toEqual([
      { event: 'started', currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z' },
      { event: 'resolved', currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z' },
      { event: 'started', currency: 'usd', startedAt: '2026-03-10T14:30:00.000Z' },
      { event: 'resolved', currency: 'usd', startedAt: '2026-03-10T14:30:00.000Z' },
    ]);
    expect(repeats).toBe(4); // the repeats of the four ticks that had something to send
  }, 120_000);

  it('a failed delivery is not recorded, so the next run for that tick delivers it', async () => {
    const ledger = memoryLedger();
    const at = new Date('2026-03-09T15:00:00Z');
    const failing: Channel = { name: 'down', send: async () => { throw new Error('HTTP 503'); } };
    const attempt = runAlertCheck({ source, settings, timeZone: 'UTC', at, channels: [failing], ledger, log: quiet, retry: { tries: 3, firstDelayMs: 1 } });
    await expect(attempt).rejects.toThrow(DeliveryError);
    await expect(attempt).rejects.toThrow('down (resolved usd) failed after 3 tries: HTTP 503');
    const channel = recorder();
    await runAlertCheck({ source, settings, timeZone: 'UTC', at, channels: [channel], ledger, log: quiet });
    expect(channel.sent).toEqual([{ event: 'resolved', currency: 'usd', startedAt: '2026-03-09T10:30:00.000Z' }]);
  });

  it('a dry run prints the events and leaves the ledger alone', async () => {
    const ledger = memoryLedger();
    const lines: string[] = [];
    const at = new Date('2026-03-10T14:30:00Z');
    await runAlertCheck({ source, settings, timeZone: 'UTC', at, channels: [], ledger, log: quiet, dryRun: true, print: (line) => lines.push(line) });
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ event: 'started', currency: 'usd', startedAt: '2026-03-10T14:30:00.000Z', endedAt: null })]);
    expect(await ledger.has(at.getTime() / 900_000)).toBe(false);
  });
});
