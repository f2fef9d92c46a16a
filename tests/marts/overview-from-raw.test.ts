import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { handleFilters } from '../../src/api/handlers/filters.ts';
import { handleOverviewDaily } from '../../src/api/handlers/overview-daily.ts';
import { handleOverviewFailures } from '../../src/api/handlers/overview-failures.ts';
import { handleOverviewKpis } from '../../src/api/handlers/overview-kpis.ts';
import { handleOverviewRecovery } from '../../src/api/handlers/overview-recovery.ts';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import { sessionSettingsFor } from '../../src/runtime/session-settings.ts';
import { createPgDatabase } from '../../src/db/pg-driver.ts';
import type { Database } from '../../src/db/database.ts';
import { buildMarts } from '../../src/marts/build/build-marts.ts';
import { LOADERS, type Loader } from '../../src/marts/build/mart-build-settings.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { generateCharges } from '../../src/demo/generate-charges.ts';
import { testDeps } from '../api/support/fixture-database.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { buildSettings, createRawDatabase, martRows, type RawDatabase } from './build-support.ts';
import type { RawCharge } from './raw-loaders.ts';
import { rawFromMartRow } from './raw-from-mart.ts';
import { expectedRows, RAW_CHARGES, STALE_AIRBYTE_VERSIONS } from './raw-fixture.ts';

/**
 * The dashboard reads marts built from raw tables exactly as it reads marts loaded directly with
 * the same charges: every overview answer (and the filter choices) is equal, on the hand-made
 * fixture and on generated data with realistic retry histories.
 */

function testModeCopies(rows: readonly ChargeRow[], loader: Loader): RawCharge[] {
  return rows.filter((_, i) => i % 40 === 0).map((row) => ({ ...rawFromMartRow(row, loader), id: `${row.charge_id}_test`, livemode: false }));
}

const GENERATED = [...generateCharges({ charges: 4000, endDate: new Date('2026-03-31T23:59:59Z'), days: 60, seed: 7 })];
// The card's payment method id is made from the customer: a customer's charges share one card.
const GENERATED_CARD_OWNERS = new Map<string, ChargeRow>();
for (const row of GENERATED) if (row.customer_id) GENERATED_CARD_OWNERS.set(row.customer_id, row);
const consistentCards = GENERATED.map((row) => {
  const owner = row.customer_id ? GENERATED_CARD_OWNERS.get(row.customer_id)! : row;
  return { ...row, card_brand: owner.card_brand, card_last4: owner.card_last4, card_country: owner.card_country };
});

const DATASETS: Array<{ name: string; rows: (loader: Loader) => ChargeRow[]; raw: (loader: Loader) => RawCharge[]; ranges: string[] }> = [
  {
    name: 'the hand-made fixture',
    rows: (loader) => expectedRows(loader),
    raw: () => RAW_CHARGES,
    ranges: ['from=2026-03-01&to=2026-03-09', 'from=2026-03-05&to=2026-03-07'],
  },
  {
    name: 'generated charges',
    // Fivetran's charge table has no advice code (raw-loaders.ts): the marts built from it have none either.
    rows: (loader) => (loader === 'fivetran' ? consistentCards.map((row) => ({ ...row, advice_code: null })) : consistentCards),
    raw: (loader) => [...consistentCards.map((row) => rawFromMartRow(row, loader)), ...testModeCopies(consistentCards, loader)],
    ranges: ['from=2026-02-01&to=2026-03-31', 'from=2026-03-18&to=2026-03-31'],
  },
];

const HANDLERS: Array<[string, Handler]> = [
  ['kpis', handleOverviewKpis], ['daily', handleOverviewDaily], ['failures', handleOverviewFailures],
  ['recovery', handleOverviewRecovery], ['top-failures', handleOverviewTopFailures],
];

async function answer(handler: Handler, deps: Deps, query: string): Promise<unknown> {
  const response = await handler(new Request(`http://dash.test/api/x?${query}`), deps);
  expect(response.status).toBe(200);
  return response.json();
}

describe.each(LOADERS)('overview on marts built from %s tables', (loader) => {
  describe.each(DATASETS)('$name', (dataset) => {
    let raw: RawDatabase;
    let direct: ScratchDatabase;
    let builtDb: Database;
    let directDb: Database;

    beforeAll(async () => {
      raw = await createRawDatabase(loader, dataset.raw(loader), STALE_AIRBYTE_VERSIONS.filter(() => dataset.raw(loader) === RAW_CHARGES));
      await buildMarts(raw.client, buildSettings(loader));
      direct = await createMartDatabase(dataset.rows(loader));
      const settings = sessionSettingsFor({ statementTimeoutMs: 5000, reportingTimezone: 'UTC' });
      builtDb = createPgDatabase(raw.url, settings);
      directDb = createPgDatabase(direct.url, settings);
    });
    afterAll(async () => {
      await builtDb?.close();
      await directDb?.close();
      await raw?.close();
      await direct?.drop();
    });

    it('builds the very rows that were loaded directly', async () => {
      const client = new pg.Client({ connectionString: direct.url });
      await client.connect();
      try {
        // advice_code is compared where the loader carries it (build-marts.test.ts): Fivetran's has none.
        const withoutAdvice = (rows: Awaited<ReturnType<typeof martRows>>) => rows.map(({ advice_code: _, ...row }) => row);
        expect(withoutAdvice(await martRows(raw.client))).toEqual(withoutAdvice(await martRows(client)));
      } finally {
        await client.end();
      }
    });

    it('answers every overview question the same', async () => {
      let compared = 0;
      for (const range of dataset.ranges) {
        for (const currency of ['usd', 'eur', 'jpy']) {
          for (const [, handler] of HANDLERS) {
            const query = `${range}&currency=${currency}`;
            const fromRaw = await answer(handler, testDeps(builtDb), query);
            expect(fromRaw).toEqual(await answer(handler, testDeps(directDb), query));
            compared++;
          }
        }
      }
      expect(compared).toBe(dataset.ranges.length * 3 * HANDLERS.length);
      // Not two empty answers: the range holds usd charges, failures among them.
      const kpis = await answer(handleOverviewKpis, testDeps(builtDb), `${dataset.ranges[0]}&currency=usd`) as { kpis: { attempts: { value: number }; failedRevenue: { value: number } } };
      expect(kpis.kpis.attempts.value).toBeGreaterThan(5);
      expect(kpis.kpis.failedRevenue.value).toBeGreaterThan(0);
      expect(await answer(handleFilters, testDeps(builtDb), '')).toEqual(await answer(handleFilters, testDeps(directDb), ''));
    });
  });
});
