/**
 * POST /api/logout: clears the session cookie and sends the browser to /login. Sessions are
 * stateless tokens, so this ends the session in this browser; to end every session at once,
 * change DASHBOARD_PASSWORD or SESSION_SECRET.
 */
import { htmlMessage } from './html-message.ts';
import { isSameOriginRequest } from './same-origin.ts';
import { expiredSessionCookie, SESSION_COOKIE_NAME } from './session-cookie.ts';

export async function handleLogout(request: Request): Promise<Response> {
  if (request.method !== 'POST') {
    return new Response(null, { status: 405, headers: { allow: 'POST', 'cache-control': 'no-store' } });
  }
  // Another site must not be able to log the team out either.
  if (!isSameOriginRequest(request)) {
    return htmlMessage(403, 'Logout refused', 'Logging out is only possible from the dashboard itself.', { href: '/', text: 'Back to the dashboard' });
  }
  return new Response(null, {
    status: 303,
    headers: {
      location: '/login',
      'cache-control': 'no-store',
      'set-cookie': expiredSessionCookie(SESSION_COOKIE_NAME),
    },
  });
}
