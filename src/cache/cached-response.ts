import type { CachePolicy } from './cache-policy.ts';
import { cacheKey } from './cache-policy.ts';
import type { CachedResponse, TtlCache } from './ttl-cache.ts';

function toResponse(value: CachedResponse, ageSeconds: number | undefined): Response {
  const headers = new Headers(value.headers);
  if (ageSeconds !== undefined) headers.set('age', String(ageSeconds));
  return new Response(value.body.slice(), { status: value.status, headers });
}

/**
 * Serves a GET from the in-process cache, or produces it and keeps a successful answer for the
 * policy's TTL. A hit carries `Age`, so a browser's own max-age counts from when the data was
 * read, not from when it reached the browser. Anything but a 200 passes through unstored.
 */
export async function serveCached(
  request: Request,
  policy: CachePolicy,
  cache: TtlCache,
  produce: () => Promise<Response>,
): Promise<Response> {
  if (request.method !== 'GET') return produce();
  const key = cacheKey('GET', new URL(request.url), policy);
  let uncached: Response | undefined;
  const { value, hit } = await cache.getOrFill(key, policy.tag, policy.ttlSeconds, async () => {
    const response = await produce();
    if (response.status !== 200) {
      uncached = response;
      return undefined;
    }
    return { status: response.status, headers: [...response.headers], body: new Uint8Array(await response.arrayBuffer()) };
  });
  if (uncached) return uncached;
  // Waited on someone else's fill that turned out uncacheable: answer this request on its own.
  if (!value) return produce();
  return toResponse(value, hit?.ageSeconds);
}
