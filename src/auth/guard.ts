/**
 * The request guard both deploy targets run before anything else: the Netlify edge function
 * (netlify/edge-functions/auth.ts) and the Node middleware (src/server/middleware.ts) call
 * `guardRequest` and nothing else decides who gets in. Default deny: only the exact public
 * paths below pass without a session; pages are redirected to /login with `next`, everything
 * under /api gets 401 JSON.
 */
import type { AuthSettings } from './auth-settings.ts';
import { htmlMessage } from './html-message.ts';
import { LOGIN_PATHS, loginUrl } from './login-page.ts';
import { expiredSessionCookie, readCookie } from './session-cookie.ts';
import { verifySessionToken, type SessionCheck } from './session-token.ts';

const PUBLIC_API_PATHS: ReadonlySet<string> = new Set([
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
  /**
   * Logins run in another runtime with an environment of its own (Netlify: functions vs the
   * edge function), so a token signed moments ago under another key means the two disagree.
   * Where one process does both (Node), such a token can only be from before a password change.
   */
  loginRunsElsewhere?: boolean;
  log?: (message: string) => void;
}

export function checkSession(request: Request, { settings, now, loginRunsElsewhere }: GuardOptions): Promise<SessionCheck> {
  return verifySessionToken(readCookie(request, settings.cookieName), settings.key, {
    now, maxAgeSeconds: settings.ttlSeconds, keyId: loginRunsElsewhere ? settings.keyId : undefined,
  });
}

const MISMATCH_LOG = 'Session settings disagree: a login moments ago signed its session with another key than this guard '
  + 'derives from SESSION_SECRET and DASHBOARD_PASSWORD. On Netlify the edge function reads only the site\'s environment '
  + '(Netlify UI or .env) while functions also see the shell under `netlify serve`: set both variables there.';

/**
 * The user just logged in, but this guard checks sessions with other settings than the login
 * used: a redirect to /login would loop without a word, so say what happened (500, not cached).
 */
function settingsMismatch(kind: 'api' | 'page', cookieName: string, log: GuardOptions['log']): Response {
  (log ?? console.error)(MISMATCH_LOG);
  const message = 'You logged in, but the part of the dashboard that checks sessions is configured with different settings '
    + 'than the login, so every page would send you back to the login form. The server log says which settings to align. '
    + '(If the password was changed just now, log in again with the new one.)';
  // Dropped, so a login after the settings are fixed (or with the new password) starts clean.
  const clear = { 'set-cookie': expiredSessionCookie(cookieName) };
  if (kind === 'api') {
    return new Response(JSON.stringify({ error: 'session_settings_mismatch', message }), {
      status: 500, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...clear },
    });
  }
  return htmlMessage(500, 'The dashboard is misconfigured', message, { href: '/login', text: 'Back to the login page' }, clear);
}

/** `undefined` lets the request through; otherwise the response that refuses it. */
export async function guardRequest(request: Request, options: GuardOptions): Promise<Response | undefined> {
  const url = new URL(request.url);
  const kind = classifyPath(url.pathname);
  if (kind === 'public') return undefined;
  const session = await checkSession(request, options);
  if (session.valid) return undefined;
  if (session.reason === 'settings_mismatch') return settingsMismatch(kind, options.settings.cookieName, options.log);

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
