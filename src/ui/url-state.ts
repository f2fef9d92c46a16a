/**
 * View state in the query string, so a view can be shared and the back button walks through the
 * user's choices. A deliberate choice is pushed (one history entry per choice); normalising the
 * URL on load is replaced (no extra entry). Browser objects can be passed in for tests.
 */

export interface HistoryWindow {
  location: { pathname: string; search: string; hash: string };
  history: { pushState(data: unknown, unused: string, url?: string): void; replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'popstate', listener: () => void): void;
  removeEventListener(type: 'popstate', listener: () => void): void;
}

function defaultWindow(): HistoryWindow {
  return window;
}

export type QueryValues = Readonly<Record<string, string | null | undefined>>;

/** The current query parameters. */
export function readQuery(win: HistoryWindow = defaultWindow()): URLSearchParams {
  return new URLSearchParams(win.location.search);
}

/**
 * The query string with `values` applied: a string sets a key, null or undefined removes it, keys
 * not mentioned are kept (so other features' parameters survive). Returns "" or "?a=1&b=2".
 */
export function applyQuery(search: string, values: QueryValues): string {
  const params = new URLSearchParams(search);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Writes `values` into the URL. `push` adds a history entry (a user's choice); `replace` does not
 * (normalising what is already shown). Returns false when the URL would not change.
 */
export function writeQuery(values: QueryValues, mode: 'push' | 'replace' = 'push', win: HistoryWindow = defaultWindow()): boolean {
  const search = applyQuery(win.location.search, values);
  if (search === win.location.search || (search === '' && win.location.search === '?')) return false;
  const url = `${win.location.pathname}${search}${win.location.hash}`;
  if (mode === 'push') win.history.pushState(null, '', url);
  else win.history.replaceState(null, '', url);
  return true;
}

/** Calls `listener` with the new query whenever the user goes back or forward. Returns the unsubscribe. */
export function onQueryChange(listener: (query: URLSearchParams) => void, win: HistoryWindow = defaultWindow()): () => void {
  const handle = () => listener(readQuery(win));
  win.addEventListener('popstate', handle);
  return () => win.removeEventListener('popstate', handle);
}
