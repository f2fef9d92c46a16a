/**
 * POST /api/login: the form on /login posts `password` and `next`. An ordinary handler of the
 * route table (src/api/router.ts): its deps are the subset of the API's it reads.
 *
 *   other origin        → 403, nothing checked
 *   client rate limited → 429 + Retry-After, password not even compared (or a blocked attacker
 *                         could still tell a right guess from a wrong one)
 *   wrong password      → 303 back to /login with the error shown and `next` kept, no cookie
 *   right password      → session cookie, 303 to `next` when it is a path on this site, else /
 */
import type { AuthConfig } from './auth-settings.ts';
import { authSettings } from './auth-settings.ts';
import type { FailedLoginLimiter } from './failed-login-limiter.ts';
import { rateLimitKey } from './client-address.ts';
import { htmlMessage } from './html-message.ts';
import { loginUrl } from './login-page.ts';
import { passwordMatches } from './password.ts';
import { isSameOriginRequest } from './same-origin.ts';
import { safeNextPath } from './safe-next.ts';
import { sessionCookie } from './session-cookie.ts';
import { issueSessionToken } from './session-token.ts';

export interface LoginDeps {
  config: AuthConfig;
  now: () => Date;
  /** One per process (function instance on Netlify). */
  loginLimiter: FailedLoginLimiter;
  /** Netlify: context.ip; Node: see client-address.ts. Missing → all such requests share one bucket. */
  clientAddress?: string | undefined;
  log?: (message: string) => void;
}

const MAX_FORM_BYTES = 8 * 1024;
const MAX_PASSWORD_LENGTH = 1024;

type FormResult = { ok: true; form: URLSearchParams } | { ok: false; status: 413 | 415 };

async function readForm(request: Request): Promise<FormResult> {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) return { ok: false, status: 415 };
  if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM_BYTES) return { ok: false, status: 413 };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_FORM_BYTES) {
      await reader.cancel();
      return { ok: false, status: 413 };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, form: new URLSearchParams(new TextDecoder().decode(bytes)) };
}

function redirect(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', ...headers } });
}

const BACK_TO_LOGIN = { href: '/login', text: 'Back to the login page' };

export async function handleLogin(request: Request, deps: LoginDeps): Promise<Response> {
  if (request.method !== 'POST') {
    return new Response(null, { status: 405, headers: { allow: 'POST', 'cache-control': 'no-store' } });
  }
  if (!isSameOriginRequest(request)) {
    return htmlMessage(403, 'Login refused', 'Logging in is only possible from the dashboard’s own login page.', BACK_TO_LOGIN);
  }
  const parsed = await readForm(request);
  if (!parsed.ok) {
    return parsed.status === 413
      ? htmlMessage(413, 'Request too large', 'The login form sends a password and nothing more.', BACK_TO_LOGIN)
      : htmlMessage(415, 'Unsupported form encoding', 'Send the login form as application/x-www-form-urlencoded.', BACK_TO_LOGIN);
  }
  const next = safeNextPath(parsed.form.get('next'));
  const now = deps.now();
  const client = rateLimitKey(deps.clientAddress);

  const limit = deps.loginLimiter.check(client, now);
  if (!limit.allowed) {
    deps.log?.(`login: rate limited ${client} for ${limit.retryAfterSeconds}s`);
    const minutes = Math.ceil(limit.retryAfterSeconds / 60);
    return htmlMessage(
      429,
      'Too many failed attempts',
      `Too many failed login attempts from your network. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
      { href: loginUrl(next, 'rate_limited'), text: 'Back to the login page' },
      { 'retry-after': String(limit.retryAfterSeconds) },
    );
  }

  const settings = await authSettings(deps.config);
  const candidate = parsed.form.get('password') ?? '';
  const matches = candidate.length <= MAX_PASSWORD_LENGTH && (await passwordMatches(candidate, settings.password));
  if (!matches) {
    deps.loginLimiter.recordFailure(client, now);
    deps.log?.(`login: wrong password from ${client}`);
    return redirect(loginUrl(next, 'invalid'));
  }

  deps.loginLimiter.reset(client);
  const token = await issueSessionToken(settings.key, { now, ttlSeconds: settings.ttlSeconds, keyId: settings.keyId });
  return redirect(next, { 'set-cookie': sessionCookie(settings.cookieName, token, settings.ttlSeconds) });
}
