/**
 * The request guard both deploy targets run before anything else: the Netlify edge function
 * (netlify/edge-functions/auth.ts) and the Node middleware (src/server/middleware.ts) call
 * `guardRequest` and nothing else decides who gets in. Default deny: only the exact public
 * paths below pass without a session; pages are redirected to /login with `next`, everything
 * under /api gets 401 JSON.
 */
import type { AuthSettings } from './auth-settings.ts';
import { LOGIN_PATHS, loginUrl } from './login-page.ts';
import { expiredSessionCookie, readCookie } from './session-cookie.ts';
import { verifySessionToken, type SessionCheck } from './session-token.ts';

export const PUBLIC_API_PATHS: ReadonlySet<string> = new Set([
  '/api/login',
  // Clearing a cookie needs no session, and an expired one must still be able to log out.
  '/api/logout',
  '/api/health',
]);

/** Root-level files such as /favicon.svg or /robots.txt (never .html, never below /api). */
const PUBLIC_ROOT_FILE = /^\/[\w-]+(?:\.[\w-]+)*\.(?:ico|png|svg|jpg|jpeg|gif|webp|avif|txt|webmanifest|woff2?)$/i;

export type PathKind = 'public' | 'api' | 'page';

export function classifyPath(pathname: string): PathKind {
  if (LOGIN_PATHS.has(pathname) || PUBLIC_API_PATHS.has(pathname)) return 'public';
  if (pathname.startsWith('/_astro/') || PUBLIC_ROOT_FILE.test(pathname)) return 'public';
  return pathname === '/api' || pathname.startsWith('/api/') ? 'api' : 'page';
}

export interface GuardOptions {
  settings: AuthSettings;
  now: Date;
}

export function checkSession(request: Request, { settings, now }: GuardOptions): Promise<SessionCheck> {
  return verifySessionToken(readCookie(request, settings.cookieName), settings.key, { now, maxAgeSeconds: settings.ttlSeconds });
}

/** `undefined` lets the request through; otherwise the response that refuses it. */
export async function guardRequest(request: Request, options: GuardOptions): Promise<Response | undefined> {
  const url = new URL(request.url);
  const kind = classifyPath(url.pathname);
  if (kind === 'public') return undefined;
  const session = await checkSession(request, options);
  if (session.valid) return undefined;

  const headers = new Headers({ 'cache-control': 'no-store' });
  // A cookie that no longer verifies (expired, old password) is dropped rather than resent forever.
  if (session.reason !== 'missing') headers.append('set-cookie', expiredSessionCookie(options.settings.cookieName));
  if (kind === 'api') {
    headers.set('content-type', 'application/json; charset=utf-8');
    const body = { error: 'unauthenticated', message: 'Log in to use the dashboard API.' };
    return new Response(JSON.stringify(body), { status: 401, headers });
  }
  headers.set('location', loginUrl(`${url.pathname}${url.search}`, session.reason === 'expired' ? 'expired' : undefined));
  return new Response(null, { status: request.method === 'GET' || request.method === 'HEAD' ? 302 : 303, headers });
}
