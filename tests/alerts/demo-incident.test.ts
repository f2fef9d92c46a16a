/**
 * The demo's own history (50,000 generated charges over 200 days, as `npm start` loads them):
 * replaying every scheduled check finds the generator's incident and nothing else, whatever day
 * the demo is generated on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { backtestEpisodes } from '../../src/alerts/backtest.ts';
import { parseConfig } from '../../src/config/config.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import { martTables } from '../../src/marts/mart-tables.ts';
import { chargeWindow, generateCharges } from '../../src/demo/generate-charges.ts';
import { incidentWindow } from '../../src/demo/demo-incident.ts';
import { createMartDatabase, TEST_MART_CONFIG, type ScratchDatabase } from '../helpers/postgres.ts';

const scratch: ScratchDatabase[] = [];
afterAll(() => Promise.all(scratch.map((db) => db.drop())));

const DAY = 86_400_000;

describe.each([
  ['today', new Date()],
  ['a fixed day', new Date('2026-06-15T12:00:00Z')],
])('the demo generated %s', (_name, endDate) => {
  it('has exactly the incident: every episode overlaps it, and USD sees it', async () => {
    const db = await createMartDatabase(generateCharges({ charges: 50_000, endDate }));
    scratch.push(db);
    const database = createPgDatabase(db.url, sessionSettingsFor({ statementTimeoutMs: 30_000, reportingTimezone: 'UTC' }));
    try {
      const { start } = chargeWindow({ endDate });
      const range = { from: start.toISOString().slice(0, 10), to: endDate.toISOString().slice(0, 10) };
      const episodes = await backtestEpisodes({ db: database, tables: martTables(TEST_MART_CONFIG) }, parseConfig({}).alerts, range, 'UTC', endDate);
      const incident = incidentWindow(endDate);
      expect(episodes.filter((e) => e.currency === 'usd')).toHaveLength(1);
      for (const episode of episodes) {
        const started = Date.parse(episode.startedAt);
        const ended = episode.endedAt ? Date.parse(episode.endedAt) : endDate.getTime();
        // Seen after it began (within its window's reach) and gone within a day of its end.
        expect(started, JSON.stringify(episode)).toBeGreaterThan(incident.start.getTime());
        expect(started, JSON.stringify(episode)).toBeLessThan(incident.end.getTime());
        expect(ended, JSON.stringify(episode)).toBeLessThan(incident.end.getTime() + DAY);
        expect(episode.topReasons[0]?.category).toBe('processing_error');
      }
    } finally {
      await database.close();
    }
  }, 120_000);
});
