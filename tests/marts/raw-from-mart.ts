import type { Loader } from '../../src/marts/build/mart-build-settings.ts';
import type { ChargeRow } from '../../src/marts/charge-row.ts';
import type { RawCharge } from './raw-loaders.ts';

/** Fivetran's card table spells brands out; the API (and Airbyte) gives the codes. */
const FIVETRAN_BRANDS: Record<string, string> = {
  visa: 'Visa', mastercard: 'MasterCard', amex: 'American Express', discover: 'Discover', jcb: 'JCB',
  diners: 'Diners Club', unionpay: 'UnionPay', unknown: 'Unknown',
};

/** A mart row as the raw charge it came from, spelled the way `loader` stores it. */
export function rawFromMartRow(row: ChargeRow, loader: Loader): RawCharge {
  const metadata: Record<string, string> = {};
  if (row.funnel !== null) metadata.funnel = row.funnel;
  if (row.profile_id !== null) metadata.profile_id = row.profile_id;
  const hasCard = row.card_brand !== null || row.card_last4 !== null || row.card_country !== null;
  return {
    id: row.charge_id,
    paymentIntent: row.payment_intent_id,
    customer: row.customer_id,
    created: row.created_at,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    failureCode: row.failure_code,
    failureMessage: row.failure_message,
    outcomeReason: row.decline_code,
    adviceCode: row.advice_code ?? null,
    livemode: true,
    metadata,
    card: hasCard
      ? { paymentMethod: `pm_${row.customer_id ?? row.charge_id}`, brand: row.card_brand && loader === 'fivetran' ? FIVETRAN_BRANDS[row.card_brand] ?? row.card_brand : row.card_brand, last4: row.card_last4, country: row.card_country }
      : null,
  };
}
