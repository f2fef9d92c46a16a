import type { DatabaseKind } from '../config/config.ts';

/**
 * The only thing the query layer knows about a database. Every driver returns rows normalized the
 * same way (see normalize-types.ts), runs every statement read-only under a statement timeout
 * (see session-settings.ts), and reports failures as DatabaseError so no driver detail leaks out.
 */
export interface Database {
  readonly kind: DatabaseKind;
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Where the driver speaks COPY (node-postgres): `copy (text) to stdout with (format csv)`, the
   * whole output as bytes. PostgreSQL's own CSV writer is several times faster than building the
   * lines in SQL or in JavaScript. `text` must be bounded (a LIMIT): the output is held in memory.
   * Its $n values are quoted by the server (inline-parameters.ts), as COPY binds none.
   */
  copyCsv?(text: string, params?: readonly unknown[]): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

/**
 * A database failure with the driver's error kept for logs but a message safe to show.
 * `reason` separates "the server is gone" from "the statement was cancelled" from "the SQL is wrong".
 */
export class DatabaseError extends Error {
  readonly reason: 'unavailable' | 'timeout' | 'read_only' | 'query';
  readonly sqlState: string | undefined;
  constructor(reason: DatabaseError['reason'], message: string, sqlState?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
    this.reason = reason;
    this.sqlState = sqlState;
  }
}

/** Maps a driver error (pg, Neon, PGlite all expose SQLSTATE as `code`) to a DatabaseError. */
export function toDatabaseError(error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '57014') return new DatabaseError('timeout', 'the query took longer than the statement timeout and was cancelled', code, { cause: error });
  if (code === '25006') return new DatabaseError('read_only', 'the database connection is read-only', code, { cause: error });
  // Class 08 = connection exceptions, 57P0x = server shutting down / cannot connect now, 53 = resources.
  if (code && (/^08/.test(code) || /^57P0/.test(code) || /^53/.test(code))) {
    return new DatabaseError('unavailable', 'the database is not reachable', code, { cause: error });
  }
  if (code && /^[0-9A-Z]{5}$/.test(code)) return new DatabaseError('query', `query failed (SQLSTATE ${code})`, code, { cause: error });
  // No SQLSTATE: a socket error, refused connection, DNS failure or client-side timeout.
  if (/timeout|timed out/i.test(message)) return new DatabaseError('timeout', 'the database did not answer in time', undefined, { cause: error });
  return new DatabaseError('unavailable', 'the database is not reachable', undefined, { cause: error });
}
