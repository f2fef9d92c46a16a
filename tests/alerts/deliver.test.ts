import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverEvents, emailChannel, isSlackWebhook, webhookChannel, DeliveryError } from '../../src/alerts/deliver.ts';
import type { AlertEpisode } from '../../src/contract/alerts.ts';
import { slackMessage, type AlertEvent } from '../../src/alerts/messages.ts';

const EPISODE: AlertEpisode = {
  currency: 'usd',
  startedAt: '2026-03-09T10:30:00.000Z',
  endedAt: null,
  failureRate: 0.2318,
  baselineRate: 0.05,
  attempts: 880,
  failures: 204,
  topReasons: [
    { category: 'processing_error', declineCode: 'processing_error', count: 128 },
    { category: 'processing_error', declineCode: 'issuer_not_available', count: 64 },
  ],
};
const STARTED: AlertEvent = { event: 'started', episode: EPISODE };
const RESOLVED: AlertEvent = { event: 'resolved', episode: { ...EPISODE, endedAt: '2026-03-09T15:00:00.000Z' } };
const LINK = 'https://dash.example.com/payments?status=failed&from=2026-03-09&to=2026-03-09&currency=usd';
const options = (channels: ReturnType<typeof webhookChannel>[], log: string[] = []) => ({
  channels, dashboardUrl: 'https://dash.example.com', timeZone: 'UTC', retry: { tries: 3, firstDelayMs: 20 }, log: (m: string) => log.push(m),
});

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local webhook receiver answering each request with the next status of `statuses` (then 200). */
async function receiver(statuses: number[]): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      const status = statuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'temporarily unavailable');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token`, bodies };
}

describe('webhook delivery', () => {
  it('posts the JSON payload, retrying a receiver that fails first', async () => {
    const hook = await receiver([503, 500]);
    const log: string[] = [];
    await deliverEvents([STARTED], options([webhookChannel(hook.url)], log));
    expect(hook.bodies).toHaveLength(3);
    expect(hook.bodies[2]).toEqual({ event: 'started', ...EPISODE, dashboardUrl: LINK });
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/try 1 failed \(HTTP 503 temporarily unavailable\); retrying in 20 ms/);
    expect(log.join('\n')).not.toContain('secret-token'); // a webhook's path is its secret
  });

  it('gives up after three tries with one line naming the channel and the reason', async () => {
    const hook = await receiver([500, 500, 500, 500]);
    const attempt = deliverEvents([RESOLVED], options([webhookChannel(hook.url)]));
    await expect(attempt).rejects.toThrow(DeliveryError);
    await expect(attempt).rejects.toThrow(/^webhook http:\/\/127\.0\.0\.1:\d+ \(resolved usd\) failed after 3 tries: HTTP 500 temporarily unavailable$/);
    expect(hook.bodies).toHaveLength(3);
  });

  it('does not retry what retrying cannot fix (a 404: a removed webhook)', async () => {
    const hook = await receiver([404]);
    await expect(deliverEvents([STARTED], options([webhookChannel(hook.url)]))).rejects.toThrow(/failed after 1 try: HTTP 404/);
    expect(hook.bodies).toHaveLength(1);
  });

  it('says so when nothing answers', async () => {
    const port = (await receiver([])).url.split(':')[2]!.split('/')[0];
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(deliverEvents([STARTED], options([webhookChannel(`http://127.0.0.1:${port}/x`)]))).rejects.toThrow(/failed after 3 tries: no answer/);
  });
});

describe('Slack message', () => {
  it('recognizes Slack incoming webhooks by host', () => {
    expect(isSlackWebhook('https://hooks.slack.com/services/T0/B0/X')).toBe(true);
    expect(isSlackWebhook('https://example.com/hooks.slack.com')).toBe(false);
  });

  it('has a notification text and Block Kit blocks with the numbers, the reasons and the link', () => {
    const message = slackMessage(STARTED, LINK);
    expect(message.text).toBe('Failure spike in USD: 23.2 % of payments failing (baseline 5.0 %)');
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: message.text } });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('204 / 880');
    expect(text).toContain('processing_error / issuer_not_available: 64');
    expect(text).toContain(`<${LINK}|Open the failed payments in the dashboard>`);
    for (const block of message.blocks as { type: string; text?: { type: string }; fields?: unknown[] }[]) {
      expect(['header', 'section']).toContain(block.type);
      if (block.fields) expect(block.fields.length).toBeLessThanOrEqual(10); // Block Kit's limit per section
    }
    expect(slackMessage(RESOLVED, LINK).text).toBe('Resolved: USD failure rate back near its baseline (5.0 %)');
  });
});

describe('email delivery', () => {
  it('sends through SMTP to every recipient', async () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk) => (data += chunk));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const channel = emailChannel({ smtpUrl: `smtp://127.0.0.1:${port}`, emailTo: ['team@example.com', 'oncall@example.com'], emailFrom: 'dash@example.com' });
      await deliverEvents([STARTED], { ...options([]), channels: [channel] });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: 'dash@example.com', to: ['team@example.com', 'oncall@example.com'] });
      expect(received[0]!.data).toContain('Subject: Failure spike in USD: 23.2 % of payments failing (baseline');
      expect(received[0]!.data).toContain('204 failed of 880 attempts');
      expect(received[0]!.data).toContain('processing_error / processing_error: 128');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
