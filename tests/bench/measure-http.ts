import http from 'node:http';
import { timeIt } from './stats.ts';

export interface HttpClient {
  base: string;
  cookie: string;
}

/** Chrome's Accept-Encoding on a secure origin: what the server is asked for in production. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** One kept-alive connection, as a browser tab reuses its own. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface Received {
  headers: http.IncomingHttpHeaders;
  /** The body as it came over the wire (compressed when the server compressed it). */
  chunks: Buffer[];
}

/**
 * A request whose whole body is received, still encoded: the latency a browser sees, without the
 * benchmark's own decoding. The client shares the two cores with the server and PostgreSQL, and
 * undici's fetch decoding in JavaScript streams cost more than the server's work for a large body
 * (the one-day export, ~900 KB: 44 ms with gzip decoded by fetch, 29 ms received as is; a
 * browser inflates in its own network process). Throws on any status but 200, so a broken
 * endpoint can't look fast.
 */
export function receive(client: HttpClient, path: string, method: 'GET' | 'POST' = 'GET'): Promise<Received> {
  return new Promise((resolve, reject) => {
    const headers = { cookie: client.cookie, origin: client.base, 'accept-encoding': BROWSER_ACCEPT_ENCODING };
    const request = http.request(client.base + path, { method, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        if (response.statusCode !== 200) reject(new Error(`${method} ${path} → ${response.statusCode}`));
        else resolve({ headers: response.headers, chunks });
      });
    });
    request.on('error', reject);
    request.end();
  });
}

/** GET and read the whole body, decoded (for the answers the benchmark reads, not for timing). */
export async function getFully(client: HttpClient, path: string): Promise<string> {
  const response = await fetch(client.base + path, { headers: { cookie: client.cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`);
  return body;
}

/** One request preceded by /api/refresh (untimed), so it reaches the database. */
export async function timeUncachedOnce(client: HttpClient, path: string): Promise<number> {
  await receive(client, '/api/refresh', 'POST');
  return timeIt(() => receive(client, path));
}

/** `runs` uncached samples (after one untimed warm-up request). */
export async function timeUncached(client: HttpClient, path: string, runs: number): Promise<number[]> {
  await receive(client, path);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeUncachedOnce(client, path));
  return samples;
}

/** The same request repeated: after the first, answered from the in-process TTL cache. */
export async function timeCached(client: HttpClient, path: string, runs: number): Promise<number[]> {
  await receive(client, path);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeIt(() => receive(client, path)));
  return samples;
}

/** Logs in through POST /api/login like the form does and returns the session cookie. */
export async function logIn(base: string, password: string): Promise<string> {
  const response = await fetch(`${base}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ password, next: '/' }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (response.status !== 303 || !cookie) throw new Error(`login failed: ${response.status}`);
  return cookie;
}
