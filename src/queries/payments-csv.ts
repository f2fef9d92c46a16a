import { currencyDigits } from '../contract/money.ts';
import type { MartSource } from './mart-source.ts';
import { paymentFiltersSql, type PaymentFilters } from './payment-filters-sql.ts';
import type { PaymentSort } from '../contract/payments.ts';
import { keysetAfterSql, orderBySql, type PaymentKey } from './payment-sort.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';

/**
 * The CSV export's rows, written by PostgreSQL: each keyset batch comes back as one text value
 * holding its CSV lines, so Node neither builds an object per row nor a string per cell (at a
 * million rows that was most of the export's time). The cells are exactly what csvLine /
 * majorUnitsText (src/api/csv) write:
 *
 * - text cells: '' for null; a leading apostrophe when the text starts with = + - @ tab or CR;
 *   then RFC 4180 quoting when it holds a quote, comma, CR or LF. Rows whose text holds none of
 *   those four characters (all of them, in practice) take a branch without the quoting tests;
 * - created_at: the server's ISO text (DateStyle ISO, the session's reporting zone) as
 *   isoTimestamp turns it into ISO 8601: 'T' between date and time, the offset as ±HH:MM;
 * - amount: minor units times 10^-digits as numeric, whose text has exactly `digits` decimals
 *   (numeric multiplication keeps the sum of the scales), digits from the pages' currencyDigits.
 */

const FORMULA_START_CODES = '9, 13, 43, 45, 61, 64'; // tab, CR, + - = @

/** Codes the ICU data knows but no longer lists (legacy currencies) whose digits are not 2. */
const LEGACY_CODES = ['ADP', 'BYR', 'CLF', 'ESP', 'ITL', 'LUF', 'MGF', 'MRO', 'STD', 'TMM', 'TRL', 'UYI', 'UYW', 'ZMK', 'ZWD'];

let codesByDigits: Map<number, string[]> | undefined;

/** Every currency code whose digits are not 2, by digits (asked once per process, ~200 codes). */
function currenciesByDigits(): Map<number, string[]> {
  if (codesByDigits) return codesByDigits;
  const map = new Map<number, string[]>();
  for (const code of new Set([...Intl.supportedValuesOf('currency'), ...LEGACY_CODES])) {
    const digits = currencyDigits(code);
    if (digits === 2) continue;
    const list = map.get(digits) ?? [];
    list.push(code);
    map.set(digits, list);
  }
  codesByDigits = map;
  return map;
}

const TEXT_COLUMNS = [
  'charge_id', 'payment_intent_id', 'customer_id', 'profile_id', 'currency', 'status', 'failure_code', 'decline_code',
  'failure_category', 'recovery_action', 'failure_message', 'card_brand', 'card_last4', 'card_country', 'funnel', 'advice_code',
] as const;

/** Each text column as read: recovery_action is the advice code's action where there is one; advice_code is optional. */
function textColumnSql(column: (typeof TEXT_COLUMNS)[number], source: MartSource): string {
  if (column === 'recovery_action') return recoveryActionSql(source);
  if (column === 'advice_code') return adviceCodeSql(source);
  return column;
}

function neutralized(expr: string): string {
  return `case when ascii(${expr}) in (${FORMULA_START_CODES}) then '''' || ${expr} else ${expr} end`;
}

/** A cell of text known to hold no quote, comma, CR or LF. */
function plainCell(expr: string): string {
  return `case when ascii(${expr}) in (${FORMULA_START_CODES}) then '''' || ${expr} else coalesce(${expr}, '') end`;
}

/** Any cell: neutralized, then quoted when it has to be. */
function quotedCell(expr: string): string {
  const text = neutralized(expr);
  return `case when ${expr} is null then ''
    when strpos(${expr}, '"') > 0 or strpos(${expr}, ',') > 0 or strpos(${expr}, chr(13)) > 0 or strpos(${expr}, chr(10)) > 0
      then '"' || replace(${text}, '"', '""') || '"'
    else ${text} end`;
}

/** isoTimestamp in SQL, over `created`, the server's text of created_at: '2026-05-01 14:00:00.5+02' → '2026-05-01T14:00:00.5+02:00'. */
const STANDARD_CREATED_AT = `substr(created, 5, 1) = '-' and substr(created, 11, 1) = ' ' and right(created, 3) <> ' BC'`;
const ISO_CREATED_AT = `case
    when not (${STANDARD_CREATED_AT}) then created
    when substr(created, length(created) - 2, 1) in ('+', '-') then overlay(created placing 'T' from 11 for 1) || ':00'
    when substr(created, length(created) - 5, 1) in ('+', '-') then overlay(created placing 'T' from 11 for 1)
    when substr(created, length(created) - 8, 1) in ('+', '-') then left(overlay(created placing 'T' from 11 for 1), -3)
    else created end`;

function amountSql(params: unknown[]): string {
  const branches = [...currenciesByDigits()].map(([digits, codes]) => {
    params.push(codes);
    return `when upper(currency) = any($${params.length}::text[]) then ${digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`}`;
  });
  return `(amount * case ${branches.join(' ')} else 0.01 end)::text`;
}

/**
 * One CSV line (CRLF included) over the batch's columns plus `created` (created_at as text) and
 * `raw` (every text column run together). When `raw` holds no character that needs quoting, the
 * amount is not negative and created_at has the usual shape, no cell can need quotes and only
 * text columns can need the apostrophe: the cheap branch every generated row takes.
 */
function lineSql(params: unknown[]): string {
  const amount = amountSql(params);
  const cells = (text: (expr: string) => string, created: string, amountCell: string) => [
    ...['charge_id', 'payment_intent_id', 'customer_id', 'profile_id'].map(text),
    created,
    amountCell,
    ...['currency', 'status', 'failure_code', 'decline_code', 'failure_category', 'recovery_action', 'failure_message',
      'card_brand', 'card_last4', 'card_country', 'funnel'].map(text),
    'attempt_number',
    text('advice_code'),
  ].join(', ');
  return `case when strpos(raw, '"') = 0 and strpos(raw, ',') = 0 and strpos(raw, chr(13)) = 0 and strpos(raw, chr(10)) = 0
      and amount >= 0 and ${STANDARD_CREATED_AT}
    then concat_ws(',', ${cells(plainCell, ISO_CREATED_AT, amount)})
    else concat_ws(',', ${cells(quotedCell, quotedCell(`(${ISO_CREATED_AT})`), quotedCell(amount))}) end`;
}

export interface CsvBatch {
  /** The batch's CSV lines, each ending in CRLF; '' when there are no more rows. */
  text: string;
  rows: number;
  /** Where the batch ended, for the next one. */
  last: PaymentKey | undefined;
}

/** The next `limit` rows' CSV lines after `after` in the sort order (from the start when undefined). */
export async function getPaymentsCsvBatch(
  source: MartSource,
  filters: PaymentFilters,
  sort: PaymentSort,
  after: PaymentKey | undefined,
  limit: number,
): Promise<CsvBatch> {
  const { db, tables } = source;
  const params: unknown[] = [];
  const line = lineSql(params);
  const textColumns = TEXT_COLUMNS.map((column) => textColumnSql(column, source));
  const conditions = [paymentFiltersSql(filters, params, source)];
  if (after) conditions.push(keysetAfterSql(sort, after, params));
  params.push(limit);
  // The aggregates read the batch in the subquery's order (a plain aggregate over a sorted
  // subquery keeps its input order); the last element of each key array is the batch's last row.
  const rows = await db.query<{ text: string | null; rows: number; chargeId: string | null; createdAt: string | null; currency: string | null; amount: number | null; status: string | null }>(
    `select string_agg(line, chr(13) || chr(10)) || chr(13) || chr(10) as text, count(*)::int as rows,
            (array_agg(charge_id))[count(*)] as "chargeId", (array_agg(created_at))[count(*)] as "createdAt",
            (array_agg(currency))[count(*)] as currency, (array_agg(amount))[count(*)] as amount, (array_agg(status))[count(*)] as status
       from (select ${line} as line, charge_id, created_at, currency, amount, status
               from (select ${textColumns.map((expr, i) => `${expr} as ${TEXT_COLUMNS[i]}`).join(', ')}, created_at, amount, attempt_number,
                            created_at::text as created, concat(${textColumns.join(', ')}) as raw
                       from ${tables.payments}
                      where ${conditions.join(' and ')}
                      order by ${orderBySql(sort)}
                      limit $${params.length}) as batch_rows) as batch`,
    params,
  );
  const row = rows[0];
  if (!row || row.rows === 0 || row.text === null) return { text: '', rows: 0, last: undefined };
  return {
    text: row.text,
    rows: row.rows,
    last: { chargeId: row.chargeId!, createdAt: row.createdAt!, currency: row.currency!, amount: row.amount!, status: row.status as PaymentKey['status'] },
  };
}
