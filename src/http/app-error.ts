/**
 * The one error type the handlers throw on purpose: an HTTP status, a stable machine-readable
 * code clients and tests switch on, a message a person can read, and optionally the offending
 * request parameter. `errorResponse` is the single place any error becomes a Response.
 */
import type { ErrorBody } from '../contract/service.ts';
import { CONFIGURATION_ERROR_MESSAGE, ConfigError } from '../config/env-values.ts';
import { DatabaseError } from '../db/database.ts';
import { jsonResponse } from './json-response.ts';

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly param: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Extra fields of the JSON body (what a 503 marts_* names: table, setting, columns). */
  readonly details: Readonly<Record<string, string | readonly string[]>>;
  constructor(
    status: number,
    code: string,
    message: string,
    options: { param?: string; headers?: Record<string, string>; details?: Record<string, string | readonly string[]>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.param = options.param;
    this.headers = options.headers ?? {};
    this.details = options.details ?? {};
  }
}

export function badRequest(param: string, message: string): AppError {
  return new AppError(400, 'invalid_parameter', message, { param });
}

export type ErrorLogger = (message: string) => void;

/** Turns anything thrown into a JSON response; never exposes a stack, SQL or a connection string. */
export function errorResponse(error: unknown, log: ErrorLogger = (m) => console.error(m)): Response {
  if (error instanceof AppError) {
    const body: ErrorBody = { ...error.details, error: error.code, message: error.message };
    if (error.param) body.param = error.param;
    return jsonResponse(body, { status: error.status, headers: { 'cache-control': 'no-store', ...error.headers } });
  }
  if (error instanceof DatabaseError) {
    // The reason and SQLSTATE are enough to diagnose; the driver message could echo a host name.
    log(`database error: ${error.reason}${error.sqlState ? ` (SQLSTATE ${error.sqlState})` : ''}`);
    const message = error.reason === 'timeout'
      ? 'The database took too long to answer. Please try again in a moment.'
      : 'The database is not reachable right now. Please try again in a moment.';
    return jsonResponse({ error: 'database_unavailable', message } satisfies ErrorBody, { status: 503, headers: { 'cache-control': 'no-store', 'retry-after': '5' } });
  }
  if (error instanceof ConfigError) {
    log(`Configuration error: ${error.message}`);
    return jsonResponse({ error: 'configuration_error', message: CONFIGURATION_ERROR_MESSAGE } satisfies ErrorBody, { status: 500, headers: { 'cache-control': 'no-store' } });
  }
  log(`unexpected error: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return jsonResponse({ error: 'internal_error', message: 'Something went wrong on our side. Please try again.' } satisfies ErrorBody, { status: 500, headers: { 'cache-control': 'no-store' } });
}
