import type { HttpResponse } from './http.ts';

/**
 * Answers that break the API's "every 4xx/5xx is the app's JSON" rule but come from the
 * framework before any of the app's code runs. Each is recognized exactly (status, body and the
 * request that causes it), counted and reported, so anything else still fails the suite, and
 * the day the framework changes the suite says so.
 */
export type Deviation = 'adapter-malformed-uri' | 'adapter-trace-500' | 'router-line-terminator-404';

export const DEVIATION_NOTES: Record<Deviation, string> = {
  'adapter-malformed-uri': '@astrojs/node standalone: URL with non-UTF-8 percent-escapes → plain-text "400 Bad request." (decodeURI before the app)',
  'adapter-trace-500': '@astrojs/node: TRACE → plain-text 500 (undici\'s Request refuses the method before the app)',
  'router-line-terminator-404': 'Astro router: an /api path whose segment holds a line terminator (%0A, %0D, %E2%80%A8/9) misses /api/[...path] → HTML 404 page',
};

function malformedUri(path: string): boolean {
  try {
    decodeURI(path);
    return false;
  } catch {
    return true;
  }
}

export function deviationOf(response: HttpResponse): Deviation | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (response.status === 400 && response.body === 'Bad request.' && !type && malformedUri(response.path)) return 'adapter-malformed-uri';
  if (response.status === 500 && response.method === 'TRACE' && response.body === 'Internal Server Error' && !type.includes('json')) return 'adapter-trace-500';
  if (response.status === 404 && type.startsWith('text/html') && response.path.startsWith('/api/') && /%0A|%0D|%E2%80%A8|%E2%80%A9/i.test(response.path.split('?')[0]!)) {
    return 'router-line-terminator-404';
  }
  return undefined;
}

export class DeviationTally {
  readonly counts = new Map<Deviation, number>();
  readonly examples = new Map<Deviation, string>();

  /** True (and counted) when the response is one of the known framework answers. */
  note(response: HttpResponse): boolean {
    const deviation = deviationOf(response);
    if (!deviation) return false;
    this.counts.set(deviation, (this.counts.get(deviation) ?? 0) + 1);
    if (!this.examples.has(deviation)) this.examples.set(deviation, `${response.method} ${response.path.slice(0, 100)} → ${response.status}`);
    return true;
  }

  summary(): string {
    if (this.counts.size === 0) return 'none';
    return [...this.counts.entries()].map(([d, n]) => `${d} ×${n} (e.g. ${this.examples.get(d)})`).join('; ');
  }
}

/** Runs tasks with at most `limit` in flight. */
export async function inPool<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
