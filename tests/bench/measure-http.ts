import { timeIt } from './stats.ts';

export interface HttpClient {
  base: string;
  cookie: string;
}

/** GET and read the whole body; throws on a non-200 so a broken endpoint can't look fast. */
export async function getFully(client: HttpClient, path: string): Promise<string> {
  const response = await fetch(client.base + path, { headers: { cookie: client.cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} → ${response.status}`);
  return body;
}

async function refresh(client: HttpClient): Promise<void> {
  const response = await fetch(`${client.base}/api/refresh`, { method: 'POST', headers: { cookie: client.cookie, origin: client.base } });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`POST /api/refresh → ${response.status}`);
}

/** Each sample preceded by /api/refresh (untimed), so every timed request reaches the database. */
export async function timeUncached(client: HttpClient, path: string, runs: number): Promise<number[]> {
  await getFully(client, path);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    await refresh(client);
    samples.push(await timeIt(() => getFully(client, path)));
  }
  return samples;
}

/** The same request repeated: after the first, answered from the in-process TTL cache. */
export async function timeCached(client: HttpClient, path: string, runs: number): Promise<number[]> {
  await getFully(client, path);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timeIt(() => getFully(client, path)));
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
