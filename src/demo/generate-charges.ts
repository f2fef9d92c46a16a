/**
 * Deterministic, realistic demo data for mart_stripe_payments: Stripe-shaped charges with retry
 * histories, streamed lazily so a million rows go straight into COPY in constant memory.
 *
 * How it works. Payment intents are generated one after another in time order. Intent i's first
 * attempt is placed at the point of the window where the share of rows produced so far falls on
 * the cumulative demand curve (weekday pattern × hour of day × gentle growth and seasonality), so
 * the window fills evenly and the total is exactly `charges`. Each intent's whole retry history is
 * decided when it starts; later attempts wait in a small time-ordered queue (only the retries still
 * "in flight", a few days' worth) and are emitted in order, so rows come out sorted by created_at,
 * like a table dbt builds from Stripe's charges. Nothing is generated after `endDate`: retries that
 * would land later simply have not happened yet (recent days are still maturing).
 *
 * Failures take their failure_code, failure_message, failure_category and recovery_action from the
 * decline-code mapping (src/marts/stripe_decline_codes.csv); only how often each code occurs lives
 * here. About three weeks before endDate an issuer/processor incident of ~2.5 days spikes
 * processing errors so the charts show it.
 */
import type { ChargeRow } from '../marts/charge-row.ts';
import { loadDeclineCodeMapping, type DeclineCode } from '../marts/decline-codes.ts';
import { IsoSeconds } from './iso-time.ts';
import { hash32, hashUnit, Random, Weighted } from './random.ts';
import { accountFragment, scatteredId, sequentialId } from './stripe-ids.ts';

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

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Currency = 'usd' | 'eur' | 'jpy';
type Funnel = 'renewal' | 'checkout' | 'trial_conversion' | 'upgrade' | 'reactivation';

// ---------------------------------------------------------------------------------------------
// Shape of the data. Rough but plausible numbers for a SaaS selling subscriptions in three
// currencies; the daily success rate lands around 91–92 %.

const CURRENCIES = new Weighted<Currency>([['usd', 70], ['eur', 20], ['jpy', 10]]);

/** Plan prices in minor units (JPY is zero-decimal: these are whole yen). */
const PLAN_PRICES: Record<Currency, readonly number[]> = {
  usd: [900, 1900, 4900, 9900, 29900],
  eur: [900, 1900, 4500, 9900, 27900],
  jpy: [1200, 2400, 4800, 9800, 29800],
};
const PLAN_INDEX = new Weighted([[0, 28], [1, 36], [2, 22], [3, 10], [4, 4]]);
const MINIMUM_AMOUNT: Record<Currency, number> = { usd: 50, eur: 50, jpy: 50 };

interface Country { code: string; taxRates: readonly number[] }
const COUNTRIES: Record<Currency, Weighted<Country>> = {
  usd: new Weighted<Country>([
    [{ code: 'US', taxRates: [0, 0, 0, 0.0625, 0.07, 0.0725, 0.08, 0.08875] }, 84],
    [{ code: 'CA', taxRates: [0.05, 0.13] }, 6], [{ code: 'GB', taxRates: [0.2] }, 3],
    [{ code: 'AU', taxRates: [0.1] }, 2.5], [{ code: 'MX', taxRates: [0.16] }, 1.5],
    [{ code: 'BR', taxRates: [0] }, 1], [{ code: 'IN', taxRates: [0.18] }, 1], [{ code: 'SG', taxRates: [0.09] }, 1],
  ]),
  eur: new Weighted<Country>([
    [{ code: 'DE', taxRates: [0.19] }, 28], [{ code: 'FR', taxRates: [0.2] }, 22], [{ code: 'NL', taxRates: [0.21] }, 12],
    [{ code: 'ES', taxRates: [0.21] }, 11], [{ code: 'IT', taxRates: [0.22] }, 11], [{ code: 'BE', taxRates: [0.21] }, 5],
    [{ code: 'AT', taxRates: [0.2] }, 5], [{ code: 'IE', taxRates: [0.23] }, 4], [{ code: 'PT', taxRates: [0.23] }, 2],
  ]),
  jpy: new Weighted<Country>([[{ code: 'JP', taxRates: [0.1] }, 96], [{ code: 'KR', taxRates: [0.1] }, 2], [{ code: 'TW', taxRates: [0.05] }, 2]]),
};

const BRANDS: Record<Currency, Weighted<string>> = {
  usd: new Weighted([['visa', 50], ['mastercard', 30], ['amex', 14], ['discover', 5], ['diners', 1]]),
  eur: new Weighted([['visa', 52], ['mastercard', 42], ['amex', 6]]),
  jpy: new Weighted([['visa', 38], ['jcb', 32], ['mastercard', 22], ['amex', 7], ['diners', 1]]),
};

const FUNNELS = new Weighted<Funnel | null>([
  ['renewal', 44], ['checkout', 34], ['trial_conversion', 9], ['upgrade', 8], ['reactivation', 3], [null, 2],
]);
/** Off-session payments the billing system retries on its own (dunning, Smart Retries). */
const AUTOMATIC: ReadonlySet<Funnel | null> = new Set<Funnel | null>(['renewal', 'trial_conversion']);

/** First-attempt failure probability by funnel (outside the incident). */
const BASE_FAILURE: Record<Funnel | 'none', number> = {
  renewal: 0.058, checkout: 0.054, trial_conversion: 0.095, upgrade: 0.033, reactivation: 0.075, none: 0.056,
};

/** How often each decline code occurs, off-session (renewals) and on-session (checkout…). */
const DECLINES_AUTOMATIC: readonly (readonly [string, number])[] = [
  ['insufficient_funds', 30], ['generic_decline', 22], ['do_not_honor', 12], ['expired_card', 10],
  ['authentication_required', 5], ['card_velocity_exceeded', 3], ['processing_error', 2.5], ['try_again_later', 1.5],
  ['new_account_information_available', 1.5], ['do_not_try_again', 1.5], ['transaction_not_allowed', 1.2],
  ['lost_card', 1], ['fraudulent', 0.8], ['issuer_not_available', 0.8], ['restricted_card', 0.6], ['invalid_account', 0.6],
  ['revocation_of_authorization', 0.6], ['call_issuer', 0.6], ['withdrawal_count_limit_exceeded', 0.6],
  ['stolen_card', 0.5], ['pickup_card', 0.5], ['not_permitted', 0.4], ['reenter_transaction', 0.3],
  ['no_action_taken', 0.3], ['stop_payment_order', 0.3], ['card_not_supported', 0.3], ['currency_not_supported', 0.2],
  ['approve_with_id', 0.2], ['service_not_allowed', 0.2], ['revocation_of_all_authorizations', 0.2], ['security_violation', 0.1],
];
const DECLINES_ON_SESSION: readonly (readonly [string, number])[] = [
  ['generic_decline', 24], ['insufficient_funds', 16], ['authentication_required', 9], ['incorrect_cvc', 8],
  ['do_not_honor', 8], ['incorrect_number', 4], ['fraudulent', 3.5], ['expired_card', 3], ['incorrect_zip', 2.5],
  ['processing_error', 2.5], ['card_velocity_exceeded', 2], ['card_not_supported', 1.5], ['transaction_not_allowed', 1.5],
  ['try_again_later', 1.2], ['currency_not_supported', 0.8], ['lost_card', 0.8], ['do_not_try_again', 0.8],
  ['invalid_expiry_year', 0.6], ['issuer_not_available', 0.6], ['stolen_card', 0.5], ['restricted_card', 0.5],
  ['call_issuer', 0.5], ['withdrawal_count_limit_exceeded', 0.5], ['invalid_cvc', 0.4], ['pickup_card', 0.4],
  ['invalid_account', 0.4], ['security_violation', 0.3], ['merchant_blacklist', 0.3], ['not_permitted', 0.3],
  ['invalid_number', 0.3], ['duplicate_transaction', 0.2], ['no_action_taken', 0.2], ['approve_with_id', 0.2],
  ['testmode_decline', 0.15], ['invalid_amount', 0.1],
];
/** What the incident looks like: the issuer/processor side failing, retryable. */
const DECLINES_INCIDENT: readonly (readonly [string, number])[] = [
  ['processing_error', 45], ['issuer_not_available', 35], ['try_again_later', 20],
];

/** Every decline code the generator can produce (tests check each is in the mapping). */
export const GENERATED_DECLINE_CODES: readonly string[] = [
  ...new Set([...DECLINES_AUTOMATIC, ...DECLINES_ON_SESSION, ...DECLINES_INCIDENT].map(([code]) => code)),
];

/** UTC hour-of-day demand (customers mostly in the Americas and Europe). */
const HOUR_FACTOR = [
  0.75, 0.65, 0.55, 0.45, 0.38, 0.35, 0.38, 0.48, 0.62, 0.75, 0.85, 0.92,
  0.98, 1.05, 1.15, 1.22, 1.25, 1.25, 1.22, 1.15, 1.08, 1.0, 0.92, 0.83,
];
/** Sunday … Saturday: weekends are quieter. */
const WEEKDAY_FACTOR = [0.72, 1.05, 1.08, 1.06, 1.04, 0.98, 0.7];

const NO_INTENT_SHARE = 0.02; // legacy Charges API / one-off charges without a PaymentIntent
const GUEST_SHARE = 0.03; // on-session payments without a Customer
const NO_PROFILE_SHARE = 0.02; // customers created outside the product (sales-led)
const PENDING_PEAK = 0.05; // share of pending attempts at endDate, fading to 0 a day earlier

const INCIDENT_DAYS_BEFORE_END = 22;
const INCIDENT_START_HOUR = 7;
const INCIDENT_HOURS = 58;
const INCIDENT_RAMP_HOURS = 6;
const INCIDENT_PEAK_FAILURE = 0.24;

/**
 * The simulated incident: from 07:00 UTC 22 days before endDate's UTC date, for 58 hours
 * (touching three UTC dates). Exported so tests and docs can point at it.
 */
export function incidentWindow(endDate: Date): { start: Date; end: Date } {
  const endDay = Math.floor(endDate.getTime() / DAY) * DAY;
  const start = endDay - INCIDENT_DAYS_BEFORE_END * DAY + INCIDENT_START_HOUR * HOUR;
  return { start: new Date(start), end: new Date(start + INCIDENT_HOURS * HOUR) };
}

// ---------------------------------------------------------------------------------------------

const LAST4: string[] = [];
for (let i = 0; i < 10_000; i++) LAST4.push(String(i).padStart(4, '0'));

interface Decline {
  code: string;
  entry: DeclineCode;
}

function declineTable(entries: readonly (readonly [string, number])[], mapping: ReadonlyMap<string, DeclineCode>): Weighted<Decline> {
  return new Weighted(entries.map(([code, weight]) => {
    const entry = mapping.get(code);
    if (!entry) throw new Error(`decline code ${code} is not in stripe_decline_codes.csv`);
    return [{ code, entry }, weight] as const;
  }));
}

/** Probability that the next attempt succeeds, after a failure with this mapping entry. */
function retrySuccess(entry: DeclineCode): number {
  switch (entry.recoveryAction) {
    case 'authenticate': return 0.72;
    case 'request_card': return 0.78; // the customer brought a new card or fixed the details
    case 'contact_customer': return 0.4;
    case 'do_not_retry': return 0;
    case 'retry_eligible':
      if (entry.failureCategory === 'processing_error') return 0.85;
      if (entry.failureCategory === 'insufficient_funds') return 0.4;
      return 0.45;
  }
}

/** Probability that an intent is tried again after this failure. */
function retryChance(entry: DeclineCode, automatic: boolean): number {
  switch (entry.recoveryAction) {
    case 'retry_eligible': return automatic ? 0.92 : 0.6;
    case 'authenticate': return 0.7;
    case 'request_card': return automatic ? 0.45 : 0.6;
    case 'contact_customer': return 0.3;
    case 'do_not_retry': return 0;
  }
}

/** Delay before the next attempt: dunning schedules retry over days, customers within minutes to hours. */
function retryDelay(rng: Random, entry: DeclineCode, automatic: boolean): number {
  let median: number;
  let sigma: number;
  let min: number;
  let max: number;
  if (automatic) {
    switch (entry.recoveryAction) {
      case 'authenticate': [median, sigma, min, max] = [10 * HOUR, 1, 10 * MINUTE, 7 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [30 * HOUR, 0.9, 10 * MINUTE, 10 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [3 * DAY, 0.5, 6 * HOUR, 14 * DAY]; break;
      default: [median, sigma, min, max] = [36 * HOUR, 0.45, 2 * HOUR, 7 * DAY];
    }
  } else {
    switch (entry.recoveryAction) {
      case 'authenticate': [median, sigma, min, max] = [20 * MINUTE, 1.2, 30 * SECOND, 2 * DAY]; break;
      case 'request_card': [median, sigma, min, max] = [40 * MINUTE, 1.5, 1 * MINUTE, 5 * DAY]; break;
      case 'contact_customer': [median, sigma, min, max] = [1 * DAY, 0.8, 1 * HOUR, 10 * DAY]; break;
      default: [median, sigma, min, max] = [3 * HOUR, 1.3, 1 * MINUTE, 4 * DAY];
    }
  }
  return Math.min(max, Math.max(min, rng.logNormal(median, sigma)));
}

/** A time-ordered queue of attempts that are decided but not yet due (ties keep insertion order). */
class AttemptQueue {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly rows: ChargeRow[] = [];
  private seq = 0;

  get size(): number {
    return this.rows.length;
  }

  peekTime(): number {
    return this.times[0] ?? Infinity;
  }

  private less(i: number, j: number): boolean {
    const ti = this.times[i]!;
    const tj = this.times[j]!;
    return ti < tj || (ti === tj && this.seqs[i]! < this.seqs[j]!);
  }

  private swap(i: number, j: number): void {
    [this.times[i], this.times[j]] = [this.times[j]!, this.times[i]!];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j]!, this.seqs[i]!];
    [this.rows[i], this.rows[j]] = [this.rows[j]!, this.rows[i]!];
  }

  push(time: number, row: ChargeRow): void {
    this.times.push(time);
    this.seqs.push(this.seq++);
    this.rows.push(row);
    let i = this.rows.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  pop(): ChargeRow {
    const top = this.rows[0]!;
    const last = this.rows.length - 1;
    this.swap(0, last);
    this.times.pop();
    this.seqs.pop();
    this.rows.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < last && this.less(left, smallest)) smallest = left;
      if (right < last && this.less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.swap(i, smallest);
      i = smallest;
    }
    return top;
  }
}

/**
 * The cumulative demand curve over the window, in hour slots: `timeAt(q)` maps a share q in [0, 1)
 * of all activity to the moment by which that share has happened. Called with increasing q, so it
 * walks forward instead of searching.
 */
class DemandCurve {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly cumulative: Float64Array;
  private slot = 0;

  constructor(startMs: number, endMs: number) {
    const first = Math.floor(startMs / HOUR);
    const last = Math.ceil(endMs / HOUR) - 1;
    const count = Math.max(1, last - first + 1);
    this.starts = new Float64Array(count);
    this.ends = new Float64Array(count);
    this.cumulative = new Float64Array(count);
    const span = endMs - startMs;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const lo = Math.max((first + i) * HOUR, startMs);
      const hi = Math.min((first + i + 1) * HOUR, endMs);
      const mid = (lo + hi) / 2;
      const hourSlot = Math.floor(mid / HOUR);
      const weekday = (Math.floor(mid / DAY) + 4) % 7; // 1970-01-01 was a Thursday
      const progress = span > 0 ? (mid - startMs) / span : 1;
      const growth = 0.8 + 0.2 * progress;
      const season = 1 + 0.05 * Math.sin((2 * Math.PI * mid) / (365.25 * DAY));
      const weight = Math.max(0, hi - lo) * HOUR_FACTOR[hourSlot % 24]! * WEEKDAY_FACTOR[weekday]! * growth * season;
      total += weight;
      this.starts[i] = lo;
      this.ends[i] = hi;
      this.cumulative[i] = total;
    }
    for (let i = 0; i < count; i++) this.cumulative[i] = this.cumulative[i]! / (total || 1);
  }

  timeAt(q: number): number {
    const cumulative = this.cumulative;
    while (this.slot < cumulative.length - 1 && q >= cumulative[this.slot]!) this.slot++;
    const before = this.slot > 0 ? cumulative[this.slot - 1]! : 0;
    const width = cumulative[this.slot]! - before;
    const fraction = width > 0 ? Math.min(1, Math.max(0, (q - before) / width)) : 0;
    return this.starts[this.slot]! + fraction * (this.ends[this.slot]! - this.starts[this.slot]!);
  }
}

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
  const customerKey = hash32(seed, 3);
  const profileBase = 100_000 + (hash32(seed, 4) % 800_000);
  const account = accountFragment(hash32(seed, 5));

  // Whole seconds, like Stripe's `created`.
  const startMs = chargeWindow({ endDate: new Date(endMs), days }).start.getTime();
  const curve = new DemandCurve(startMs, endMs);
  const incident = incidentWindow(new Date(endMs));
  const incidentStart = incident.start.getTime();
  const incidentEnd = incident.end.getTime();
  const customerPool = Math.max(100, Math.ceil(total / 5));

  function incidentFailure(t: number): number {
    if (t < incidentStart || t >= incidentEnd) return 0;
    const ramp = Math.min(t - incidentStart, incidentEnd - t) / (INCIDENT_RAMP_HOURS * HOUR);
    return INCIDENT_PEAK_FAILURE * Math.min(1, ramp);
  }

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

  while (produced < total) {
    // --- who pays, what, and when
    const funnel = FUNNELS.pick(rng.next());
    const automatic = AUTOMATIC.has(funnel);
    const hasIntent = !rng.chance(NO_INTENT_SHARE);
    const guest = !automatic && rng.chance(GUEST_SHARE);
    const customer = guest ? -1 : rng.int(customerPool);

    let currency: Currency;
    let country: Country;
    let brand: string;
    let last4: string;
    let plan: number;
    let annual: boolean;
    let taxRate: number;
    if (customer >= 0) {
      // A customer's currency, card and plan are a pure function of (seed, customer number).
      currency = CURRENCIES.pick(hashUnit(customerKey, customer, 10));
      country = COUNTRIES[currency].pick(hashUnit(customerKey, customer, 11));
      brand = BRANDS[currency].pick(hashUnit(customerKey, customer, 12));
      last4 = LAST4[hash32(customerKey, customer, 13) % 10_000]!;
      plan = PLAN_INDEX.pick(hashUnit(customerKey, customer, 14));
      annual = hashUnit(customerKey, customer, 15) < 0.12;
      taxRate = country.taxRates[hash32(customerKey, customer, 16) % country.taxRates.length]!;
    } else {
      currency = CURRENCIES.pick(rng.next());
      country = COUNTRIES[currency].pick(rng.next());
      brand = BRANDS[currency].pick(rng.next());
      last4 = LAST4[rng.int(10_000)]!;
      plan = PLAN_INDEX.pick(rng.next());
      annual = false;
      taxRate = country.taxRates[rng.int(country.taxRates.length)]!;
    }
    const prices = PLAN_PRICES[currency];
    const price = prices[plan]! * (annual ? 10 : 1);
    let base: number;
    if (funnel === 'checkout') base = price * (rng.chance(0.75) ? 1 : 2 + rng.int(9));
    else if (funnel === 'upgrade') {
      const step = plan < prices.length - 1 ? prices[plan + 1]! - prices[plan]! : prices[plan]! / 2;
      base = step * (annual ? 10 : 1) * rng.between(0.1, 1); // prorated for the rest of the period
    } else base = price;
    const amount = Math.max(MINIMUM_AMOUNT[currency], Math.round(base * (1 + taxRate)));

    const customerId = customer >= 0 ? scatteredId('cus_', customerKey, customer) : null;
    const profileId = customer >= 0 && hashUnit(customerKey, customer, 17) >= NO_PROFILE_SHARE ? `usr_${profileBase + customer}` : null;
    const intentId = hasIntent ? sequentialId('pi_', account, intentKey, intentIndex++) : null;
    const maxAttempts = !hasIntent ? 1 : automatic ? 4 : 3;
    const baseFailure = BASE_FAILURE[funnel ?? 'none'];
    const declines = automatic ? declinesAutomatic : declinesOnSession;

    // First attempt: where this intent's share of all rows falls on the demand curve.
    let t = Math.floor(curve.timeAt((produced + rng.next()) / total) / SECOND) * SECOND;
    if (t < startMs) t = startMs;
    if (t > endMs) t = Math.floor(endMs / SECOND) * SECOND;

    // Attempts that were due before this one come out first, keeping the stream in time order.
    while (queue.size > 0 && queue.peekTime() <= t) yield numbered(queue.pop());

    // --- the intent's attempts, decided now
    let previous: Decline | null = null;
    for (let attempt = 1; attempt <= maxAttempts && produced < total; attempt++) {
      let status: ChargeRow['status'];
      let decline: Decline | null = null;
      if (rng.chance(pendingChance(t))) status = 'pending';
      else {
        const outage = incidentFailure(t);
        const u = rng.next();
        let failure: number;
        if (previous === null) failure = baseFailure;
        else failure = 1 - retrySuccess(previous.entry);
        if (u < outage) {
          status = 'failed';
          decline = declinesIncident.pick(rng.next());
        } else if (u < outage + (1 - outage) * failure) {
          status = 'failed';
          // A retry usually fails the same way, unless the card was replaced.
          decline = previous !== null && previous.entry.recoveryAction !== 'request_card' && rng.chance(0.65)
            ? previous
            : declines.pick(rng.next());
        } else status = 'succeeded';
      }

      const entry = decline?.entry;
      const row: ChargeRow = {
        charge_id: '', // numbered when emitted, so charge ids follow created_at like Stripe's
        payment_intent_id: intentId,
        customer_id: customerId,
        profile_id: profileId,
        created_at: (attempt === 1 ? firstAttemptTime : retryTime).format(t),
        amount,
        currency,
        status,
        failure_code: entry ? entry.failureCode : null,
        decline_code: decline ? decline.code : null,
        failure_message: entry ? entry.failureMessage : null,
        failure_category: entry ? entry.failureCategory : null,
        recovery_action: entry ? entry.recoveryAction : null,
        card_brand: brand,
        card_last4: last4,
        card_country: country.code,
        funnel,
        attempt_number: attempt,
      };
      produced++;
      if (attempt === 1) yield numbered(row);
      else queue.push(t, row);

      if (decline === null || !rng.chance(retryChance(decline.entry, automatic))) break;
      const next = Math.floor((t + retryDelay(rng, decline.entry, automatic)) / SECOND) * SECOND;
      t = Math.max(next, t + SECOND);
      if (t > endMs) break; // not yet: this intent is still being retried when the data ends
      if (decline.entry.recoveryAction === 'request_card') {
        // The customer updated their card: a new card, perhaps of another brand.
        last4 = LAST4[rng.int(10_000)]!;
        brand = BRANDS[currency].pick(rng.next());
      }
      previous = decline;
    }
  }
  while (queue.size > 0) yield numbered(queue.pop());
}
