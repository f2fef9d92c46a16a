/**
 * Where to send the browser after login: a path on this site or `/`. Anything a browser could
 * read as another host is refused: `//evil`, `/\evil` (browsers treat `\` as `/`), absolute URLs,
 * `javascript:`, raw control characters and spaces (URL parsers drop tabs and newlines, turning
 * `/\t/evil` into `//evil`), and percent-encoded forms that decode to those (`/%2F%2Fevil`,
 * `/%5Cevil`, `%2F%2Fevil`), in case anything between here and the browser decodes once more.
 */
const FALLBACK = '/';
const BASE = 'https://dashboard.invalid';
const MAX_LENGTH = 2048;
/** Never legitimate unencoded in a URL path or query. */
const RAW_UNSAFE = /[\u0000-\u0020\u007f-\u009f\\]/;

/** Would a URL parser read this as something other than a path on the current host? */
function escapesSite(path: string): boolean {
  const head = path.replace(/[\t\n\r]/g, '').slice(0, 2);
  return !head.startsWith('/') || head === '//' || head === '/\\';
}

function decodedForms(raw: string): string[] | undefined {
  const forms: string[] = [];
  let current = raw;
  for (let round = 0; round < 3 && current.includes('%'); round++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      // Malformed %-encoding: not a path we could vouch for (the caller falls back to /).
      return undefined;
    }
    forms.push(current);
  }
  return forms;
}

export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return FALLBACK;
  if (RAW_UNSAFE.test(raw) || escapesSite(raw)) return FALLBACK;
  const decoded = decodedForms(raw);
  if (!decoded || decoded.some(escapesSite)) return FALLBACK;
  const url = new URL(raw, BASE);
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (escapesSite(path)) return FALLBACK; // e.g. `/.//evil` normalizes to `//evil`
  // Back to the login page would only show the form again.
  if (url.pathname === '/login' || url.pathname.startsWith('/login/')) return FALLBACK;
  return path;
}
