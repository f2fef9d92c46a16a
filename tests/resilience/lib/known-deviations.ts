import type { HttpResponse } from './http.ts';

/**
 * Answers that break the API's "every 4xx/5xx is the app's JSON" rule but come from the
 * framework before any of the app's code runs. Each is recognized exactly (status, body and the
 * request that causes it), counted and reported, so anything else still fails the suite, and
 * the day the framework changes the suite says so.
 */
// The adapter's plain-text answers to TRACE and to non-UTF-8 %-escapes used to be listed here;
// src/cli/serve.ts now answers the first with 405 JSON and hands the second to the app as text.
export type Deviation = 'router-line-terminator-404';

export const DEVIATION_NOTES: Record<Deviation, string> = {
  'router-line-terminator-404': 'Astro router: an /api path whose segment holds a line terminator (%0A, %0D, %E2%80%A8/9) misses /api/[...path] → HTML 404 page',
};

export function deviationOf(response: HttpResponse): Deviation | undefined {
  const type = String(response.headers['content-type'] ?? '');
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
