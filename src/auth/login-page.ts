/**
 * /login is a static page (src/pages/login.astro). What depends on the URL (where to go after
 * login, which message to show) is filled in by the edge function / middleware as the page
 * passes through, so the form works with JavaScript disabled and the page needs no script.
 * The page marks the two places with `data-login-next` and `data-login-message`.
 */
import { safeNextPath } from './safe-next.ts';

export const LOGIN_PATHS: ReadonlySet<string> = new Set(['/login', '/login/']);

/** Stable codes in `?error=` / `?session=`, and what the page says for each. */
const LOGIN_MESSAGES = {
  invalid: 'That password is not right. Please try again.',
  rate_limited: 'Too many failed attempts from your network. Please wait a few minutes and try again.',
  expired: 'Your session has ended. Please log in again.',
} as const;

export type LoginMessage = keyof typeof LOGIN_MESSAGES;

export function loginUrl(next: string, message?: LoginMessage): string {
  const params = new URLSearchParams({ next });
  if (message === 'expired') params.set('session', 'expired');
  else if (message) params.set('error', message);
  return `/login?${params}`;
}

function messageFor(params: URLSearchParams): string | undefined {
  const error = params.get('error');
  if (error === 'invalid' || error === 'rate_limited') return LOGIN_MESSAGES[error];
  return params.get('session') === 'expired' ? LOGIN_MESSAGES.expired : undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

const NEXT_INPUT = /<input\b[^>]*\bdata-login-next\b[^>]*>/i;
const MESSAGE = /(<(\w+)\b[^>]*\bdata-login-message\b[^>]*>)[\s\S]*?(<\/\2>)/i;

export function personalizeLoginPage(html: string, params: URLSearchParams): string {
  const next = escapeHtml(safeNextPath(params.get('next')));
  let result = html.replace(NEXT_INPUT, (tag) => tag.replace(/\bvalue\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)/i, `value="${next}"`));
  const message = messageFor(params);
  if (message) {
    result = result.replace(MESSAGE, (_, open: string, _name: string, close: string) =>
      `${open.replace(/\s+hidden(?:=(?:""|''|"hidden"))?(?=[\s>/])/i, '')}${escapeHtml(message)}${close}`);
  }
  return result;
}
