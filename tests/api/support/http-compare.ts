/** Headers that must be identical wherever the same handler answers (Netlify function, Node route, direct call). */
export const CACHE_HEADER_NAMES = ['content-type', 'cache-control', 'netlify-cdn-cache-control', 'netlify-vary', 'netlify-cache-tag'] as const;

export function cacheHeadersOf(response: Response): Record<string, string | null> {
  return Object.fromEntries(CACHE_HEADER_NAMES.map((name) => [name, response.headers.get(name)]));
}

/** Requests every API test over HTTP makes: one per endpoint, with a range that has data. */
export const HTTP_PATHS = [
  '/api/overview/kpis?from=2026-03-01&to=2026-03-07',
  '/api/overview/daily?from=2026-03-01&to=2026-03-07&currency=jpy',
  '/api/overview/alerts?from=2026-03-01&to=2026-03-07',
  '/api/overview/failures?from=2026-03-01&to=2026-03-07',
  '/api/overview/recovery?from=2026-03-01&to=2026-03-07',
  '/api/overview/top-failures?from=2026-03-01&to=2026-03-07',
  '/api/overview/breakdown?from=2026-03-01&to=2026-03-07&by=card_country',
  '/api/overview/retry-hygiene?from=2026-03-01&to=2026-03-07',
  '/api/filters',
  '/api/freshness',
  '/api/payments?status=failed&sort=-amount&size=3&page=2',
  '/api/payments/ch_a05',
] as const;
