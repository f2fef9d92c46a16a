import { DAY, HOUR } from './durations.ts';

const INCIDENT_DAYS_BEFORE_END = 22;
const INCIDENT_START_HOUR = 7;
const INCIDENT_HOURS = 58;
const INCIDENT_RAMP_HOURS = 6;
const INCIDENT_PEAK_FAILURE = 0.24;

/** What the incident looks like: the issuer/processor side failing, retryable. */
export const DECLINES_INCIDENT: readonly (readonly [string, number])[] = [
  ['processing_error', 45], ['issuer_not_available', 35], ['try_again_later', 20],
];

/**
 * The simulated incident: from 07:00 UTC 22 days before endDate's UTC date, for 58 hours
 * (touching three UTC dates), so the charts show it and the alerts backtest finds it. Exported so
 * tests and docs can point at it.
 */
export function incidentWindow(endDate: Date): { start: Date; end: Date } {
  const endDay = Math.floor(endDate.getTime() / DAY) * DAY;
  const start = endDay - INCIDENT_DAYS_BEFORE_END * DAY + INCIDENT_START_HOUR * HOUR;
  return { start: new Date(start), end: new Date(start + INCIDENT_HOURS * HOUR) };
}

/** The extra failure probability at time t: ramping up over 6 hours, a plateau, ramping down. */
export function incidentFailureRate(endDate: Date): (t: number) => number {
  const { start, end } = incidentWindow(endDate);
  const startMs = start.getTime();
  const endMs = end.getTime();
  return (t) => {
    if (t < startMs || t >= endMs) return 0;
    const ramp = Math.min(t - startMs, endMs - t) / (INCIDENT_RAMP_HOURS * HOUR);
    return INCIDENT_PEAK_FAILURE * Math.min(1, ramp);
  };
}
