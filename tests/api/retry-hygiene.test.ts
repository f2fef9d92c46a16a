import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOverviewRetryHygiene } from '../../src/api/handlers/overview-retry-hygiene.ts';
import { handlePaymentsCsv } from '../../src/api/handlers/payments-csv.ts';
import { handlePaymentsList } from '../../src/api/handlers/payments-list.ts';
import type { Deps, Handler } from '../../src/api/deps.ts';
import { paymentsSource } from '../../src/api/payments-source.ts';
import { readsRetryHygieneRollup } from '../../src/queries/retry-hygiene.ts';
import { DRIVERS, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { RETRY_HYGIENE_ROWS } from './support/retry-hygiene-fixture.ts';

const RANGE = 'from=2026-03-01&to=2026-03-07&currency=usd';

async function json(handler: Handler, path: string, deps: Deps) {
  const response = await handler(new Request(`http://dash.test${path}`), deps);
  expect(response.status).toBe(200);
  return response.json() as Promise<any>;
}

async function listed(deps: Deps, hygiene: string): Promise<{ ids: string[]; total: number; csv: string[] }> {
  const page = await json(handlePaymentsList, `/api/payments?${RANGE}&hygiene=${hygiene}&size=100`, deps);
  const csv = await (await handlePaymentsCsv(new Request(`http://dash.test/api/payments.csv?${RANGE}&hygiene=${hygiene}`), deps)).text();
  return {
    ids: page.rows.map((row: { chargeId: string }) => row.chargeId),
    total: page.total,
    csv: csv.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[0]!),
  };
}

/** The rollup as the seed builds it, and a configuration naming a rollup that is not there (the detail mart answers). */
const SOURCES = [['the retry-hygiene rollup', true], ['the detail mart', false]] as const;
const CASES = DRIVERS.flatMap((driver) => SOURCES.map(([source, rollup]) => [driver, source, rollup] as const));
const depsFor = (fixture: FixtureDatabase, rollup: boolean) =>
  testDeps(fixture.db, {}, testConfig(rollup ? {} : { retryHygieneTable: 'no_retry_hygiene_rollup' }));

describe.each(CASES)('retry hygiene on %s from %s', (driver, _source, rollup) => {
  describe('with advice codes', () => {
    let fixture: FixtureDatabase;
    let deps: Deps;
    beforeAll(async () => {
      fixture = await openFixtureDatabase(driver, RETRY_HYGIENE_ROWS);
      deps = depsFor(fixture, rollup);
    });
    afterAll(() => fixture?.close());

    it('reads the source under test', async () => {
      expect(await readsRetryHygieneRollup(await paymentsSource(deps))).toBe(rollup);
    });

    it('counts the retries after a do-not-retry decline on the same card, and the attempts past Stripe’s eight retries', async () => {
      expect(await json(handleOverviewRetryHygiene, `/api/overview/retry-hygiene?${RANGE}`, deps)).toEqual({
        currency: 'usd',
        recommendedMaxRetries: 8,
        recommendedMaxAttempts: 9,
        retries: 8,
        afterHardDecline: { attempts: 3, intents: 3, customers: 2, amount: 4500, succeeded: 1 },
        pastMaxAttempts: { attempts: 2, intents: 1, amount: 1000 },
      });
    });

    it('opens exactly those charges in the explorer and its CSV export', async () => {
      expect(await listed(deps, 'after_hard_decline')).toEqual({ ids: ['ch_h4b', 'ch_h2b', 'ch_h1b'], total: 3, csv: ['ch_h4b', 'ch_h2b', 'ch_h1b'] });
      expect(await listed(deps, 'past_max_attempts')).toEqual({ ids: ['ch_h5_11', 'ch_h5_10'], total: 2, csv: ['ch_h5_11', 'ch_h5_10'] });
    });

    it('ANDs the filter with the others', async () => {
      const failedOnly = await json(handlePaymentsList, `/api/payments?${RANGE}&hygiene=after_hard_decline&status=succeeded`, deps);
      expect(failedOnly.rows.map((row: { chargeId: string }) => row.chargeId)).toEqual(['ch_h2b']);
      const eur = await json(handlePaymentsList, '/api/payments?from=2026-03-01&to=2026-03-07&currency=eur&hygiene=after_hard_decline', deps);
      expect(eur.rows.map((row: { chargeId: string }) => row.chargeId)).toEqual(['ch_h7b']);
      expect((await json(handleOverviewRetryHygiene, '/api/overview/retry-hygiene?from=2026-03-01&to=2026-03-07&currency=eur', deps)).afterHardDecline)
        .toEqual({ attempts: 1, intents: 1, customers: 1, amount: 1000, succeeded: 1 });
    });

    it('says nothing happened in a range without retries', async () => {
      expect(await json(handleOverviewRetryHygiene, '/api/overview/retry-hygiene?from=2026-03-10&to=2026-03-12&currency=usd', deps)).toMatchObject({
        retries: 0, afterHardDecline: { attempts: 0, intents: 0, customers: 0, amount: 0, succeeded: 0 }, pastMaxAttempts: { attempts: 0, intents: 0, amount: 0 },
      });
    });
  });

  describe('on a mart without advice_code', () => {
    let fixture: FixtureDatabase;
    let deps: Deps;
    beforeAll(async () => {
      fixture = await openFixtureDatabase(driver, RETRY_HYGIENE_ROWS, 'UTC', async (exec) => {
        await exec('alter table public.mart_stripe_payments drop column advice_code');
      });
      deps = depsFor(fixture, rollup);
    });
    afterAll(() => fixture?.close());

    it('reads the detail mart even where a rollup was built with the advice codes', async () => {
      expect(await readsRetryHygieneRollup(await paymentsSource(deps))).toBe(false);
    });

    it('judges by the mapped action alone: pi_h2’s retry is no longer flagged, pi_h8’s is', async () => {
      const body = await json(handleOverviewRetryHygiene, `/api/overview/retry-hygiene?${RANGE}`, deps);
      expect(body.afterHardDecline).toEqual({ attempts: 3, intents: 3, customers: 2, amount: 3200, succeeded: 1 });
      expect(await listed(deps, 'after_hard_decline')).toEqual({ ids: ['ch_h4b', 'ch_h8b', 'ch_h1b'], total: 3, csv: ['ch_h4b', 'ch_h8b', 'ch_h1b'] });
    });
  });
});
