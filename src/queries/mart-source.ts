import type { Database } from '../db/database.ts';
import type { MartTables } from '../marts/mart-tables.ts';

/** What every query function reads from: the read-only database and the quoted mart names. */
export interface MartSource {
  db: Database;
  tables: MartTables;
  /**
   * Whether the payments mart has the optional advice_code column (detected once per process by
   * the marts check; see src/api/payments-source.ts). Absent means it has not.
   */
  adviceCode?: boolean;
}
