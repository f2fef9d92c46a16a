import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyValue } from '../../src/demo/copy-format.ts';

/**
 * Raw Stripe charges written the way each loader lands them in PostgreSQL, for the marts:build
 * tests and benchmark. The tables carry the loader's column names and types (more columns than the
 * models read, as the real ones do):
 *
 * - Fivetran (fivetran/dbt_stripe's integration-test seeds and source definitions): `charge`,
 *   `card`, `payment_method_card`, `payment_intent`; timestamps without time zone holding UTC;
 *   metadata as JSON; the card brand spelled out ("American Express").
 * - Airbyte (source-stripe's charges schema through the PostgreSQL destination's type mapping):
 *   `charges` with one column per top-level field, objects as jsonb, integers as bigint (created in
 *   Unix seconds), strings as varchar, and the destination's _airbyte_* columns.
 */
export interface RawCard {
  /** The payment method (pm_…) the charge used; Fivetran's card rows are keyed by it. */
  paymentMethod: string;
  brand: string | null;
  last4: string | null;
  country: string | null;
  /** Fivetran: the card row has no brand, only payment_method_card has it. */
  brandOnPaymentMethodOnly?: boolean;
}

export interface RawCharge {
  id: string;
  paymentIntent: string | null;
  customer: string | null;
  /** ISO 8601, UTC. */
  created: string;
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed' | 'pending';
  failureCode: string | null;
  failureMessage: string | null;
  /** outcome.reason */
  outcomeReason: string | null;
  /** outcome.advice_code: Airbyte lands it; Fivetran's charge table has no column for it. */
  adviceCode: string | null;
  livemode: boolean;
  metadata: Record<string, string> | null;
  card: RawCard | null;
}

type Cell = string | number | boolean | null | object;

function cell(value: Cell): string {
  if (value === null || typeof value === 'string' || typeof value === 'number') return copyValue(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyValue(JSON.stringify(value));
}

async function copyRows(client: pg.Client, table: string, columns: readonly string[], rows: Iterable<readonly Cell[]>): Promise<number> {
  let count = 0;
  const lines = Readable.from((function* () {
    let chunk = '';
    for (const row of rows) {
      chunk += row.map(cell).join('\t') + '\n';
      count++;
      if (chunk.length > 1 << 20) { yield chunk; chunk = ''; }
    }
    if (chunk) yield chunk;
  })());
  await pipeline(lines, client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin`)));
  return count;
}

/** "2026-03-01T10:00:00Z" → "2026-03-01 10:00:00": the wall time Fivetran writes, in UTC. */
const utcWallTime = (iso: string) => new Date(iso).toISOString().replace('T', ' ').replace('Z', '');
const SYNCED = '2026-03-20 04:00:00';

export async function createFivetranTables(client: pg.Client, schema: string): Promise<void> {
  await client.query(`
    create schema ${schema};
    create table ${schema}.charge (
      id text primary key, _fivetran_synced timestamp, amount bigint, amount_refunded bigint,
      balance_transaction_id text, captured boolean, card_id text, connected_account_id text,
      created timestamp, currency text, customer_id text, description text, failure_code text,
      failure_message text, invoice_id text, livemode boolean, metadata jsonb,
      outcome_network_status text, outcome_reason text, outcome_risk_level text, outcome_risk_score float,
      outcome_seller_message text, outcome_type text, paid boolean, payment_intent_id text,
      payment_method_id text, receipt_email text, refunded boolean, status text,
      calculated_statement_descriptor text
    );
    create table ${schema}.card (
      id text primary key, _fivetran_synced timestamp, account_id text, brand text, country text,
      created timestamp, customer_id text, cvc_check text, exp_month integer, exp_year integer,
      fingerprint text, funding text, is_deleted boolean, last_4 text, name text, metadata jsonb
    );
    create table ${schema}.payment_method_card (
      payment_method_id text, _fivetran_synced timestamp, brand text, charge_id text, description text,
      fingerprint text, funding text, type text, wallet_type text
    );
    create table ${schema}.payment_intent (
      id text primary key, _fivetran_synced timestamp, amount bigint, created timestamp, currency text,
      customer_id text, last_payment_error_code text, last_payment_error_decline_code text,
      livemode boolean, metadata jsonb, payment_method_id text, status text
    );`);
}

/**
 * Loads charges into Fivetran-shaped tables (created first with createFivetranTables) in one pass,
 * so a generator of a million charges streams: the charge table is copied as the charges come,
 * while the cards and intents they name are collected for their own tables.
 */
export async function loadFivetranCharges(client: pg.Client, schema: string, charges: Iterable<RawCharge>): Promise<void> {
  const cards = new Map<string, RawCard>();
  const intents = new Map<string, readonly Cell[]>();
  const chargeRows = function* () {
    for (const c of charges) {
      if (c.card) cards.set(c.card.paymentMethod, c.card);
      if (c.paymentIntent) {
        intents.set(c.paymentIntent, [c.paymentIntent, SYNCED, c.amount, utcWallTime(c.created), c.currency, c.customer, c.livemode,
          c.status === 'succeeded' ? 'succeeded' : 'requires_payment_method']);
      }
      yield [c.id, SYNCED, c.amount, 0, c.status === 'succeeded', c.card?.paymentMethod ?? null, utcWallTime(c.created),
        c.currency, c.customer, c.failureCode, c.failureMessage, c.livemode, c.metadata,
        c.status === 'failed' ? 'declined_by_network' : 'approved_by_network', c.outcomeReason,
        c.status === 'failed' ? 'issuer_declined' : 'authorized', c.status === 'succeeded', c.paymentIntent,
        c.card?.paymentMethod ?? null, false, c.status] as Cell[];
    }
  };
  await copyRows(client, `${schema}.charge`,
    ['id', '_fivetran_synced', 'amount', 'amount_refunded', 'captured', 'card_id', 'created', 'currency', 'customer_id',
      'failure_code', 'failure_message', 'livemode', 'metadata', 'outcome_network_status', 'outcome_reason', 'outcome_type',
      'paid', 'payment_intent_id', 'payment_method_id', 'refunded', 'status'],
    chargeRows());
  // One card row per payment method, as Fivetran keeps it.
  await copyRows(client, `${schema}.card`, ['id', '_fivetran_synced', 'brand', 'country', 'last_4', 'funding', 'is_deleted', 'metadata'],
    [...cards.values()].map((card) => [card.paymentMethod, SYNCED, card.brandOnPaymentMethodOnly ? null : card.brand, card.country,
      card.last4, 'credit', false, {}]));
  await copyRows(client, `${schema}.payment_method_card`, ['payment_method_id', '_fivetran_synced', 'brand', 'funding', 'type'],
    [...cards.values()].map((card) => [card.paymentMethod, SYNCED, card.brand, 'credit', 'card']));
  await copyRows(client, `${schema}.payment_intent`, ['id', '_fivetran_synced', 'amount', 'created', 'currency', 'customer_id', 'livemode', 'status'],
    intents.values());
}

export async function createAirbyteTables(client: pg.Client, schema: string): Promise<void> {
  await client.query(`
    create schema ${schema};
    create table ${schema}.charges (
      id varchar, object varchar, amount bigint, amount_captured bigint, amount_refunded bigint,
      balance_transaction varchar, billing_details jsonb, captured boolean, created bigint, currency varchar,
      customer varchar, description varchar, disputed boolean, failure_code varchar, failure_message varchar,
      fraud_details jsonb, invoice varchar, livemode boolean, metadata jsonb, outcome jsonb, paid boolean,
      payment_intent varchar, payment_method varchar, payment_method_details jsonb, refunded boolean,
      refunds jsonb, status varchar, updated bigint,
      _airbyte_raw_id varchar, _airbyte_extracted_at timestamp with time zone, _airbyte_meta jsonb,
      _airbyte_generation_id bigint
    );`);
}

/**
 * Loads charges into an Airbyte-shaped `charges` table. `extractedAt` dates this sync: an
 * append-mode connection adds each sync's versions of a charge beside the earlier ones.
 */
export async function loadAirbyteCharges(client: pg.Client, schema: string, charges: Iterable<RawCharge>, extractedAt = '2026-03-20T04:00:00Z'): Promise<void> {
  let n = 0;
  const rows = function* () {
    for (const c of charges) {
      const created = Math.floor(new Date(c.created).getTime() / 1000);
      const outcome = {
        network_status: c.status === 'failed' ? 'declined_by_network' : 'approved_by_network',
        reason: c.outcomeReason,
        advice_code: c.adviceCode,
        risk_level: 'normal',
        seller_message: c.status === 'failed' ? 'The bank did not return any further details with this decline.' : 'Payment complete.',
        type: c.status === 'failed' ? 'issuer_declined' : 'authorized',
      };
      const details = c.card
        ? { type: 'card', card: { brand: c.card.brand, country: c.card.country, last4: c.card.last4, funding: 'credit', exp_month: 12, exp_year: 2030 } }
        : { type: 'sepa_debit', sepa_debit: { country: 'DE', last4: '3000' } };
      yield [c.id, 'charge', c.amount, c.status === 'succeeded' ? c.amount : 0, 0, created, c.currency, c.customer,
        c.failureCode, c.failureMessage, c.livemode, c.metadata ?? {}, outcome, c.status === 'succeeded', c.paymentIntent,
        c.card?.paymentMethod ?? null, details, false, c.status, created,
        `raw-${extractedAt}-${n++}`, extractedAt, { changes: [], sync_id: 1 }, 0] as Cell[];
    }
  };
  await copyRows(client, `${schema}.charges`,
    ['id', 'object', 'amount', 'amount_captured', 'amount_refunded', 'created', 'currency', 'customer', 'failure_code',
      'failure_message', 'livemode', 'metadata', 'outcome', 'paid', 'payment_intent', 'payment_method', 'payment_method_details',
      'refunded', 'status', 'updated', '_airbyte_raw_id', '_airbyte_extracted_at', '_airbyte_meta', '_airbyte_generation_id'],
    rows());
}
