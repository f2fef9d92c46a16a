// The failure-spike check on Netlify, every 15 minutes (README "Failure-spike alerts"); the Node
// web process runs the same scheduledCheck on its own timer (src/cli/serve.ts).
import type { Config, Context } from '@netlify/functions';
import { memoryLedger } from '../../src/alerts/ledger.ts';
import { cronRunIsTick, scheduledCheck } from '../../src/alerts/schedule.ts';
import { getNetlifyDeps } from '../lib/netlify-api.ts';

const CRON_MINUTES = 15;
// A scheduled function runs once per tick, so what it announces needs no stored state (see
// src/alerts/check.ts); this only covers a warm instance invoked twice for one tick.
const ledger = memoryLedger();

export default async (_request: Request, context: Context): Promise<Response> => {
  const deps = await getNetlifyDeps(context?.deploy?.context);
  const settings = deps.config.alerts;
  if (!settings.enabled) return Response.json({ checked: false, reason: 'alerts are not configured' });
  const now = deps.now();
  const due = cronRunIsTick(now, settings.intervalMinutes, CRON_MINUTES);
  if (due === null) {
    deps.log(`alerts: ALERT_INTERVAL_MINUTES=${settings.intervalMinutes} is not a multiple of Netlify's ${CRON_MINUTES}-minute schedule; not checking`);
    return Response.json({ checked: false, reason: 'interval does not fit the schedule' }, { status: 500 });
  }
  if (!due) return Response.json({ checked: false, reason: 'not a tick of the interval' });
  const delivered = await scheduledCheck({ source: async () => deps, settings, timeZone: deps.config.reportingTimezone, ledger, log: deps.log }, now);
  return Response.json({ checked: true, delivered }, { status: delivered ? 200 : 500 });
};

export const config: Config = { schedule: '*/15 * * * *' };
