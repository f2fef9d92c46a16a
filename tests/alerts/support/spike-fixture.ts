/**
 * Synthetic charges whose episodes are known by construction (15-minute slots, 10 days from
 * 2026-03-01T00:00Z):
 * - usd, 40 first attempts a slot, 2 failing (5 %), with two spikes: day 8 10:00–14:00 at 12 of 40
 *   and day 9 14:00–16:00 at 14 of 40, plus a burst of 100 failed *retries* on day 8 at 02:00
 *   (dunning, not an incident: detection counts first attempts only);
 * - eur, 20 a slot, a steady 4–5 % with the usual unevenness;
 * - jpy, one attempt an hour, every 10th failing, and a blip of 4 failures in a row at night on
 *   day 8: far too few attempts to mean anything.
 */
import type { CurrencySlots, SlotCounts } from '../../../src/queries/alert-slot-counts.ts';
import type { ChargeRow } from '../../../src/marts/charge-row.ts';
import { charge } from '../../helpers/charge-fixture.ts';

export const SLOT_MS = 15 * 60_000;
export const START = Date.parse('2026-03-01T00:00:00Z');
export const DAYS = 10;
export const FIRST_SLOT = START / SLOT_MS;
export const SLOTS = DAYS * 96;
/** The moment the data ends (the fixture's "now"). */
export const END = new Date(START + DAYS * 86_400_000);

const at = (day: number, hour: number, minute = 0) => START / SLOT_MS + day * 96 + hour * 4 + minute / 15;
export const SPIKE_1 = { from: at(8, 10), to: at(8, 14) };
export const SPIKE_2 = { from: at(9, 14), to: at(9, 16) };
const RETRY_BURST = at(8, 2);
const JPY_BLIP = { from: at(8, 0), to: at(8, 4) };
const EUR_FAILURES = [1, 0, 1, 2, 0, 1, 1, 0, 2, 1, 0, 1];

export const isoOfSlot = (slot: number) => new Date(slot * SLOT_MS).toISOString();

/** First attempts and their failures in one slot. */
export function slotPattern(currency: 'usd' | 'eur' | 'jpy', slot: number): { attempts: number; failures: number } {
  if (currency === 'usd') {
    if (slot >= SPIKE_1.from && slot < SPIKE_1.to) return { attempts: 40, failures: 12 };
    if (slot >= SPIKE_2.from && slot < SPIKE_2.to) return { attempts: 40, failures: 14 };
    return { attempts: 40, failures: 2 };
  }
  if (currency === 'eur') return { attempts: 20, failures: EUR_FAILURES[slot % EUR_FAILURES.length]! };
  if (slot % 4 !== 0) return { attempts: 0, failures: 0 };
  const hour = (slot - FIRST_SLOT) / 4;
  const failing = (slot >= JPY_BLIP.from && slot < JPY_BLIP.to) || hour % 10 === 0;
  return { attempts: 1, failures: failing ? 1 : 0 };
}

const CURRENCIES = ['usd', 'eur', 'jpy'] as const;

/** The fixture as the detection's input, built directly (no database). */
export function fixtureSlotCounts(): SlotCounts {
  const currencies = new Map<string, CurrencySlots>();
  for (const currency of CURRENCIES) {
    const series = { attempts: new Float64Array(SLOTS), failures: new Float64Array(SLOTS) };
    for (let i = 0; i < SLOTS; i++) {
      const { attempts, failures } = slotPattern(currency, FIRST_SLOT + i);
      series.attempts[i] = attempts;
      series.failures[i] = failures;
    }
    currencies.set(currency, series);
  }
  return { firstSlot: FIRST_SLOT, length: SLOTS, currencies };
}

/** The fixture as mart rows, in time order. */
export function fixtureCharges(): ChargeRow[] {
  const rows: ChargeRow[] = [];
  let id = 0;
  let spikeFailures = 0;
  const add = (slot: number, index: number, count: number, currency: string, failed: boolean, attempt = 1) => {
    const createdAt = new Date(slot * SLOT_MS + Math.floor((index * SLOT_MS) / count / 1000) * 1000).toISOString();
    const spike = currency === 'usd' && ((slot >= SPIKE_1.from && slot < SPIKE_1.to) || (slot >= SPIKE_2.from && slot < SPIKE_2.to));
    // A third of the spikes' failures say issuer_not_available, the rest processing_error.
    const code = !spike ? 'insufficient_funds' : failed && spikeFailures++ % 3 === 0 ? 'issuer_not_available' : 'processing_error';
    rows.push(charge({
      charge_id: `ch_${String(id++).padStart(8, '0')}`,
      payment_intent_id: `pi_${id}`,
      created_at: createdAt,
      currency,
      status: failed ? 'failed' : 'succeeded',
      attempt_number: attempt,
      ...(failed ? {
        failure_code: code === 'insufficient_funds' ? 'card_declined' : code === 'processing_error' ? 'processing_error' : 'card_declined',
        decline_code: code,
        failure_category: code === 'insufficient_funds' ? 'insufficient_funds' : 'processing_error',
        recovery_action: 'retry_eligible',
      } : {}),
    }));
  };
  for (let slot = FIRST_SLOT; slot < FIRST_SLOT + SLOTS; slot++) {
    for (const currency of CURRENCIES) {
      const { attempts, failures } = slotPattern(currency, slot);
      // Exactly `failures` of them fail, spread evenly through the slot.
      for (let i = 0; i < attempts; i++) add(slot, i, attempts, currency, Math.floor(((i + 1) * failures) / attempts) > Math.floor((i * failures) / attempts));
    }
    if (slot === RETRY_BURST) for (let i = 0; i < 100; i++) add(slot, i, 100, 'usd', true, 2);
  }
  return rows.sort((a, b) => a.created_at.localeCompare(b.created_at));
}
