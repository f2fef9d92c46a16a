/**
 * The marts' diagnosis (src/queries/mart-diagnosis.ts) kept per process, and the database the
 * data handlers get: one that refuses with 503 marts_missing / marts_forbidden /
 * marts_incomplete while the marts are not as configured, instead of a vague database error.
 *
 * A good diagnosis is kept until a query fails the way a missing table, column or grant makes
 * it fail (then it is asked again at once, so a dropped table is named on the very request that
 * hit it); a bad one is asked again after RECHECK_MS, so fixing the grant or the setting heals
 * the running server without a restart. A database that does not answer is not remembered.
 */
import type { Database } from '../db/database.ts';
import { DatabaseError } from '../db/database.ts';
import { AppError } from '../http/app-error.ts';
import { diagnoseMarts, type MartDiagnosis } from '../queries/mart-diagnosis.ts';
import type { Config } from '../config/config.ts';

export const RECHECK_MS = 5_000;

/** SQLSTATEs of a mart that is not as configured: undefined table / column / schema, insufficient privilege. */
const MART_SQLSTATES = new Set(['42P01', '42703', '3F000', '42501']);

export interface MartCheck {
  /** The current diagnosis (cached; see above). Rejects with a DatabaseError when the database does not answer. */
  current(): Promise<MartDiagnosis>;
  /** Forgets the cached diagnosis: the next `current()` asks the catalog again. */
  invalidate(): void;
}

export function createMartCheck(
  db: Database,
  settings: Pick<Config, 'martSchema' | 'paymentsTable' | 'dailyTable'>,
  clock: () => number = Date.now,
): MartCheck {
  let cached: { diagnosis: Promise<MartDiagnosis>; at: number } | undefined;
  const ask = (): Promise<MartDiagnosis> => {
    const entry = { diagnosis: diagnoseMarts(db, settings), at: clock() };
    cached = entry;
    entry.diagnosis.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return entry.diagnosis;
  };
  const current = async (): Promise<MartDiagnosis> => {
    const entry = cached;
    if (!entry) return ask();
    const diagnosis = await entry.diagnosis;
    if (diagnosis.status === 'ok' || clock() - entry.at < RECHECK_MS) return diagnosis;
    // Concurrent callers share one new question.
    return cached === entry ? ask() : current();
  };
  return {
    current,
    invalidate() {
      cached = undefined;
    },
  };
}

/** The 503 a data route answers while the marts are not as configured. */
function martsError(diagnosis: MartDiagnosis): AppError {
  const problem = diagnosis.problems[0]!;
  return new AppError(503, `marts_${problem.status}`, problem.message, {
    headers: { 'retry-after': '30' },
    details: { table: problem.table, setting: problem.setting, ...(problem.columns ? { columns: problem.columns } : {}) },
  });
}

async function requireMarts(check: MartCheck): Promise<void> {
  const diagnosis = await check.current();
  if (diagnosis.status !== 'ok') throw martsError(diagnosis);
}

/**
 * The data handlers' database: every statement first checks the (cached) diagnosis, and a
 * statement failing like a missing mart re-checks it, so the answer names the table and setting.
 */
export function martCheckedDatabase(db: Database, check: MartCheck): Database {
  async function checked<T>(run: () => Promise<T>): Promise<T> {
    await requireMarts(check);
    try {
      return await run();
    } catch (error) {
      if (error instanceof DatabaseError && error.sqlState && MART_SQLSTATES.has(error.sqlState)) {
        check.invalidate();
        await requireMarts(check);
      }
      throw error;
    }
  }
  const checkedDb: Database = {
    kind: db.kind,
    query: <Row>(text: string, params?: readonly unknown[]) => checked(() => db.query<Row>(text, params)),
    close: () => db.close(),
  };
  // The CSV export's COPY, checked like every statement (without it the export fell back to
  // lines written in SQL: 72k rather than 166k+ rows/s).
  const { copyCsv } = db;
  if (copyCsv) checkedDb.copyCsv = (text, params) => checked(() => copyCsv.call(db, text, params));
  return checkedDb;
}
