/**
 * The session cookie: HttpOnly, Secure, SameSite=Lax, Path=/, with the `__Host-` prefix, which
 * browsers only accept from a secure origin without a Domain attribute, so a sibling subdomain
 * cannot plant or overwrite it. Browsers treat http://localhost and http://127.0.0.1 as secure,
 * so the same cookie works in local runs.
 *
 * One name everywhere, whatever the environment says: on Netlify the login function and the
 * edge function read different environments (the shell reaches only the first under
 * `netlify serve`), and a name that depended on NODE_ENV made them set one cookie and look for
 * another, sending a user with the right password back to /login forever.
 */
export const SESSION_COOKIE_NAME = '__Host-dashboard_session';

const ATTRIBUTES = 'Path=/; HttpOnly; Secure; SameSite=Lax';

export function sessionCookie(name: string, token: string, maxAgeSeconds: number): string {
  return `${name}=${token}; ${ATTRIBUTES}; Max-Age=${maxAgeSeconds}`;
}

export function expiredSessionCookie(name: string): string {
  return `${name}=; ${ATTRIBUTES}; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
}

/** The first cookie called `name` in the request's Cookie header, if any. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    if (part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
