/**
 * The TTL strategy as data: which class an endpoint belongs to, how long its responses live and
 * which query parameters change the answer. The same policy drives the response headers (browser,
 * Netlify CDN) and the Node in-process cache key, so the two layers can never disagree.
 */
export type CacheTag = 'overview' | 'payments';

export interface CachePolicy {
  tag: CacheTag;
  ttlSeconds: number;
  /** Serve a stale copy for this long while the CDN refetches in the background. */
  staleWhileRevalidateSeconds: number;
  /** Query parameters that change the response; every other parameter is ignored by both caches. */
  params: readonly string[];
}

export const CACHE_TAGS: readonly CacheTag[] = ['overview', 'payments'];

/** The two classes (DESIGN.md "Caching"): overview data lives 5 minutes, payments data 1 minute. */
function overviewPolicy(params: readonly string[]): CachePolicy {
  return { tag: 'overview', ttlSeconds: 300, staleWhileRevalidateSeconds: 60, params };
}

function paymentsPolicy(params: readonly string[]): CachePolicy {
  return { tag: 'payments', ttlSeconds: 60, staleWhileRevalidateSeconds: 30, params };
}

export const OVERVIEW_RANGE_POLICY = overviewPolicy(['from', 'to', 'currency']);

/** The breakdown also varies by its dimension. */
export const OVERVIEW_BREAKDOWN_POLICY = overviewPolicy([...OVERVIEW_RANGE_POLICY.params, 'by']);

export const FILTERS_POLICY = overviewPolicy([]);

/** /api/freshness: the overview's TTL, no parameters. */
export const FRESHNESS_POLICY = overviewPolicy([]);

export const PAYMENT_FILTER_PARAMS = ['status', 'from', 'to', 'q', 'funnel', 'brand', 'country', 'category', 'decline', 'currency', 'hygiene', 'sort'] as const;

export const PAYMENTS_LIST_POLICY = paymentsPolicy([...PAYMENT_FILTER_PARAMS, 'page', 'size', 'after']);

export const PAYMENT_DETAIL_POLICY = paymentsPolicy([]);

// `limit` and `after` pick one chunk of the export (the Export button's requests).
export const PAYMENTS_CSV_POLICY = paymentsPolicy([...PAYMENT_FILTER_PARAMS, 'limit', 'after']);

/**
 * Headers for a cacheable 200. Browsers may keep it privately for at most the TTL (the Age a
 * cache adds counts against that); the Netlify CDN keeps it durably, keyed only on `params`,
 * tagged for purge. `generatedAt` is when the data was read, so pages can show its age.
 */
export function cacheHeaders(policy: CachePolicy, generatedAt: Date): Record<string, string> {
  const headers: Record<string, string> = {
    'cache-control': `private, max-age=${policy.ttlSeconds}`,
    'netlify-cdn-cache-control': `public, durable, max-age=${policy.ttlSeconds}, stale-while-revalidate=${policy.staleWhileRevalidateSeconds}`,
    'netlify-cache-tag': policy.tag,
    'x-generated-at': generatedAt.toISOString(),
  };
  // No parameter matters (filters, detail): `query=` with an empty list is not a documented
  // form, so vary on a name no client sends, which drops every real parameter from the key.
  headers['netlify-vary'] = `query=${policy.params.length > 0 ? policy.params.join('|') : '_'}`;
  return headers;
}

/**
 * The normalized request a cache entry stands for: method, path and the policy's parameters in a
 * fixed order, empty values dropped (an empty filter is no filter).
 */
export function cacheKey(method: string, url: URL, policy: CachePolicy): string {
  const parts: string[] = [];
  for (const name of [...policy.params].sort()) {
    const values = url.searchParams.getAll(name).filter((value) => value !== '');
    for (const value of values) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return `${method} ${url.pathname}?${parts.join('&')}`;
}
