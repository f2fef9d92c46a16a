/**
 * A session cookie from POST /api/login, as the login form sends it; undefined while the app has
 * no login route (404), so API tests over HTTP work before and after authentication lands.
 */
export async function loginCookie(baseUrl: string, password: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseUrl).origin },
    body: new URLSearchParams({ password, next: '/' }),
  });
  if (response.status === 404) return undefined;
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';', 1)[0]!).filter(Boolean);
  if (cookies.length === 0) throw new Error(`login at ${baseUrl} gave no cookie (status ${response.status}: ${await response.text().catch(() => '')})`);
  return cookies.join('; ');
}
