/**
 * What an announcement says, per channel: the generic webhook's JSON, a Slack incoming-webhook
 * message (a `text` fallback for notifications plus Block Kit blocks), and an email.
 */
import { todayIn } from '../contract/calendar-date.ts';
import type { AlertEpisode } from '../contract/alerts.ts';

export type AlertEventKind = 'started' | 'resolved';

export interface AlertEvent {
  event: AlertEventKind;
  episode: AlertEpisode;
}

export interface AlertJsonPayload extends AlertEpisode {
  event: AlertEventKind;
  dashboardUrl: string;
}

/** The payments explorer showing the episode's failed charges of its first day, in its currency. */
export function explorerPath(episode: Pick<AlertEpisode, 'startedAt' | 'currency'>, timeZone: string): string {
  const day = todayIn(timeZone, new Date(episode.startedAt));
  return `/payments?${new URLSearchParams({ status: 'failed', from: day, to: day, currency: episode.currency })}`;
}

export function episodeDashboardUrl(dashboardUrl: string, episode: AlertEpisode, timeZone: string): string {
  return `${dashboardUrl}${explorerPath(episode, timeZone)}`;
}

export function jsonPayload(event: AlertEvent, link: string): AlertJsonPayload {
  return { event: event.event, ...event.episode, dashboardUrl: link };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

function reasonLines(episode: AlertEpisode): string[] {
  return episode.topReasons.map((reason) => `${reason.category}${reason.declineCode ? ` / ${reason.declineCode}` : ''}: ${reason.count.toLocaleString('en-US')}`);
}

function headline({ event, episode }: AlertEvent): string {
  const currency = episode.currency.toUpperCase();
  return event === 'started'
    ? `Failure spike in ${currency}: ${percent(episode.failureRate)} of payments failing (baseline ${percent(episode.baselineRate)})`
    : `Resolved: ${currency} failure rate back near its baseline (${percent(episode.baselineRate)})`;
}

function summary({ event, episode }: AlertEvent): string {
  const counts = `${episode.failures.toLocaleString('en-US')} failed of ${episode.attempts.toLocaleString('en-US')} attempts`;
  return event === 'started'
    ? `Since ${episode.startedAt}: ${counts}.`
    : `From ${episode.startedAt} to ${episode.endedAt}: ${percent(episode.failureRate)} failed (${counts}).`;
}

/** Slack escapes &, < and > in mrkdwn text; everything else passes as is. */
const slackEscape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function slackMessage(event: AlertEvent, link: string): { text: string; blocks: unknown[] } {
  const { episode } = event;
  const reasons = reasonLines(episode);
  return {
    text: headline(event),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: headline(event).slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(summary(event)) } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Failure rate*\n${percent(episode.failureRate)}` },
          { type: 'mrkdwn', text: `*Baseline*\n${percent(episode.baselineRate)}` },
          { type: 'mrkdwn', text: `*Failed / attempts*\n${episode.failures.toLocaleString('en-US')} / ${episode.attempts.toLocaleString('en-US')}` },
          { type: 'mrkdwn', text: `*Currency*\n${episode.currency.toUpperCase()}` },
        ],
      },
      ...(reasons.length > 0 ? [{ type: 'section', text: { type: 'mrkdwn', text: `*Top reasons*\n${reasons.map((line) => `• ${slackEscape(line)}`).join('\n')}` } }] : []),
      { type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open the failed payments in the dashboard>` } },
    ],
  };
}

export function emailMessage(event: AlertEvent, link: string): { subject: string; text: string } {
  const reasons = reasonLines(event.episode);
  return {
    subject: headline(event),
    text: [
      headline(event),
      '',
      summary(event),
      ...(reasons.length > 0 ? ['', 'Top reasons:', ...reasons.map((line) => `  - ${line}`)] : []),
      '',
      `Dashboard: ${link}`,
      '',
    ].join('\n'),
  };
}
