/** The API's answers that carry no mart data: errors, health and refresh. */

/**
 * Every error: a stable code to switch on, a message for people, the offending parameter on a
 * 400, and what a 503 marts_* names (table, setting, columns).
 */
export interface ErrorBody {
  error: string;
  message: string;
  param?: string;
  readonly [detail: string]: string | readonly string[] | undefined;
}

export type MartsStatus = 'ok' | 'unknown' | 'missing' | 'forbidden' | 'incomplete';

export interface HealthResponse {
  status: 'ok' | 'degraded';
  database: { kind: string; status: 'ok' | 'unavailable'; latencyMs: number };
  /** Whether the marts are as configured; when not, the first problem's table and setting, and all of them. */
  marts: {
    status: MartsStatus;
    message?: string;
    table?: string;
    setting?: string;
    problems?: readonly { status: MartsStatus; table: string; setting: string; message: string; columns?: string[] }[];
  };
  /** Running on the embedded demo database. */
  demo: boolean;
}

export interface RefreshResponse {
  refreshed: true;
  /** The cache classes dropped. */
  tags: string[];
  at: string;
}
