/**
 * Failed logins per client, in process: after `maxFailures` failures within `windowSeconds` the
 * client is refused (429, Retry-After) until the oldest of those failures leaves the window. A
 * correct password resets the client's count. The clock is passed to every call, never read here.
 *
 * On Node (one long-lived process) this is the rate limit. On Netlify each function instance has
 * its own copy, so there it only backs up the platform's `rateLimit` rule (netlify/functions/login.mts).
 * The runtime deps hold one (Deps.loginLimiter).
 */
export interface FailedLoginLimiterOptions {
  maxFailures?: number;
  windowSeconds?: number;
  /** Memory bound: beyond this many clients, the least recently failing are forgotten. */
  maxTrackedClients?: number;
}

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface FailedLoginLimiter {
  check(client: string, now: Date): LimitCheck;
  recordFailure(client: string, now: Date): void;
  reset(client: string): void;
}

const DEFAULT_MAX_FAILURES = 5;
const DEFAULT_WINDOW_SECONDS = 15 * 60;

export function createFailedLoginLimiter(options: FailedLoginLimiterOptions = {}): FailedLoginLimiter {
  const maxFailures = options.maxFailures ?? DEFAULT_MAX_FAILURES;
  const windowMs = (options.windowSeconds ?? DEFAULT_WINDOW_SECONDS) * 1000;
  const maxTrackedClients = options.maxTrackedClients ?? 10_000;
  if (!(maxFailures >= 1) || !(windowMs > 0) || !(maxTrackedClients >= 1)) {
    throw new RangeError('createFailedLoginLimiter: maxFailures, windowSeconds and maxTrackedClients must be positive');
  }
  /** client → times (ms) of its failures still inside the window, oldest first. */
  const failures = new Map<string, number[]>();

  function recent(client: string, nowMs: number): number[] {
    const times = (failures.get(client) ?? []).filter((time) => time > nowMs - windowMs && time <= nowMs);
    if (times.length === 0) failures.delete(client);
    return times;
  }

  return {
    check(client, now) {
      const nowMs = now.getTime();
      const times = recent(client, nowMs);
      if (times.length < maxFailures) return { allowed: true };
      const unblockedAt = times[times.length - maxFailures]! + windowMs;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((unblockedAt - nowMs) / 1000)) };
    },
    recordFailure(client, now) {
      const nowMs = now.getTime();
      const times = recent(client, nowMs);
      times.push(nowMs);
      // Re-insert so Map order is "least recently failed first", then trim from the front.
      failures.delete(client);
      failures.set(client, times.slice(-maxFailures));
      while (failures.size > maxTrackedClients) failures.delete(failures.keys().next().value!);
    },
    reset(client) {
      failures.delete(client);
    },
  };
}
