/**
 * The whole per-request job of the Netlify edge function and the Node middleware, so the two
 * adapters stay a few lines each: refuse requests without a valid session (guard.ts), let the
 * rest through, then put the security headers on whatever comes back and fill in the login page.
 */
import type { AuthSettings } from './auth-settings.ts';
import { configurationFailure } from './configuration-failure.ts';
import { guardRequest } from './guard.ts';
import { LOGIN_PATHS, personalizeLoginPage } from './login-page.ts';
import { applySecurityHeaders, documentPolicy, NON_DOCUMENT_CSP, policyFromMeta } from './security-headers.ts';

export interface ProtectOptions {
  /** Reads the configuration (once; see auth-settings.ts). If it throws, every request gets 500. */
  loadSettings: () => Promise<AuthSettings>;
  now: Date;
  /** The rest of the chain: the CDN / static files / functions on Netlify, Astro's routes on Node. */
  next: () => Promise<Response>;
  /** See GuardOptions: true on Netlify, where the login function runs apart from the edge function. */
  loginRunsElsewhere?: boolean;
  log?: (message: string) => void;
}

export async function protect(request: Request, options: ProtectOptions): Promise<Response> {
  let settings: AuthSettings;
  try {
    settings = await options.loadSettings();
  } catch (error) {
    return finishResponse(request, configurationFailure(error, options.log), false);
  }
  const refusal = await guardRequest(request, { settings, now: options.now, loginRunsElsewhere: options.loginRunsElsewhere, log: options.log });
  const response = refusal ?? (await options.next());
  return finishResponse(request, response, settings.production);
}

async function finishResponse(request: Request, response: Response, production: boolean): Promise<Response> {
  const headers = new Headers(response.headers);
  let body: BodyInit | null = response.body;
  let contentSecurityPolicy = NON_DOCUMENT_CSP;

  if ((headers.get('content-type') ?? '').toLowerCase().includes('text/html')) {
    const url = new URL(request.url);
    let astroPolicy = headers.get('content-security-policy') ?? undefined;
    const isLoginPage = request.method === 'GET' && response.status === 200 && LOGIN_PATHS.has(url.pathname);
    // A compressed body is passed on untouched: the page's own <meta> policy then governs scripts
    // and styles, and the header adds what a <meta> cannot (documentPolicy(undefined, false)).
    const readable = (headers.get('content-encoding') ?? 'identity') === 'identity';
    if (response.body && readable && (astroPolicy === undefined || isLoginPage)) {
      let html = await response.text();
      astroPolicy ??= policyFromMeta(html);
      if (isLoginPage) {
        html = personalizeLoginPage(html, url.searchParams);
        // The body now depends on the query: never let a cache or revalidation reuse it.
        headers.set('cache-control', 'no-store');
        headers.delete('etag');
        headers.delete('last-modified');
      }
      body = html;
      headers.delete('content-length');
    }
    contentSecurityPolicy = documentPolicy(astroPolicy, readable);
  }

  // A 304's headers update the cached response's: with no body here to tell a page from JSON,
  // leave the policy the cached 200 came with alone.
  applySecurityHeaders(headers, { production, contentSecurityPolicy: response.status === 304 ? undefined : contentSecurityPolicy });
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
