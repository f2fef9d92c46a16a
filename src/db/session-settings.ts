/**
 * Settings every connection gets right after it opens. They are applied with set_config in one
 * parameterized statement rather than as startup options, because poolers (Neon, PgBouncer)
 * reject startup options. default_transaction_read_only makes every statement's transaction
 * read-only, so even a buggy query cannot write; statement_timeout makes the server cancel
 * runaway queries; TimeZone makes date boundaries and timestamp offsets follow the reporting zone.
 */
export interface SessionSettings {
  statementTimeoutMs: number;
  timeZone: string;
  readOnly: boolean;
}

export const SESSION_SETTINGS_SQL =
  "select set_config('default_transaction_read_only', $1, false), set_config('statement_timeout', $2, false), " +
  "set_config('TimeZone', $3, false), set_config('DateStyle', 'ISO, YMD', false), set_config('IntervalStyle', 'iso_8601', false)";

export function sessionSettingsParams(settings: SessionSettings): string[] {
  return [settings.readOnly ? 'on' : 'off', `${settings.statementTimeoutMs}ms`, settings.timeZone];
}
