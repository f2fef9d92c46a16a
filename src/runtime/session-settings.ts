import type { Config } from '../config/config.ts';
import type { SessionSettings } from '../db/session-settings.ts';

/** Every connection the dashboard opens: read-only, the statement timeout, the reporting zone. */
export function sessionSettingsFor(config: Pick<Config, 'statementTimeoutMs' | 'reportingTimezone'>): SessionSettings {
  return { statementTimeoutMs: config.statementTimeoutMs, timeZone: config.reportingTimezone, readOnly: true };
}
