/**
 * Is this POST from one of our own pages? Browsers say so in `Sec-Fetch-Site` (every current
 * browser) or, failing that, in `Origin`; a page cannot forge either. A request with neither
 * comes from a non-browser client (curl, a script) that cannot be a cross-site forgery, so it is
 * allowed; a browser that sends neither on a cross-origin POST no longer exists.
 *
 * `Origin` is compared with the host the client used, which is not always the host of
 * `request.url`: under `netlify serve` a function's URL and `Host` say `localhost` while the
 * browser used `127.0.0.1` (measured), and a proxy may rewrite the URL too. So `Host`, the first
 * `X-Forwarded-Host` (proxies in front of a Node host) and `X-Dashboard-Client-Host` (set by the
 * edge function to the host it saw, see `withClientHost`) count as well. That cannot let a
 * forgery through: a cross-site form cannot set any header, and a cross-site fetch that sets one
 * needs a CORS preflight this app never grants.
 */
const CLIENT_HOST_HEADER = 'x-dashboard-client-host';

export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false; // includes `Origin: null` (sandboxed frames, opaque redirects)
  }
  return clientHosts(request).includes(host);
}

function clientHosts(request: Request): string[] {
  const hosts = [new URL(request.url).host];
  const host = request.headers.get('host');
  if (host) hosts.push(host.trim().toLowerCase());
  for (const name of ['x-forwarded-host', CLIENT_HOST_HEADER]) {
    const value = request.headers.get(name)?.split(',', 1)[0]?.trim().toLowerCase();
    if (value) hosts.push(value);
  }
  return hosts;
}

/**
 * The request as the edge function passes it on to the functions, with `X-Dashboard-Client-Host`
 * set to the host the client used (the edge sees it; the function behind may not), replacing
 * whatever the client sent. A header of our own: `netlify serve` does not pass on an
 * `X-Forwarded-Host` the edge function sets (measured). Only POSTs are checked for their
 * origin, so only they are copied.
 */
export function withClientHost(request: Request): Request {
  if (request.method !== 'POST') return request;
  const headers = new Headers(request.headers);
  headers.set(CLIENT_HOST_HEADER, new URL(request.url).host);
  return new Request(request, { headers });
}
