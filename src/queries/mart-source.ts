import type { Database } from '../db/database.ts';
import type { MartTables } from '../marts/mart-tables.ts';

/** What every query function reads from: the read-only database and the quoted mart names. */
export interface MartSource {
  db: Database;
  tables: MartTables;
}

/** An inclusive range of reporting-zone calendar days, 'YYYY-MM-DD'. */
export interface DayRange {
  from: string;
  to: string;
}
