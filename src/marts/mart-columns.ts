import { CHARGE_COLUMNS } from './charge-row.ts';

/**
 * The columns the dashboard reads from each mart (schema.sql), and the optional ones whose
 * presence turns a feature on. The start-up and per-process mart check (src/queries/mart-diagnosis.ts)
 * compares these with what the database has.
 */
export const REQUIRED_COLUMNS = {
  payments: CHARGE_COLUMNS,
  daily: [
    'date', 'currency', 'total_attempts', 'successful_payments', 'failed_payments', 'gross_revenue', 'failed_revenue',
    'retried_payments', 'recovered_payments', 'recovered_revenue',
  ],
} as const satisfies Record<'payments' | 'daily', readonly string[]>;

/** Read when present: Stripe's `outcome.advice_code` overrides the mapped recovery action. */
export const OPTIONAL_COLUMNS = { payments: ['advice_code'], daily: [] } as const satisfies Record<'payments' | 'daily', readonly string[]>;

export type MartName = keyof typeof REQUIRED_COLUMNS;
