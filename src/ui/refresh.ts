/**
 * The Refresh button: POST /api/refresh drops the server's caches (the in-process TTL cache on
 * Node, the CDN's tagged entries on Netlify), then every section that registered with onRefresh
 * loads again with `reload: true`, bypassing the browser's HTTP cache too. Sections and the button
 * may live in different islands or scripts, so they meet through a DOM event, not a module variable.
 */
import { fetchJson, type FetchJsonOptions } from './fetch-json.ts';

const REFRESH_EVENT = 'dashboard:refresh';

export interface RefreshDetail {
  /** A section passes its reload so refreshAll can wait until everything shows fresh data. */
  waitUntil(reload: Promise<unknown>): void;
}

type EventTargetLike = Pick<EventTarget, 'addEventListener' | 'removeEventListener' | 'dispatchEvent'>;

function defaultTarget(): EventTargetLike {
  return window;
}

/** Registers a section's reload; returns the unsubscribe. */
export function onRefresh(reload: () => Promise<unknown> | void, target: EventTargetLike = defaultTarget()): () => void {
  const listener = (event: Event) => {
    const result = reload();
    if (result) (event as CustomEvent<RefreshDetail>).detail.waitUntil(result);
  };
  target.addEventListener(REFRESH_EVENT, listener);
  return () => target.removeEventListener(REFRESH_EVENT, listener);
}

export interface RefreshOptions extends Pick<FetchJsonOptions, 'fetchImpl' | 'onUnauthenticated'> {
  target?: EventTargetLike;
}

/**
 * Clears the server's caches, then reloads every registered section and resolves once they have
 * all settled (a section that fails shows its own error). Rejects with an ApiError if the server
 * could not clear its caches; sections then keep what they show.
 */
export async function refreshAll(options: RefreshOptions = {}): Promise<void> {
  await fetchJson<unknown>('/api/refresh', { method: 'POST', reload: true, fetchImpl: options.fetchImpl, onUnauthenticated: options.onUnauthenticated });
  const pending: Promise<unknown>[] = [];
  const detail: RefreshDetail = { waitUntil: (reload) => pending.push(reload) };
  (options.target ?? defaultTarget()).dispatchEvent(new CustomEvent<RefreshDetail>(REFRESH_EVENT, { detail }));
  await Promise.allSettled(pending);
}
