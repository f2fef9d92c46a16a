/**
 * The demo's deliberate bad retries, so that the Overview's retry hygiene has something true to
 * show. Everything else in the demo keeps the rules (retry-model.ts never retries a do-not-retry
 * failure, and stops at four attempts); these two lapses are what a billing system that ignores
 * them does:
 *
 * - a retry after a do-not-retry decline: 1 in 40 such declines in each currency (2.5 %) is
 *   retried anyway on the same card, and 2 in 5 of those that are declined again once more;
 * - a dunning schedule without a cap: 1 in 30 off-session intents whose first attempt failed with
 *   a retryable decline is retried about daily, 10 to 12 attempts in all, past Stripe's
 *   recommended maximum (RECOMMENDED_MAX_ATTEMPTS), declined the same way until the last one.
 *
 * Counted per currency rather than drawn, so the lapses are spread evenly and every month of the
 * demo shows a few; the counters start at a seeded offset.
 */
import { RECOMMENDED_MAX_ATTEMPTS } from '../marts/recovery-advice.ts';
import { CURRENCIES, type Currency } from './charge-shapes.ts';
import { DAY, HOUR } from './durations.ts';
import { hash32, type Random } from './random.ts';

const HARD_DECLINE_RETRIED_EVERY = 40;
const HARD_DECLINE_RETRIED_AGAIN = 0.4;
const UNCAPPED_DUNNING_EVERY = 30;

/** The most bad retries one intent gets after do-not-retry declines. */
export const MAX_RETRIES_AFTER_HARD_DECLINE = 2;

export class RetryLapses {
  private readonly hardDeclines = new Map<Currency, number>();
  private readonly dunnings = new Map<Currency, number>();

  constructor(seed: number) {
    CURRENCIES.values.forEach((currency, i) => {
      this.hardDeclines.set(currency, hash32(seed, 6, i) % HARD_DECLINE_RETRIED_EVERY);
      this.dunnings.set(currency, hash32(seed, 7, i) % UNCAPPED_DUNNING_EVERY);
    });
  }

  /** Whether this do-not-retry decline is retried anyway; `retried` = bad retries the intent already had. */
  retryAfterHardDecline(rng: Random, currency: Currency, retried: number): boolean {
    if (retried >= MAX_RETRIES_AFTER_HARD_DECLINE) return false;
    if (retried > 0) return rng.chance(HARD_DECLINE_RETRIED_AGAIN);
    return this.count(this.hardDeclines, currency, HARD_DECLINE_RETRIED_EVERY);
  }

  /** Whether this intent's dunning runs past the recommended attempts: the attempts it gets, or 0. */
  uncappedDunning(rng: Random, currency: Currency): number {
    return this.count(this.dunnings, currency, UNCAPPED_DUNNING_EVERY) ? RECOMMENDED_MAX_ATTEMPTS + 1 + rng.int(3) : 0;
  }

  private count(counters: Map<Currency, number>, currency: Currency, every: number): boolean {
    const seen = counters.get(currency)! + 1;
    counters.set(currency, seen % every);
    return seen === every;
  }
}

/** The uncapped schedule's wait: about a day. */
export function uncappedDunningDelay(rng: Random): number {
  return Math.min(30 * HOUR, Math.max(18 * HOUR, rng.logNormal(DAY, 0.15)));
}
