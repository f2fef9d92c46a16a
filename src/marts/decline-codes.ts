import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Stripe decline code → failure code, normalized category and recommended recovery action, kept as
 * data in stripe_decline_codes.csv (a dbt seed: a user's dbt project can adopt it as it is and join
 * it into mart_stripe_payments). This module reads and checks it.
 */
export const FAILURE_CATEGORIES = [
  'card_declined', 'insufficient_funds', 'authentication_required', 'expired_card',
  'incorrect_details', 'processing_error', 'fraud_risk', 'other',
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

export const RECOVERY_ACTIONS = ['retry_eligible', 'request_card', 'authenticate', 'contact_customer', 'do_not_retry'] as const;
export type RecoveryAction = (typeof RECOVERY_ACTIONS)[number];

export interface DeclineCode {
  /** Issuer reason, Stripe `outcome.reason` / `decline_code`. */
  declineCode: string;
  /** Stripe `charge.failure_code` that accompanies it. */
  failureCode: string;
  failureCategory: FailureCategory;
  recoveryAction: RecoveryAction;
  /** What it means and what to do, for the team. */
  description: string;
  /** The customer-facing `charge.failure_message` Stripe gives with it. */
  failureMessage: string;
}

const DECLINE_CODES_FILE = 'stripe_decline_codes.csv';
const REQUIRED_COLUMNS = ['decline_code', 'failure_code', 'failure_category', 'recovery_action', 'description', 'failure_message'] as const;

/**
 * Beside this module when run from source; from the app root when bundled (as install-marts.ts
 * does). Both paths are literal on purpose: Netlify's file tracer reads a computed path as a
 * wildcard over the folder and then packs the wrong files under the function's name.
 */
export function declineCodesPath(): string {
  const candidates = [fileURLToPath(new URL('./stripe_decline_codes.csv', import.meta.url)), join(process.cwd(), 'src/marts/stripe_decline_codes.csv')];
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`decline code mapping not found: src/marts/${DECLINE_CODES_FILE}`);
  return found;
}

/** RFC 4180 CSV: comma-separated, fields optionally double-quoted with "" for a quote inside. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

/** Parses and validates the mapping's text; every problem names its line. */
export function parseDeclineCodeMapping(text: string): ReadonlyMap<string, DeclineCode> {
  const [header, ...lines] = parseCsv(text);
  if (!header) throw new Error(`${DECLINE_CODES_FILE} is empty`);
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  for (const column of REQUIRED_COLUMNS) {
    if (!index.has(column)) throw new Error(`${DECLINE_CODES_FILE} has no ${column} column`);
  }
  const get = (cells: string[], column: (typeof REQUIRED_COLUMNS)[number]) => (cells[index.get(column)!] ?? '').trim();
  const mapping = new Map<string, DeclineCode>();
  lines.forEach((cells, i) => {
    const where = `${DECLINE_CODES_FILE} line ${i + 2}`;
    const declineCode = get(cells, 'decline_code');
    const failureCategory = get(cells, 'failure_category');
    const recoveryAction = get(cells, 'recovery_action');
    if (!/^[a-z_]+$/.test(declineCode)) throw new Error(`${where}: bad decline_code "${declineCode}"`);
    if (mapping.has(declineCode)) throw new Error(`${where}: duplicate decline_code ${declineCode}`);
    if (!(FAILURE_CATEGORIES as readonly string[]).includes(failureCategory)) {
      throw new Error(`${where}: unknown failure_category "${failureCategory}"`);
    }
    if (!(RECOVERY_ACTIONS as readonly string[]).includes(recoveryAction)) {
      throw new Error(`${where}: unknown recovery_action "${recoveryAction}"`);
    }
    const failureCode = get(cells, 'failure_code');
    if (!failureCode) throw new Error(`${where}: empty failure_code`);
    mapping.set(declineCode, {
      declineCode,
      failureCode,
      failureCategory: failureCategory as FailureCategory,
      recoveryAction: recoveryAction as RecoveryAction,
      description: get(cells, 'description'),
      failureMessage: get(cells, 'failure_message'),
    });
  });
  return mapping;
}

let cached: ReadonlyMap<string, DeclineCode> | undefined;

/** The shipped mapping, keyed by decline code (read once per process). */
export function loadDeclineCodeMapping(): ReadonlyMap<string, DeclineCode> {
  cached ??= parseDeclineCodeMapping(readFileSync(declineCodesPath(), 'utf8'));
  return cached;
}
