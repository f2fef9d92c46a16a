import { describe, expect, it } from 'vitest';
import { ApiError, fetchJson, loginUrl } from '../../src/ui/fetch-json.ts';

function respond(status: number, body: unknown, headers: Record<string, string> = {}): typeof fetch {
  return async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

describe('fetchJson', () => {
  it('returns the data with the time the server read it', async () => {
    const result = await fetchJson<{ a: number }>('/api/x', { fetchImpl: respond(200, { a: 1 }, { 'x-generated-at': '2026-11-01T10:00:00.000Z' }) });
    expect(result).toEqual({ data: { a: 1 }, generatedAt: '2026-11-01T10:00:00.000Z' });
  });

  it('asks for a reload past the browser cache when told to', async () => {
    const seen: RequestInit[] = [];
    const fetchImpl: typeof fetch = async (_url, init) => {
      seen.push(init!);
      return new Response('{}', { status: 200 });
    };
    await fetchJson('/api/x', { fetchImpl });
    await fetchJson('/api/x', { fetchImpl, reload: true, method: 'POST' });
    expect(seen.map((init) => [init.cache, init.method])).toEqual([['default', 'GET'], ['reload', 'POST']]);
  });

  it('throws the API’s error code and message', async () => {
    const error = await fetchJson('/api/x', { fetchImpl: respond(503, { error: 'database_unavailable', message: 'The database is not reachable right now. Please try again in a moment.' }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, code: 'database_unavailable', message: 'The database is not reachable right now. Please try again in a moment.' });
    const invalid = await fetchJson('/api/x', { fetchImpl: respond(400, { error: 'invalid_parameter', message: 'from is after to', param: 'from' }) }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ status: 400, code: 'invalid_parameter', param: 'from' });
  });

  it('survives error pages that are not JSON and unreachable servers', async () => {
    const html = await fetchJson('/api/x', { fetchImpl: respond(502, '<html>Bad gateway</html>') }).catch((e: unknown) => e);
    expect(html).toMatchObject({ status: 502, code: 'http_502' });
    const down = await fetchJson('/api/x', { fetchImpl: async () => { throw new TypeError('Failed to fetch'); } }).catch((e: unknown) => e);
    expect(down).toMatchObject({ status: 0, code: 'network_error' });
    const garbled = await fetchJson('/api/x', { fetchImpl: respond(200, 'not json') }).catch((e: unknown) => e);
    expect(garbled).toMatchObject({ code: 'invalid_response' });
  });

  it('lets aborts through untouched', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetchImpl: typeof fetch = async (_url, init) => {
      init?.signal?.throwIfAborted();
      return new Response('{}');
    };
    const error = await fetchJson('/api/x', { fetchImpl, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AbortError' });
  });

  it('sends a logged-out user to the login page, coming back afterwards', async () => {
    let redirected = 0;
    const error = await fetchJson('/api/x', { fetchImpl: respond(401, { error: 'unauthenticated', message: 'Log in' }), onUnauthenticated: () => redirected++ }).catch((e: unknown) => e);
    expect(redirected).toBe(1);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(loginUrl({ pathname: '/', search: '?range=custom&from=2026-01-01' })).toBe('/login?next=%2F%3Frange%3Dcustom%26from%3D2026-01-01');
  });
});
