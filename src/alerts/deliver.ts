/**
 * Sends announcements: ALERT_WEBHOOK_URL (a Slack incoming webhook gets a Slack message, any other
 * URL the JSON payload) and email through nodemailer. Each send is tried up to `tries` times with
 * doubling waits; a channel that still fails makes the whole delivery fail with one line saying
 * which and why (the other channels are still tried).
 */
import type { AlertSettings } from '../config/alert-settings.ts';
import { emailMessage, episodeDashboardUrl, jsonPayload, slackMessage, type AlertEvent } from './messages.ts';

export interface RetryPolicy {
  tries: number;
  /** Wait before the second try; doubled before each later one. */
  firstDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { tries: 3, firstDelayMs: 1000 };
const REQUEST_TIMEOUT_MS = 10_000;

export class DeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** An error retrying cannot fix (a 4xx other than 429: a revoked Slack webhook, a wrong URL). */
class PermanentError extends Error {}

export function isSlackWebhook(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'hooks.slack.com' || host === 'hooks.slack-gov.com';
}

/** Where a URL points, without its path (a webhook's path is its secret). */
const originOf = (url: string) => new URL(url).origin;

async function withRetries(send: () => Promise<void>, policy: RetryPolicy, log: (message: string) => void, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof PermanentError || attempt >= policy.tries) {
        throw new DeliveryError(`${what} failed after ${attempt} ${attempt === 1 ? 'try' : 'tries'}: ${reason}`);
      }
      const wait = policy.firstDelayMs * 2 ** (attempt - 1);
      log(`alerts: ${what} try ${attempt} failed (${reason}); retrying in ${wait} ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

async function postJson(url: string, body: unknown): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
    throw new Error(`no answer (${cause})`);
  }
  const text = (await response.text().catch(() => '')).slice(0, 120).replace(/\s+/g, ' ');
  if (response.ok) return;
  const message = `HTTP ${response.status}${text ? ` ${text}` : ''}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) throw new PermanentError(message);
  throw new Error(message);
}

export interface Channel {
  name: string;
  send(event: AlertEvent, link: string): Promise<void>;
}

export function webhookChannel(url: string): Channel {
  const slack = isSlackWebhook(url);
  return {
    name: `${slack ? 'Slack webhook' : 'webhook'} ${originOf(url)}`,
    send: (event, link) => postJson(url, slack ? slackMessage(event, link) : jsonPayload(event, link)),
  };
}

export function emailChannel(settings: Pick<AlertSettings, 'smtpUrl' | 'emailTo' | 'emailFrom'>): Channel {
  const smtpUrl = settings.smtpUrl!;
  return {
    name: `email via ${new URL(smtpUrl).hostname}`,
    async send(event, link) {
      // Loaded on use: only Node processes that send email pay for nodemailer.
      const { createTransport } = await import('nodemailer');
      const transport = createTransport({ url: smtpUrl, connectionTimeout: REQUEST_TIMEOUT_MS, greetingTimeout: REQUEST_TIMEOUT_MS, socketTimeout: REQUEST_TIMEOUT_MS });
      try {
        await transport.sendMail({ from: settings.emailFrom, to: settings.emailTo, ...emailMessage(event, link) });
      } finally {
        transport.close();
      }
    },
  };
}

/** The channels the settings name (none when alerts are not configured). */
export function configuredChannels(settings: AlertSettings): Channel[] {
  const channels: Channel[] = [];
  if (settings.webhookUrl) channels.push(webhookChannel(settings.webhookUrl));
  if (settings.emailTo.length > 0 && settings.smtpUrl) channels.push(emailChannel(settings));
  return channels;
}

export interface DeliveryOptions {
  channels: readonly Channel[];
  dashboardUrl: string;
  timeZone: string;
  retry?: RetryPolicy;
  log: (message: string) => void;
}

/** Delivers every event on every channel; throws one DeliveryError naming each failure. */
export async function deliverEvents(events: readonly AlertEvent[], options: DeliveryOptions): Promise<void> {
  const failures: string[] = [];
  for (const channel of options.channels) {
    for (const event of events) {
      const link = episodeDashboardUrl(options.dashboardUrl, event.episode, options.timeZone);
      try {
        await withRetries(() => channel.send(event, link), options.retry ?? DEFAULT_RETRY, options.log, `${channel.name} (${event.event} ${event.episode.currency})`);
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  if (failures.length > 0) throw new DeliveryError(failures.join('; '));
}
