import type { MartSource } from '../queries/mart-source.ts';
import type { Deps } from './deps.ts';

/**
 * The mart source of the queries that show a recommended action, with the optional advice_code
 * column's presence taken from the marts' diagnosis, which is asked once per process (not per
 * request; see mart-check.ts). A mart without the column keeps working on the mapped action.
 */
export async function paymentsSource(deps: Deps): Promise<MartSource> {
  const { columns } = await deps.marts.current();
  return { db: deps.db, tables: deps.tables, adviceCode: columns.payments.has('advice_code') };
}
