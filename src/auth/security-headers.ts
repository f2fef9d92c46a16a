/**
 * Security headers for every response, and the Content-Security-Policy in one place.
 *
 * Astro (security.csp in astro.config.mjs) hashes every inline script and style it emits (the
 * island hydration bootstrap among them) and writes `script-src`/`style-src` with those hashes:
 * into a <meta> tag on prerendered pages, into a header on pages rendered on demand. The header
 * sent here is that policy plus what a <meta> policy cannot carry (frame-ancestors), so the page
 * is covered from its first byte and both deploy targets send the same header.
 */
export const PAGE_CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/** Used when Astro left no policy (a page with no inline scripts or styles, a handler's HTML). */
const DEFAULT_SCRIPT_AND_STYLE = ["script-src 'self'", "style-src 'self'"];

/** JSON, CSV, scripts, images: nothing in them may load or run anything. */
export const NON_DOCUMENT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function directiveName(directive: string): string {
  return directive.trim().split(/\s+/, 1)[0]!.toLowerCase();
}

/** What a <meta> policy cannot carry; sent alone when the page's own policy could not be read. */
const HEADER_ONLY_CSP = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

/**
 * The page policy, keeping the script and style sources (with hashes) Astro computed. With no
 * policy from Astro: the app's own scripts and styles only, or, when the page could not be read
 * (`pageRead` false), only the directives its <meta> policy cannot carry, so both together hold.
 */
export function documentPolicy(astroPolicy: string | undefined, pageRead = true): string {
  if (astroPolicy === undefined && !pageRead) return HEADER_ONLY_CSP;
  const fromAstro = (astroPolicy ?? '')
    .split(';')
    .map((directive) => directive.trim().replace(/\s+/g, ' '))
    .filter((directive) => /^(script|style)-src(-elem|-attr)?$/.test(directiveName(directive)));
  return [...PAGE_CSP_DIRECTIVES, ...(fromAstro.length ? fromAstro : DEFAULT_SCRIPT_AND_STYLE), "frame-ancestors 'none'"].join('; ');
}

const META_CSP = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/i;
const CONTENT_ATTRIBUTE = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The policy of a prerendered page, from the <meta http-equiv="content-security-policy"> Astro wrote. */
export function policyFromMeta(html: string): string | undefined {
  const tag = META_CSP.exec(html.slice(0, 64 * 1024))?.[0];
  if (!tag) return undefined;
  const match = CONTENT_ATTRIBUTE.exec(tag);
  const content = match?.[1] ?? match?.[2];
  return content === undefined ? undefined : decodeEntities(content);
}

export interface SecurityHeaderOptions {
  production: boolean;
  /** undefined: leave whatever policy the response has (a 304 revalidating a cached page). */
  contentSecurityPolicy: string | undefined;
}

export function applySecurityHeaders(headers: Headers, { production, contentSecurityPolicy }: SecurityHeaderOptions): void {
  if (contentSecurityPolicy !== undefined) headers.set('content-security-policy', contentSecurityPolicy);
  headers.set('x-content-type-options', 'nosniff');
  // Dashboard URLs hold customer and charge ids; other sites learn nothing from a link click.
  headers.set('referrer-policy', 'same-origin');
  headers.set('x-frame-options', 'DENY');
  headers.set('cross-origin-opener-policy', 'same-origin');
  headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  // Only where the site is surely on HTTPS. No includeSubDomains: the team's other subdomains
  // are not this app's decision.
  if (production) headers.set('strict-transport-security', 'max-age=31536000');
}

/** Hashed build assets (/_astro/*): their names change with their content, so they never go stale. */
const IMMUTABLE_ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * Headers for a hashed build asset under /_astro/ (scripts, styles, fonts): the baseline every
 * response carries, the non-document policy, and caching for good. The Node server sets them in
 * src/cli/serve.ts; on Netlify, where the edge function skips these paths, netlify.toml's
 * [[headers]] for "/_astro/*" lists the same values (tests compare the two).
 */
export function assetHeaders(production: boolean): Record<string, string> {
  const headers = new Headers({ 'cache-control': IMMUTABLE_ASSET_CACHE });
  applySecurityHeaders(headers, { production, contentSecurityPolicy: NON_DOCUMENT_CSP });
  return Object.fromEntries(headers);
}
