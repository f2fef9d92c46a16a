/**
 * The session cookie: HttpOnly, Secure, SameSite=Lax, Path=/. In production it carries the
 * `__Host-` prefix, which browsers only accept from a secure origin without a Domain attribute,
 * so a sibling subdomain cannot plant or overwrite it. Browsers treat http://localhost and
 * http://127.0.0.1 as secure, so the same attributes work in local runs.
 */
export const SESSION_COOKIE = 'dashboard_session';

export function sessionCookieName(production: boolean): string {
  return production ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE;
}

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
