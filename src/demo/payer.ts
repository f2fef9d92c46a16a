/**
 * Who pays what: one payment intent's funnel, customer, currency, card and amount. A customer's
 * currency, card and plan are a pure function of (seed, customer number), so a customer pays the
 * same way every time; guests draw theirs afresh.
 */
import {
  AUTOMATIC, BRANDS, COUNTRIES, CURRENCIES, FUNNELS, GUEST_SHARE, LAST4, MINIMUM_AMOUNT, NO_INTENT_SHARE, NO_PROFILE_SHARE,
  PLAN_INDEX, PLAN_PRICES, type Country, type Currency, type Funnel,
} from './charge-shapes.ts';
import { hash32, hashUnit, type Random } from './random.ts';
import { scatteredId } from './stripe-ids.ts';

export interface Payer {
  funnel: Funnel | null;
  /** Off-session: the billing system retries on its own. */
  automatic: boolean;
  /** False for legacy charges without a PaymentIntent (never retried). */
  hasIntent: boolean;
  customerId: string | null;
  profileId: string | null;
  currency: Currency;
  country: Country;
  brand: string;
  last4: string;
  amount: number;
}

export class PayerDraw {
  private readonly customerKey: number;
  private readonly customerPool: number;
  private readonly profileBase: number;

  /** The one Payer every call fills: a million intents allocate nothing here. */
  private readonly payer: Payer = {
    funnel: null, automatic: false, hasIntent: false, customerId: null, profileId: null,
    currency: 'usd', country: { code: '', taxRates: [] }, brand: '', last4: '', amount: 0,
  };

  constructor(customerKey: number, seed: number, charges: number) {
    this.customerKey = customerKey;
    this.customerPool = Math.max(100, Math.ceil(charges / 5));
    this.profileBase = 100_000 + (hash32(seed, 4) % 800_000);
  }

  /** The next intent's payer: valid until the next call (the loop changes its card when the customer replaces it). */
  next(rng: Random): Payer {
    const payer = this.payer;
    const key = this.customerKey;
    const funnel = FUNNELS.pick(rng.next());
    const automatic = AUTOMATIC.has(funnel);
    payer.funnel = funnel;
    payer.automatic = automatic;
    payer.hasIntent = !rng.chance(NO_INTENT_SHARE);
    const guest = !automatic && rng.chance(GUEST_SHARE);
    const customer = guest ? -1 : rng.int(this.customerPool);

    let plan: number;
    let annual: boolean;
    let taxRate: number;
    if (customer >= 0) {
      payer.currency = CURRENCIES.pick(hashUnit(key, customer, 10));
      payer.country = COUNTRIES[payer.currency].pick(hashUnit(key, customer, 11));
      payer.brand = BRANDS[payer.currency].pick(hashUnit(key, customer, 12));
      payer.last4 = LAST4[hash32(key, customer, 13) % 10_000]!;
      plan = PLAN_INDEX.pick(hashUnit(key, customer, 14));
      annual = hashUnit(key, customer, 15) < 0.12;
      taxRate = payer.country.taxRates[hash32(key, customer, 16) % payer.country.taxRates.length]!;
    } else {
      payer.currency = CURRENCIES.pick(rng.next());
      payer.country = COUNTRIES[payer.currency].pick(rng.next());
      payer.brand = BRANDS[payer.currency].pick(rng.next());
      payer.last4 = LAST4[rng.int(10_000)]!;
      plan = PLAN_INDEX.pick(rng.next());
      annual = false;
      taxRate = payer.country.taxRates[rng.int(payer.country.taxRates.length)]!;
    }
    const prices = PLAN_PRICES[payer.currency];
    const price = prices[plan]! * (annual ? 10 : 1);
    let base: number;
    if (funnel === 'checkout') base = price * (rng.chance(0.75) ? 1 : 2 + rng.int(9));
    else if (funnel === 'upgrade') {
      const step = plan < prices.length - 1 ? prices[plan + 1]! - prices[plan]! : prices[plan]! / 2;
      base = step * (annual ? 10 : 1) * rng.between(0.1, 1); // prorated for the rest of the period
    } else base = price;
    payer.amount = Math.max(MINIMUM_AMOUNT[payer.currency], Math.round(base * (1 + taxRate)));

    payer.customerId = customer >= 0 ? scatteredId('cus_', key, customer) : null;
    payer.profileId = customer >= 0 && hashUnit(key, customer, 17) >= NO_PROFILE_SHARE ? `usr_${this.profileBase + customer}` : null;
    return payer;
  }
}
