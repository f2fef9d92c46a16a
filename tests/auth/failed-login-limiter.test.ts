import { describe, expect, it } from 'vitest';
import { clientAddressBehindProxies, rateLimitKey } from '../../src/auth/client-address.ts';
import { createFailedLoginLimiter } from '../../src/auth/failed-login-limiter.ts';
import { NOW, secondsAfter } from './fixtures.ts';

describe('failed-login limiter (fake clock)', () => {
  it('allows five failures in 15 minutes, then refuses until the oldest leaves the window', () => {
    const limiter = createFailedLoginLimiter();
    for (let i = 0; i < 5; i++) {
      expect(limiter.check('203.0.113.7', secondsAfter(NOW, i * 60))).toEqual({ allowed: true });
      limiter.recordFailure('203.0.113.7', secondsAfter(NOW, i * 60));
    }
    // Failures at +0, +60 … +240 s; the first leaves the 900 s window at +900 s.
    expect(limiter.check('203.0.113.7', secondsAfter(NOW, 300))).toEqual({ allowed: false, retryAfterSeconds: 600 });
    expect(limiter.check('203.0.113.7', secondsAfter(NOW, 899))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.check('203.0.113.7', secondsAfter(NOW, 900))).toEqual({ allowed: true });
    // One more failure now blocks again until the second-oldest leaves (+60 + 900).
    limiter.recordFailure('203.0.113.7', secondsAfter(NOW, 900));
    expect(limiter.check('203.0.113.7', secondsAfter(NOW, 901))).toEqual({ allowed: false, retryAfterSeconds: 59 });
  });

  it('keeps clients apart', () => {
    const limiter = createFailedLoginLimiter({ maxFailures: 2 });
    limiter.recordFailure('198.51.100.1', NOW);
    limiter.recordFailure('198.51.100.1', NOW);
    expect(limiter.check('198.51.100.1', NOW).allowed).toBe(false);
    expect(limiter.check('198.51.100.2', NOW).allowed).toBe(true);
  });

  it('forgets a client on reset (a correct password)', () => {
    const limiter = createFailedLoginLimiter({ maxFailures: 2 });
    limiter.recordFailure('198.51.100.1', NOW);
    limiter.reset('198.51.100.1');
    limiter.recordFailure('198.51.100.1', NOW);
    expect(limiter.check('198.51.100.1', NOW).allowed).toBe(true);
  });

  it('stays within its memory bound, forgetting the least recently failing client', () => {
    const limiter = createFailedLoginLimiter({ maxFailures: 1, maxTrackedClients: 3 });
    for (const client of ['a', 'b', 'c', 'd']) limiter.recordFailure(client, NOW);
    expect(['a', 'b', 'c', 'd'].map((client) => limiter.check(client, NOW).allowed)).toEqual([true, false, false, false]);
  });

  it('rejects nonsense options when created, not per request', () => {
    expect(() => createFailedLoginLimiter({ maxFailures: 0 })).toThrow(RangeError);
    expect(() => createFailedLoginLimiter({ windowSeconds: -1 })).toThrow(RangeError);
  });
});

describe('client address and rate-limit key', () => {
  it('uses the socket address unless proxies are trusted', () => {
    expect(clientAddressBehindProxies('1.2.3.4', '10.0.0.9', 0)).toBe('10.0.0.9');
  });

  it('behind N trusted proxies takes the Nth entry from the right, so a forged prefix changes nothing', () => {
    expect(clientAddressBehindProxies('203.0.113.5', '10.1.1.1', 1)).toBe('203.0.113.5');
    expect(clientAddressBehindProxies('6.6.6.6, 203.0.113.5', '10.1.1.1', 1)).toBe('203.0.113.5');
    expect(clientAddressBehindProxies('6.6.6.6, 203.0.113.5, 172.16.0.1', '10.1.1.1', 2)).toBe('203.0.113.5');
    expect(clientAddressBehindProxies('203.0.113.5', '10.1.1.1', 2)).toBe('203.0.113.5');
    expect(clientAddressBehindProxies(null, '10.1.1.1', 1)).toBe('10.1.1.1');
    expect(clientAddressBehindProxies('<script>', '10.1.1.1', 1)).toBe('10.1.1.1');
  });

  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(rateLimitKey('203.0.113.5')).toBe('203.0.113.5');
    expect(rateLimitKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('[2001:db8::5]')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey(undefined)).toBe('unknown');
  });
});
