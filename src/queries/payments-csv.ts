import { currencyDigits } from '../contract/money.ts';
import type { MartSource } from './mart-source.ts';
import { paymentFiltersSql, type PaymentFilters } from './payment-filters-sql.ts';
import type { PaymentSort } from '../contract/payments.ts';
import { keysetAfterSql, orderBySql, type PaymentKey } from './payment-sort.ts';
import { adviceCodeSql, recoveryActionSql } from './recovery-action-sql.ts';
import { crlfRecords } from './crlf-records.ts';

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

/**
 * Whether a text starts like a formula (one of FORMULA_START_CODES). Every one of those codes is
 * below 65 ('A') and most cells start with a letter, so one comparison settles them before the
 * list is searched: PostgreSQL's time for the export's cells, 200,000 rows in paired runs, 813 →
 * 743 and 819 → 773 ms.
 */
function startsLikeFormula(expr: string): string {
  return `ascii(${expr}) < 65 and ascii(${expr}) in (${FORMULA_START_CODES})`;
}

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
  return `case when ${startsLikeFormula(expr)} then '''' || ${expr} else ${expr} end`;
}

/** A cell of text known to hold no quote, comma, CR or LF. */
function plainCell(expr: string): string {
  return `case when ${startsLikeFormula(expr)} then '''' || ${expr} else coalesce(${expr}, '') end`;
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
/**
 * The same text, cheaper: to_json writes a timestamptz in XML Schema's form, which is ISO 8601 with
 * the offset as ±HH:MM and the same fractional seconds, in the session's zone. It differs from the
 * rewrite only for BC and five-digit years and for offsets with seconds, which tzdb has in no zone
 * after Monrovia's of 1972 (the test runs every zone). Its substr and length calls made the rewrite
 * cost as much as the whole row without it (200,000 rows: 558 against 333 ms).
 */
const XSD_CREATED_AT = `when created_at >= '1973-01-01' and created_at < '10000-01-01' then to_json(created_at) #>> '{}'`;
/** The ISO 8601 rewrites of a `created` of the usual shape, by where its offset starts. */
const ISO_BRANCHES = `when substr(created, length(created) - 2, 1) in ('+', '-') then overlay(created placing 'T' from 11 for 1) || ':00'
    when substr(created, length(created) - 5, 1) in ('+', '-') then overlay(created placing 'T' from 11 for 1)
    when substr(created, length(created) - 8, 1) in ('+', '-') then left(overlay(created placing 'T' from 11 for 1), -3)`;
const ISO_CREATED_AT = `case
    ${XSD_CREATED_AT}
    when not (${STANDARD_CREATED_AT}) then created
    ${ISO_BRANCHES}
    else created end`;

/**
 * The amount in major units. Nearly every charge is in a currency of two digits, so one probe of
 * all the other codes comes first and only their charges are asked which digits (200,000 rows:
 * 443 against 533 ms with a probe per digit count).
 */
function amountSql(params: unknown[]): string {
  const byDigits = [...currenciesByDigits()];
  params.push(byDigits.flatMap(([, codes]) => codes));
  const otherDigits = `$${params.length}::text[]`;
  const branches = byDigits.map(([digits, codes]) => {
    params.push(codes);
    return `when upper(currency) = any($${params.length}::text[]) then ${digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`}`;
  });
  return `(amount * case when upper(currency) = any(${otherDigits}) then case ${branches.join(' ')} end else 0.01 end)::text`;
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

/** A cell for PostgreSQL's own CSV writer (COPY), which quotes as csvField does: only neutralized, '' as null (COPY writes "" for it). */
function copyTextCell(expr: string): string {
  return `case when ${startsLikeFormula(expr)} then '''' || ${expr} else nullif(${expr}, '') end`;
}

/** The 19 cells for COPY over the batch's columns (batchRowsSql), as lineSql writes them but unquoted. */
function copyCellsSql(params: unknown[]): string {
  const amount = amountSql(params);
  return [
    ...['charge_id', 'payment_intent_id', 'customer_id', 'profile_id'].map(copyTextCell),
    // A timestamp of the usual shape starts with a digit; any other text is neutralized like text.
    // The common shape is answered first, so only other rows pay for ascii() and the rewrite.
    `case ${XSD_CREATED_AT} when ${startsLikeFormula('created')} then '''' || created else ${ISO_CREATED_AT} end`,
    `case when amount < 0 then '''' || ${amount} else ${amount} end`,
    ...['currency', 'status', 'failure_code', 'decline_code', 'failure_category', 'recovery_action', 'failure_message',
      'card_brand', 'card_last4', 'card_country', 'funnel'].map(copyTextCell),
    'attempt_number',
    copyTextCell('advice_code'),
  ].join(', ');
}

export interface CsvBatch {
  /**
   * The batch's CSV lines (UTF-8), each ending in CRLF; empty when there are no more rows. They
   * may still be on their way when the batch's end is known, so the next batch can start at once.
   */
  bytes: Promise<Uint8Array<ArrayBuffer>>;
  rows: number;
  /** Where the batch ended, for the next one. */
  last: PaymentKey | undefined;
}

/** Which rows a batch holds: the next `limit` after `after` in the sort order (from the start when undefined). */
function batchScopeSql(source: MartSource, filters: PaymentFilters, sort: PaymentSort, after: PaymentKey | undefined, limit: number, params: unknown[]): string {
  const conditions = [paymentFiltersSql(filters, params, source)];
  if (after) conditions.push(keysetAfterSql(sort, after, params));
  params.push(limit);
  return `from ${source.tables.payments}
     where ${conditions.join(' and ')}
     order by ${orderBySql(sort)}
     limit $${params.length}`;
}

/** The batch's rows with every column a cell is made of (`created`: created_at as the server's text). */
function batchRowsSql(source: MartSource, filters: PaymentFilters, sort: PaymentSort, after: PaymentKey | undefined, limit: number, params: unknown[]): string {
  const textColumns = TEXT_COLUMNS.map((column) => textColumnSql(column, source));
  return `select ${textColumns.map((expr, i) => `${expr} as ${TEXT_COLUMNS[i]}`).join(', ')}, created_at, amount, attempt_number, created_at::text as created
      ${batchScopeSql(source, filters, sort, after, limit, params)}`;
}

type BatchEndRow = { rows: number; chargeId: string; createdAt: string; currency: string; amount: number; status: PaymentKey['status'] };

function batchEnd(row: BatchEndRow | undefined): Pick<CsvBatch, 'rows' | 'last'> {
  if (!row || !row.rows) return { rows: 0, last: undefined };
  return { rows: row.rows, last: { chargeId: row.chargeId, createdAt: row.createdAt, currency: row.currency, amount: row.amount, status: row.status } };
}

/** Lines written in SQL, one text value a batch: for drivers without COPY (Neon, PGlite). */
async function selectCsvBatch(source: MartSource, filters: PaymentFilters, sort: PaymentSort, after: PaymentKey | undefined, limit: number): Promise<CsvBatch> {
  const params: unknown[] = [];
  const line = lineSql(params);
  const rows = batchRowsSql(source, filters, sort, after, limit, params);
  // The aggregates read the batch in the subquery's order (a plain aggregate over a sorted
  // subquery keeps its input order); the last element of each key array is the batch's last row.
  const [row] = await source.db.query<BatchEndRow & { text: string | null }>(
    `select string_agg(line, chr(13) || chr(10)) || chr(13) || chr(10) as text, count(*)::int as rows,
            (array_agg(charge_id))[count(*)] as "chargeId", (array_agg(created_at))[count(*)] as "createdAt",
            (array_agg(currency))[count(*)] as currency, (array_agg(amount))[count(*)] as amount, (array_agg(status))[count(*)] as status
       from (select ${line} as line, charge_id, created_at, currency, amount, status
               from (select *, concat(${TEXT_COLUMNS.join(', ')}) as raw from (${rows}) as batch_rows) as with_raw) as batch`,
    params,
  );
  return { bytes: Promise.resolve(new TextEncoder().encode(row?.text ?? '')), ...batchEnd(row) };
}

/**
 * Lines written by PostgreSQL's COPY, beside a query for where the batch ends (its last row's
 * key and position), the two at once on two connections. COPY's CSV writer quotes exactly the
 * cells csvField quotes (a comma, quote, CR or LF inside); with CRLF record ends the lines are
 * the same bytes.
 */
async function copyCsvBatch(
  copyCsv: NonNullable<MartSource['db']['copyCsv']>, source: MartSource, filters: PaymentFilters, sort: PaymentSort, after: PaymentKey | undefined, limit: number,
): Promise<CsvBatch> {
  const copyParams: unknown[] = [];
  const cells = copyCellsSql(copyParams);
  const copyRows = batchRowsSql(source, filters, sort, after, limit, copyParams);
  const endParams: unknown[] = [];
  const endScope = batchScopeSql(source, filters, sort, after, limit, endParams);
  // row_number() over () numbers the rows in the ordered subquery's order, as the aggregates above read it.
  const copied = copyCsv(`select ${cells} from (${copyRows}) as batch_rows`, copyParams);
  copied.catch(() => {}); // a failed end query returns first; the copy's failure is then nobody's to report
  const [end] = await source.db.query<BatchEndRow>(
    `select n::int as rows, charge_id as "chargeId", created_at as "createdAt", currency, amount, status
       from (select charge_id, created_at, currency, amount, status, row_number() over () as n
               from (select charge_id, created_at, currency, amount, status ${endScope}) as batch_rows) as numbered
      order by n desc limit 1`,
    endParams,
  );
  const ended = batchEnd(end);
  return { bytes: copied.then((bytes) => crlfRecords(bytes, ended.rows)), ...ended };
}

/** The next `limit` rows' CSV lines after `after` in the sort order (from the start when undefined). */
export function getPaymentsCsvBatch(
  source: MartSource,
  filters: PaymentFilters,
  sort: PaymentSort,
  after: PaymentKey | undefined,
  limit: number,
): Promise<CsvBatch> {
  const { copyCsv } = source.db;
  return copyCsv ? copyCsvBatch(copyCsv, source, filters, sort, after, limit) : selectCsvBatch(source, filters, sort, after, limit);
}
