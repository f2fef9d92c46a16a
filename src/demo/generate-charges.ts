/**
 * Deterministic, realistic demo data for mart_stripe_payments: Stripe-shaped charges with retry
 * histories, streamed lazily so a million rows go straight into COPY in constant memory.
 *
 * How it works. Payment intents are generated one after another in time order. Intent i's first
 * attempt is placed at the point of the window where the share of rows produced so far falls on
 * the cumulative demand curve (demand-curve.ts), so the window fills evenly and the total is
 * exactly `charges`. Each intent's whole retry history is decided when it starts (retry-model.ts);
 * later attempts wait in a small time-ordered queue (attempt-queue.ts) and are emitted in order, so
 * rows come out sorted by created_at, like a table dbt builds from Stripe's charges. Nothing is
 * generated after `endDate`: retries that would land later simply have not happened yet (recent
 * days are still maturing).
 *
 * Failures take their failure_code, failure_message, failure_category and recovery_action from the
 * decline-code mapping (src/marts/stripe_decline_codes.csv); only how often each code occurs lives
 * in charge-shapes.ts. Issuer declines carry Stripe's advice codes as they do in Stripe's data
 * (advice-codes.ts), and what is retried follows the action the two give (retry-model.ts): a
 * do-not-retry failure ends the intent, but for the demo's deliberate, counted lapses
 * (retry-lapses.ts) that give the Overview's retry hygiene something true to show. About three
 * weeks before endDate an issuer/processor incident of ~2.5 days spikes processing errors
 * (demo-incident.ts).
 */
import type { ChargeRow } from '../marts/charge-row.ts';
import { loadDeclineCodeMapping } from '../marts/decline-codes.ts';
import { BASE_FAILURE, BRANDS, DECLINES_AUTOMATIC, DECLINES_ON_SESSION, LAST4, PENDING_PEAK } from './charge-shapes.ts';
import { DemandCurve } from './demand-curve.ts';
import { DECLINES_INCIDENT, incidentFailureRate } from './demo-incident.ts';
import { DAY, SECOND } from './durations.ts';
import { AttemptQueue } from './attempt-queue.ts';
import { IsoSeconds } from './iso-time.ts';
import { PayerDraw } from './payer.ts';
import { hash32, Random } from './random.ts';
import { RetryLapses, uncappedDunningDelay } from './retry-lapses.ts';
import { declineTable, failureOf, retryChance, retryDelay, retrySuccess, type Failure } from './retry-model.ts';
import { accountFragment, sequentialId } from './stripe-ids.ts';

export interface GenerateChargesOptions {
  /** Exactly this many rows are produced. */
  charges: number;
  /** The last moment of the window; no attempt is later. */
  endDate: Date;
  /** Length of the window in days, ending at endDate (default 200). */
  days?: number;
  /** Same seed (and options) → identical rows. */
  seed?: number;
}

export const DEFAULT_DAYS = 200;
export const DEFAULT_SEED = 20_240_917;

/**
 * The generated window: whole UTC days, from midnight `days − 1` days before endDate's UTC date up
 * to endDate itself (so the first day is complete and the last one runs until endDate).
 */
export function chargeWindow(options: { endDate: Date; days?: number }): { start: Date; end: Date } {
  const endMs = options.endDate.getTime();
  const days = options.days ?? DEFAULT_DAYS;
  return { start: new Date(Math.floor(endMs / DAY) * DAY - (days - 1) * DAY), end: new Date(endMs) };
}

function validate(options: GenerateChargesOptions): { charges: number; endMs: number; days: number; seed: number } {
  const { charges, endDate } = options;
  const days = options.days ?? DEFAULT_DAYS;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(charges) || charges < 0 || charges > 0xffffffff) {
    throw new RangeError(`charges must be a whole number from 0 to ${0xffffffff}, got ${charges}`);
  }
  if (!(endDate instanceof Date) || Number.isNaN(endDate.getTime())) throw new RangeError('endDate must be a valid Date');
  if (!Number.isSafeInteger(days) || days < 1 || days > 3660) throw new RangeError(`days must be a whole number from 1 to 3660, got ${days}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, got ${seed}`);
  return { charges, endMs: endDate.getTime(), days, seed };
}

/**
 * Exactly `options.charges` rows of mart_stripe_payments, in created_at order, all within
 * chargeWindow(options) and never after endDate. The same options always give the same rows.
 */
export function* generateCharges(options: GenerateChargesOptions): Generator<ChargeRow, void, undefined> {
  const { charges: total, endMs, days, seed } = validate(options);
  if (total === 0) return;

  const mapping = loadDeclineCodeMapping();
  const declinesAutomatic = declineTable(DECLINES_AUTOMATIC, mapping);
  const declinesOnSession = declineTable(DECLINES_ON_SESSION, mapping);
  const declinesIncident = declineTable(DECLINES_INCIDENT, mapping);

  const rng = new Random(seed);
  const chargeKey = hash32(seed, 1);
  const intentKey = hash32(seed, 2);
  const payers = new PayerDraw(hash32(seed, 3), seed, total);
  const account = accountFragment(hash32(seed, 5));

  // Whole seconds, like Stripe's `created`.
  const startMs = chargeWindow({ endDate: new Date(endMs), days }).start.getTime();
  const curve = new DemandCurve(startMs, endMs);
  const incidentFailure = incidentFailureRate(new Date(endMs));

  function pendingChance(t: number): number {
    const age = endMs - t;
    return age < DAY ? PENDING_PEAK * (1 - age / DAY) : 0;
  }

  // Two formatters: first attempts walk forward in time, queued retries jump ahead of them.
  const firstAttemptTime = new IsoSeconds();
  const retryTime = new IsoSeconds();
  let chargeIndex = 0;
  const numbered = (row: ChargeRow): ChargeRow => {
    row.charge_id = sequentialId('ch_', account, chargeKey, chargeIndex++);
    return row;
  };
  let intentIndex = 0;
  let produced = 0; // rows decided so far (emitted or queued)
  const queue = new AttemptQueue();
  const lapses = new RetryLapses(seed);

  while (produced < total) {
    const payer = payers.next(rng);
    const { automatic, currency } = payer;
    const intentId = payer.hasIntent ? sequentialId('pi_', account, intentKey, intentIndex++) : null;
    let maxAttempts = !payer.hasIntent ? 1 : automatic ? 4 : 3;
    const baseFailure = BASE_FAILURE[payer.funnel ?? 'none'];
    const declines = automatic ? declinesAutomatic : declinesOnSession;

    // First attempt: where this intent's share of all rows falls on the demand curve.
    let t = Math.floor(curve.timeAt((produced + rng.next()) / total) / SECOND) * SECOND;
    if (t < startMs) t = startMs;
    if (t > endMs) t = Math.floor(endMs / SECOND) * SECOND;

    // Attempts that were due before this one come out first, keeping the stream in time order.
    while (queue.size > 0 && queue.peekTime() <= t) yield numbered(queue.pop());

    // --- the intent's attempts, decided now
    let previous: Failure | null = null;
    let uncapped = false; // a dunning schedule past the recommended attempts (retry-lapses.ts)
    let badRetries = 0; // retries after do-not-retry declines (retry-lapses.ts)
    for (let attempt = 1; attempt <= maxAttempts && produced < total; attempt++) {
      let status: ChargeRow['status'];
      let failed: Failure | null = null;
      if (rng.chance(pendingChance(t))) status = 'pending';
      else {
        const outage = incidentFailure(t);
        const u = rng.next();
        const failure = previous === null ? baseFailure : uncapped && attempt < maxAttempts ? 1 : 1 - retrySuccess(previous);
        if (u < outage) {
          status = 'failed';
          failed = failureOf(declinesIncident.pick(rng.next()), rng);
        } else if (u < outage + (1 - outage) * failure) {
          status = 'failed';
          // A retry usually fails the same way (the uncapped schedule always), unless the card was replaced.
          failed = previous !== null && previous.action !== 'request_card' && (uncapped || rng.chance(0.65))
            ? previous
            : failureOf(declines.pick(rng.next()), rng);
        } else status = 'succeeded';
      }

      const entry = failed?.decline.entry;
      const row: ChargeRow = {
        charge_id: '', // numbered when emitted, so charge ids follow created_at like Stripe's
        payment_intent_id: intentId,
        customer_id: payer.customerId,
        profile_id: payer.profileId,
        created_at: (attempt === 1 ? firstAttemptTime : retryTime).format(t),
        amount: payer.amount,
        currency,
        status,
        failure_code: entry ? entry.failureCode : null,
        decline_code: failed ? failed.decline.code : null,
        failure_message: entry ? entry.failureMessage : null,
        failure_category: entry ? entry.failureCategory : null,
        recovery_action: entry ? entry.recoveryAction : null, // the mapped action; the advice code beside it overrides it
        card_brand: payer.brand,
        card_last4: payer.last4,
        card_country: payer.country.code,
        funnel: payer.funnel,
        attempt_number: attempt,
        advice_code: failed ? failed.advice : null,
      };
      produced++;
      if (attempt === 1) yield numbered(row);
      else queue.push(t, row);

      if (failed === null || attempt === maxAttempts) break;
      if (attempt === 1 && automatic && failed.action === 'retry_eligible' && intentId !== null) {
        const attempts = lapses.uncappedDunning(rng, currency);
        if (attempts > 0) [uncapped, maxAttempts] = [true, attempts];
      }
      let delay: number;
      if (failed.action === 'do_not_retry' || badRetries > 0) {
        // Every retry after a do-not-retry decline breaks the rule, whatever the later declines say.
        if (!lapses.retryAfterHardDecline(rng, currency, badRetries)) break;
        badRetries++;
        delay = retryDelay(rng, failed.action, automatic);
      } else if (uncapped) delay = uncappedDunningDelay(rng);
      else if (rng.chance(retryChance(failed.action, automatic))) delay = retryDelay(rng, failed.action, automatic);
      else break;
      t = Math.max(Math.floor((t + delay) / SECOND) * SECOND, t + SECOND);
      if (t > endMs) break; // not yet: this intent is still being retried when the data ends
      if (failed.action === 'request_card') {
        // The customer updated their card: a new card, perhaps of another brand.
        payer.last4 = LAST4[rng.int(10_000)]!;
        payer.brand = BRANDS[currency].pick(rng.next());
      }
      previous = failed;
    }
  }
  while (queue.size > 0) yield numbered(queue.pop());
}
