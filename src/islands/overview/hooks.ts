/** Small hooks the overview's sections share. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, fetchJson, isAbortError } from '../../ui/fetch-json.ts';
import { reportDataAge } from '../../ui/data-age.ts';
import { onRefresh } from '../../ui/refresh.ts';

export interface EndpointState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The last data that arrived; kept (dimmed) while the next range loads. */
  data: T | null;
  generatedAt: string | null;
  error: ApiError | null;
}

export interface Endpoint<T> extends EndpointState<T> {
  retry: () => void;
}

/**
 * Loads `url` (null: nothing yet) and reloads it when it changes, on Retry and on the Refresh
 * button (past every cache). A stale response never overwrites a newer one: each load aborts the
 * one before it. `source` names the section in the page's data-age report.
 */
export function useEndpoint<T>(url: string | null, source: string | null): Endpoint<T> {
  const [state, setState] = useState<EndpointState<T>>({ status: url ? 'loading' : 'idle', data: null, generatedAt: null, error: null });
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback((reload: boolean): Promise<void> | undefined => {
    if (!url) return undefined;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState((s) => ({ ...s, status: 'loading', error: null }));
    return fetchJson<T>(url, { signal: controller.signal, reload }).then(
      ({ data, generatedAt }) => {
        if (controller.signal.aborted) return;
        setState({ status: 'ready', data, generatedAt, error: null });
        if (source) reportDataAge(source, generatedAt);
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, 'unexpected', 'Something went wrong while showing this section. Please try again.');
        setState((s) => ({ ...s, status: 'error', error: apiError }));
        if (source) reportDataAge(source, null);
      },
    );
  }, [url, source]);

  useEffect(() => {
    load(false);
    return () => inFlight.current?.abort();
  }, [load]);
  useEffect(() => onRefresh(() => load(true)), [load]);

  const retry = useCallback(() => void load(false), [load]);
  return { ...state, retry };
}

/** The current time, updated every `intervalMs`, so "updated 2 min ago" keeps counting. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const DARK = '(prefers-color-scheme: dark)';

/** 'dark' or 'light', following the system setting as it changes. */
export function useColorScheme(): 'light' | 'dark' {
  const [scheme, setScheme] = useState<'light' | 'dark'>(() => (typeof matchMedia === 'function' && matchMedia(DARK).matches ? 'dark' : 'light'));
  useEffect(() => {
    const query = matchMedia(DARK);
    const update = () => setScheme(query.matches ? 'dark' : 'light');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return scheme;
}
