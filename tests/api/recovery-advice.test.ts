import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOverviewTopFailures } from '../../src/api/handlers/overview-top-failures.ts';
import type { Deps } from '../../src/api/deps.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import { unmappedNote } from '../../src/islands/overview/TopFailures.tsx';
import { charge } from '../helpers/charge-fixture.ts';
import { DRIVERS, openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';

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
  it('says nothing when every code is known, one failure in the singular, and marks codes left out', () => {
    expect(unmappedNote({ count: 0, codes: [] })).toBeNull();
    expect(unmappedNote(undefined)).toBeNull();
    expect(unmappedNote({ count: 1, codes: [{ code: 'x', count: 1 }] })).toBe('1 failure with codes the mapping does not know: x (1).');
    expect(unmappedNote({ count: 1200, codes: [{ code: 'x', count: 1000 }] })).toBe('1,200 failures with codes the mapping does not know: x (1,000), ….');
  });
});
