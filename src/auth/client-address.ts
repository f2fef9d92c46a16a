/**
 * Which client a request comes from, for the failed-login limit. The adapter finds it and puts it
 * in the request's deps (`Deps.clientAddress`):
 *
 * Netlify: `context.ip`, which Netlify's edge sets from the connection itself; clients cannot
 * forge it (netlify/lib/netlify-api.ts).
 *
 * Node: the socket address, unless the server sits behind proxies it is told to trust. A client
 * can send any X-Forwarded-For it likes; each proxy *appends* the address it saw, so only the
 * entries added by our own proxies are true: with N trusted hops, the client is the Nth entry
 * from the right. Taking the leftmost entry (what many frameworks do, Astro's clientAddress
 * included when allowedDomains is set) would let an attacker pick a fresh "address" per attempt.
 * How many hops to trust is `Config.trustProxyHops` (TRUST_PROXY_HOPS; one on Heroku by default).
 */

const PLAUSIBLE_ADDRESS = /^[0-9A-Za-z.:[\]%_-]{1,64}$/;

export function clientAddressBehindProxies(forwardedFor: string | null, socketAddress: string | undefined, hops: number): string | undefined {
  if (hops === 0 || !forwardedFor) return socketAddress;
  const entries = forwardedFor.split(',').map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return socketAddress;
  // Fewer entries than hops: the request skipped the outer proxies; the first entry is still
  // what our innermost proxy saw connecting to it.
  const candidate = entries[Math.max(0, entries.length - hops)]!;
  return PLAUSIBLE_ADDRESS.test(candidate) ? candidate : socketAddress;
}

/**
 * The limiter's key for an address: IPv4 as is; IPv6 by its /64 network, since anyone holding
 * one IPv6 address usually holds the whole /64 and could otherwise rotate through it.
 */
export function rateLimitKey(address: string | undefined): string {
  if (!address) return 'unknown';
  let value = address.trim().toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (value.startsWith('::ffff:') && value.includes('.')) value = value.slice('::ffff:'.length);
  if (!value.includes(':')) return value;
  const [head = '', tail = ''] = value.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = value.includes('::')
    ? [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
