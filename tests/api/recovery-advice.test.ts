import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import { handlePaymentDetail } from '../../src/api/handlers/payment-detail.ts';
import { handlePaymentsCsv } from '../../src/api/handlers/payments-csv.ts';
import { handlePaymentsList } from '../../src/api/handlers/payments-list.ts';
import { createMartCheck } from '../../src/api/mart-check.ts';
import type { Deps } from '../../src/api/deps.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { unmappedNote } from '../../src/islands/overview/TopFailures.tsx';
import { charge } from '../helpers/charge-fixture.ts';
import { countingDatabase, DRIVERS, openFixtureDatabase, testConfig, testDeps, type FixtureDatabase } from './support/fixture-database.ts';

const RANGE = 'from=2026-03-01&to=2026-03-07&currency=usd';

const failed = (decline: string | null, failure: string | null) => ({
  status: 'failed' as const, decline_code: decline, failure_code: failure,
});

/**
 * Failures the mapping knows and does not know, keyed by coalesce(decline_code, failure_code):
 *   ch_u1, ch_u2  brand_new_code (not in the mapping)   → unmapped ×2
 *   ch_u3         neither code                          → unmapped, "no code"
 *   ch_u4         expired_card as failure code only      → mapped through the coalesce
 *   ch_u5         brand_new_code but in eur              → another currency: not counted
 */
const ROWS: ChargeRow[] = [
  charge({ charge_id: 'ch_u1', created_at: '2026-03-02T10:00:00Z', ...failed('brand_new_code', 'card_declined') }),
  charge({ charge_id: 'ch_u2', created_at: '2026-03-03T10:00:00Z', ...failed('brand_new_code', 'card_declined') }),
  charge({ charge_id: 'ch_u3', created_at: '2026-03-04T10:00:00Z', ...failed(null, null) }),
  charge({ charge_id: 'ch_u4', created_at: '2026-03-05T10:00:00Z', ...failed(null, 'expired_card'), failure_category: 'expired_card', recovery_action: 'request_card' }),
  charge({ charge_id: 'ch_u5', created_at: '2026-03-05T10:00:00Z', currency: 'eur', ...failed('brand_new_code', 'card_declined') }),
];

describe.each(DRIVERS)('decline codes the mapping does not know, on %s', (driver) => {
  let fixture: FixtureDatabase;
  let deps: Deps;

  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, ROWS);
    deps = testDeps(fixture.db);
  });
  afterAll(() => fixture?.close());

  it('top failures names the unknown codes instead of a silent "other"', async () => {
    const body = await (await handleOverviewTopFailures(new Request(`http://dash.test/api/overview/top-failures?${RANGE}`), deps)).json();
    expect(body.unmapped).toEqual({ count: 3, codes: [{ code: 'brand_new_code', count: 2 }, { code: null, count: 1 }] });
    expect(body.rows.find((row: { declineCode: string }) => row.declineCode === 'expired_card')).toMatchObject({ count: 1, action: 'request_card' });
    expect(unmappedNote(body.unmapped)).toBe('3 failures with codes the mapping does not know: brand_new_code (2), no code (1).');
  });
});

describe('unmappedNote', () => {
  it('says nothing when every code is known, and counts every unknown failure beside the codes it names', () => {
    expect(unmappedNote({ count: 0, codes: [] })).toBeNull();
    expect(unmappedNote({ count: 1200, codes: [{ code: 'x', count: 1000 }] })).toBe('1,200 failures with codes the mapping does not know: x (1,000).');
  });
});

const advised = (decline: string, failure: string, category: string, action: string, advice: string | null) => ({
  status: 'failed' as const, decline_code: decline, failure_code: failure, failure_category: category, recovery_action: action, advice_code: advice,
});

/**
 * Stripe's advice codes against the mapped action (usd, 03-01..03-07), each on its own intent:
 *   ch_v1 insufficient_funds → contact_customer, advice try_again_later   → retry_eligible
 *   ch_v2 lost_card          → do_not_retry,     no advice                → do_not_retry
 *   ch_v3 generic_decline    → contact_customer, advice do_not_try_again  → do_not_retry
 *   ch_v4 incorrect_cvc      → request_card,     advice confirm_card_data → request_card
 *   ch_v5 do_not_honor       → contact_customer, an advice code Stripe may add later → the mapped action
 */
const ADVICE_ROWS: ChargeRow[] = [
  charge({ charge_id: 'ch_v1', payment_intent_id: 'pi_v1', created_at: '2026-03-02T10:00:00Z', ...advised('insufficient_funds', 'card_declined', 'insufficient_funds', 'contact_customer', 'try_again_later') }),
  charge({ charge_id: 'ch_v2', payment_intent_id: 'pi_v2', created_at: '2026-03-02T11:00:00Z', ...advised('lost_card', 'card_declined', 'fraud_risk', 'do_not_retry', null) }),
  charge({ charge_id: 'ch_v3', payment_intent_id: 'pi_v3', created_at: '2026-03-02T12:00:00Z', ...advised('generic_decline', 'card_declined', 'card_declined', 'contact_customer', 'do_not_try_again') }),
  charge({ charge_id: 'ch_v4', payment_intent_id: 'pi_v4', created_at: '2026-03-02T13:00:00Z', ...advised('incorrect_cvc', 'incorrect_cvc', 'incorrect_details', 'request_card', 'confirm_card_data') }),
  charge({ charge_id: 'ch_v5', payment_intent_id: 'pi_v5', created_at: '2026-03-02T14:00:00Z', ...advised('do_not_honor', 'card_declined', 'card_declined', 'contact_customer', 'not_yet_documented') }),
];

const WITH_ADVICE = { ch_v1: 'retry_eligible', ch_v2: 'do_not_retry', ch_v3: 'do_not_retry', ch_v4: 'request_card', ch_v5: 'contact_customer' };
const MAPPED_ONLY = { ch_v1: 'contact_customer', ch_v2: 'do_not_retry', ch_v3: 'contact_customer', ch_v4: 'request_card', ch_v5: 'contact_customer' };

async function actionsOf(deps: Deps) {
  const response = await handlePaymentsList(new Request(`http://dash.test/api/payments?${RANGE}&status=failed`), deps);
  expect(response.status).toBe(200);
  const { rows } = await response.json() as { rows: { chargeId: string; recoveryAction: string }[] };
  return Object.fromEntries(rows.map((row) => [row.chargeId, row.recoveryAction]));
}

async function csvActions(deps: Deps) {
  const text = await (await handlePaymentsCsv(new Request(`http://dash.test/api/payments.csv?${RANGE}&status=failed`), deps)).text();
  const [header, ...lines] = text.trimEnd().split('\r\n').map((line) => line.split(','));
  const at = (name: string) => header!.indexOf(name);
  return Object.fromEntries(lines.map((cells) => [cells[0], [cells[at('recovery_action')], cells[at('advice_code')]]]));
}

describe.each(DRIVERS)('advice codes on %s', (driver) => {
  describe('a mart with the advice_code column', () => {
    let fixture: FixtureDatabase;
    let deps: Deps;
    beforeAll(async () => {
      fixture = await openFixtureDatabase(driver, ADVICE_ROWS);
      deps = testDeps(fixture.db);
    });
    afterAll(() => fixture?.close());

    it('overrides the mapped action in the explorer rows, the CSV export and the detail', async () => {
      expect(await actionsOf(deps)).toEqual(WITH_ADVICE);
      expect(await csvActions(deps)).toEqual({
        ch_v1: ['retry_eligible', 'try_again_later'], ch_v2: ['do_not_retry', ''], ch_v3: ['do_not_retry', 'do_not_try_again'],
        ch_v4: ['request_card', 'confirm_card_data'], ch_v5: ['contact_customer', 'not_yet_documented'],
      });
      const detail = await (await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_v3'), deps)).json();
      expect(detail.charge).toMatchObject({ chargeId: 'ch_v3', adviceCode: 'do_not_try_again', recoveryAction: 'do_not_retry', attemptNumber: 1 });
      expect(detail.attempts).toEqual([expect.objectContaining({ chargeId: 'ch_v3', adviceCode: 'do_not_try_again', recoveryAction: 'do_not_retry', attemptNumber: 1 })]);
      expect(detail.retryLimit).toEqual({ maxRetries: 8, maxAttempts: 9 });
    });

    it('overrides it in the top failures too', async () => {
      const body = await (await handleOverviewTopFailures(new Request(`http://dash.test/api/overview/top-failures?${RANGE}`), deps)).json();
      const actions = Object.fromEntries(body.rows.map((row: { declineCode: string; action: string }) => [row.declineCode, row.action]));
      expect(actions).toEqual({
        insufficient_funds: 'retry_eligible', lost_card: 'do_not_retry', generic_decline: 'do_not_retry', incorrect_cvc: 'request_card', do_not_honor: 'contact_customer',
      });
    });

    it('looks for the column once per process, not per request', async () => {
      const counting = countingDatabase(fixture.db);
      const once = testDeps(counting, { marts: createMartCheck(counting, testConfig()) });
      for (let i = 0; i < 3; i++) await actionsOf(once);
      // 3 × (page + count) + one catalog query
      expect(counting.count).toBe(7);
    });
  });

  describe('a mart without it', () => {
    let fixture: FixtureDatabase;
    let deps: Deps;
    beforeAll(async () => {
      fixture = await openFixtureDatabase(driver, ADVICE_ROWS, 'UTC', async (exec) => {
        await exec('alter table public.mart_stripe_payments drop column advice_code');
      });
      deps = testDeps(fixture.db);
    });
    afterAll(() => fixture?.close());

    it('keeps working on the mapped action', async () => {
      expect((await deps.marts.current()).columns.payments.has('advice_code')).toBe(false);
      expect(await actionsOf(deps)).toEqual(MAPPED_ONLY);
      expect(await csvActions(deps)).toEqual({
        ch_v1: ['contact_customer', ''], ch_v2: ['do_not_retry', ''], ch_v3: ['contact_customer', ''], ch_v4: ['request_card', ''], ch_v5: ['contact_customer', ''],
      });
      const detail = await (await handlePaymentDetail(new Request('http://dash.test/api/payments/ch_v3'), deps)).json();
      expect(detail.charge).toMatchObject({ adviceCode: null, recoveryAction: 'contact_customer' });
      const top = await (await handleOverviewTopFailures(new Request(`http://dash.test/api/overview/top-failures?${RANGE}`), deps)).json();
      expect(top.rows.find((row: { declineCode: string }) => row.declineCode === 'generic_decline').action).toBe('contact_customer');
    });
  });
});
