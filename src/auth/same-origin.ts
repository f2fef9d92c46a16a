/**
 * Is this POST from one of our own pages? Browsers say so in `Sec-Fetch-Site` (every current
 * browser) or, failing that, in `Origin`; a page cannot forge either. A request with neither
 * comes from a non-browser client (curl, a script) that cannot be a cross-site forgery, so it is
 * allowed; a browser that sends neither on a cross-origin POST no longer exists.
 */
export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  try {
    return new URL(origin).host === new URL(request.url).host;
  } catch {
    return false; // includes `Origin: null` (sandboxed frames, opaque redirects)
  }
}
