/**
 * The scheduled check. What a run at tick t announces is decided from the data alone: the
 * episodes whose start or end is tick t, found by replaying the checks of the days before it.
 * Two runs at consecutive ticks can therefore never announce the same event, and a restart
 * changes nothing; the ledger keeps a second run for the same tick from delivering again.
 */
import type { AlertSettings, DetectionSettings } from '../config/alert-settings.ts';
import type { MartSource } from '../queries/mart-source.ts';
import { deliverEvents, type Channel, type RetryPolicy } from './deliver.ts';
import { findEpisodes, REPLAY_DAYS, slotMsOf, tickAtOrBefore } from './episodes.ts';
import type { TickLedger } from './ledger.ts';
import type { AlertEvent } from './messages.ts';

/** The events that belong to the check at `tick`. */
export async function eventsAtTick(source: MartSource, settings: DetectionSettings, tick: number): Promise<AlertEvent[]> {
  const ticksPerDay = (24 * 60) / settings.intervalMinutes;
  const announced = (startTick: number, endTick: number | null) => startTick === tick || endTick === tick;
  const found = await findEpisodes(source, settings, { from: tick - REPLAY_DAYS * ticksPerDay, to: tick }, (d) => announced(d.startTick, d.endTick));
  const events: AlertEvent[] = [];
  for (const { detected, episode } of found) {
    if (detected.startTick === tick) events.push({ event: 'started', episode });
    if (detected.endTick === tick) events.push({ event: 'resolved', episode });
  }
  return events;
}

export interface CheckOptions {
  source: MartSource;
  settings: AlertSettings;
  timeZone: string;
  at: Date;
  channels: readonly Channel[];
  ledger: TickLedger;
  log: (message: string) => void;
  /** Print the events (through `print`) instead of delivering them; the ledger is left alone. */
  dryRun?: boolean;
  print?: (line: string) => void;
  retry?: RetryPolicy;
}

export interface CheckResult {
  tick: string;
  events: AlertEvent[];
  /** The tick had already been delivered by an earlier run: nothing was sent. */
  alreadyDelivered: boolean;
}

/** One scheduled check: find the tick's events and deliver them (throws DeliveryError when a channel fails). */
export async function runAlertCheck(options: CheckOptions): Promise<CheckResult> {
  const { settings, ledger, log } = options;
  const tick = tickAtOrBefore(options.at, settings);
  const tickIso = new Date(tick * slotMsOf(settings)).toISOString();
  if (!options.dryRun && (await ledger.has(tick))) {
    log(`alerts: the check at ${tickIso} was already delivered; nothing sent`);
    return { tick: tickIso, events: [], alreadyDelivered: true };
  }
  const events = await eventsAtTick(options.source, settings, tick);
  log(`alerts: check at ${tickIso}: ${events.length} event${events.length === 1 ? '' : 's'}`);
  if (options.dryRun) {
    for (const event of events) options.print?.(JSON.stringify({ event: event.event, ...event.episode }));
    return { tick: tickIso, events, alreadyDelivered: false };
  }
  if (events.length > 0) {
    await deliverEvents(events, { channels: options.channels, dashboardUrl: settings.dashboardUrl, timeZone: options.timeZone, retry: options.retry, log });
    await ledger.record(tick);
  }
  return { tick: tickIso, events, alreadyDelivered: false };
}
