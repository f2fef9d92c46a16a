import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../helpers/node-build.ts';
import { suiteContext } from './lib/context.ts';
import { reportFigure } from './lib/figures.ts';
import { formatStatusCounts, SuiteClient } from './lib/http.ts';
import { logIn, secretsOf, startSuiteServer } from './lib/suite-server.ts';

/**
 * Failed-login limiting on the Node build, deployed as on Heroku: one trusted proxy in front
 * (TRUST_PROXY_HOPS=1, which Heroku's DYNO sets by default), so the client is the address the
 * proxy appended — the rightmost X-Forwarded-For entry, whatever the client put before it.
 */
const context = suiteContext();
const ATTACKER = '203.0.113.7';
const COLLEAGUE = '198.51.100.20';

describe('login abuse', () => {
  let server: RunningServer;
  let client: SuiteClient;

  beforeAll(async () => {
    server = await startSuiteServer({ TRUST_PROXY_HOPS: '1' });
    client = new SuiteClient(server.url, secretsOf(context));
  });

  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('100 wrong passwords from one address end in 429s with Retry-After; the right password from another address still logs in', async () => {
    const statuses = new Map<number, number>();
    let firstRefusal = -1;
    let retryAfter: string | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      const login = await logIn(client, `wrong-${attempt}`, { forwardedFor: ATTACKER });
      statuses.set(login.status, (statuses.get(login.status) ?? 0) + 1);
      expect(login.cookie).toBeUndefined();
      if (login.status === 429 && firstRefusal === -1) firstRefusal = attempt;
      if (firstRefusal !== -1) expect(login.status, `attempt ${attempt + 1}`).toBe(429);
    }
    const refused = await client.request({
      method: 'POST', path: '/api/login', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url, 'x-forwarded-for': ATTACKER },
      body: 'password=still-wrong&next=/',
    });
    retryAfter = refused.headers['retry-after'] as string | undefined;

    // Rotating a spoofed leftmost entry does not make a new client: the proxy's entry is the rightmost.
    const spoofed = await Promise.all(Array.from({ length: 10 }, (_, i) => logIn(client, 'wrong', { forwardedFor: `10.9.8.${i}, ${ATTACKER}` })));
    // The right password from the blocked address is refused too, without being compared.
    const blockedRight = await logIn(client, context.dashboardPassword, { forwardedFor: ATTACKER });
    const colleague = await logIn(client, context.dashboardPassword, { forwardedFor: COLLEAGUE, next: '/payments' });

    reportFigure('login abuse: statuses for 100 wrong passwords', formatStatusCounts(statuses));
    reportFigure('login abuse: first 429 at attempt', firstRefusal + 1);
    reportFigure('login abuse: Retry-After', `${retryAfter} s`);
    reportFigure('login abuse: right password from another address', `${colleague.status} → ${colleague.location}, cookie ${colleague.cookie ? 'set' : 'missing'}`);

    expect(firstRefusal).toBeGreaterThan(0);
    expect(firstRefusal).toBeLessThanOrEqual(10);
    expect(statuses.get(429)).toBeGreaterThanOrEqual(90);
    expect(refused.status).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(spoofed.map((s) => s.status)).toEqual(Array(10).fill(429));
    expect(blockedRight.status).toBe(429);
    expect(blockedRight.cookie).toBeUndefined();
    expect(colleague.status).toBe(303);
    expect(colleague.location).toBe('/payments');
    expect(colleague.cookie).toBeDefined();
    // …and that session works.
    client.cookie = colleague.cookie;
    expect((await client.get('/api/filters')).status).toBe(200);
  });

  it('without trusted proxies a forged X-Forwarded-For changes nothing: the socket address is the client', async () => {
    const direct = await startSuiteServer({ TRUST_PROXY_HOPS: '0' });
    const directClient = new SuiteClient(direct.url, secretsOf(context));
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await logIn(directClient, 'wrong', { forwardedFor: `192.0.2.${i}` })).status);
      reportFigure('login abuse without trusted proxies, forged X-Forwarded-For per attempt', statuses.join(' '));
      expect(statuses.slice(-5)).toEqual(Array(5).fill(429));
      directClient.scan(direct.output(), 'server log (no proxy)');
      expect(directClient.leaks).toEqual([]);
    } finally {
      directClient.close();
      await direct.stop();
    }
  });

  it('leaked no secret in any answer or log line', () => {
    client.scan(server.output(), 'server log');
    expect(client.leaks).toEqual([]);
  });
});
