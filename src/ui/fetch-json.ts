/**
 * The front end's one way to call the API. It returns the data with the time the server read it
 * (`X-Generated-At`), turns error bodies `{error, message, param?}` into an ApiError whose `code`
 * callers can switch on, and sends a logged-out user to the login page (coming back afterwards).
 */

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The API's stable code (`database_unavailable`, `invalid_parameter`, …) or `network_error`, `invalid_response`, `unauthenticated`. */
  readonly code: string;
  readonly param: string | undefined;
  constructor(status: number, code: string, message: string, param?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.param = param;
  }
}

export interface Fetched<T> {
  data: T;
  /** ISO time the data was read, from `X-Generated-At`; null if the server did not say. */
  generatedAt: string | null;
}

export interface FetchJsonOptions {
  signal?: AbortSignal;
  /** Bypass the browser's HTTP cache (after /api/refresh cleared the server's). */
  reload?: boolean;
  method?: 'GET' | 'POST';
  fetchImpl?: typeof fetch;
  /** Called on 401; by default the page goes to /login?next=<this page>. */
  onUnauthenticated?: () => void;
}

/** The login URL that brings the user back to `location` afterwards. */
export function loginUrl(location: { pathname: string; search: string; hash?: string }): string {
  return `/login?next=${encodeURIComponent(`${location.pathname}${location.search}${location.hash ?? ''}`)}`;
}

function goToLogin(): void {
  window.location.assign(loginUrl(window.location));
}

export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

interface ErrorBody {
  error?: unknown;
  message?: unknown;
  param?: unknown;
}

export async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // A proxy's HTML error page: fall back to the status text below.
  }
  const code = typeof body.error === 'string' ? body.error : `http_${response.status}`;
  const message = typeof body.message === 'string' && body.message
    ? body.message
    : `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}. Please try again.`;
  return new ApiError(response.status, code, message, typeof body.param === 'string' ? body.param : undefined);
}

export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<Fetched<T>> {
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await doFetch(url, {
      method: options.method ?? 'GET',
      signal: options.signal,
      cache: options.reload ? 'reload' : 'default',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 401) {
    (options.onUnauthenticated ?? goToLogin)();
    throw new ApiError(401, 'unauthenticated', 'Your session has ended. Please log in again.');
  }
  if (!response.ok) throw await errorFrom(response);
  let data: T;
  try {
    data = (await response.json()) as T;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(response.status, 'invalid_response', 'The server sent an answer the dashboard could not read. Please try again.');
  }
  return { data, generatedAt: response.headers.get('x-generated-at') };
}
