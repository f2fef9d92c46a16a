/**
 * The Export button's chunked download (src/ui/csv-export.ts) against the real handler: for
 * every sort and chunk size the assembled file is byte for byte the single-response export.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlePaymentsCsv } from '../../src/api/handlers/payments-csv.ts';
import { exportCsvInChunks, type CsvSink, type ExportProgress } from '../../src/ui/csv-export.ts';
import { describeExportProgress } from '../../src/ui/export-progress.ts';
import { DRIVERS, openFixtureDatabase, testDeps, type FixtureDatabase } from './support/fixture-database.ts';
import { FIXTURE_CHARGES } from './support/payments-fixture.ts';
import type { Deps } from '../../src/api/deps.ts';

/** A sink that keeps what it was given and how it ended. */
function memorySink() {
  const chunks: Uint8Array[] = [];
  const sink = {
    ended: 'open' as 'open' | 'closed' | 'aborted',
    text: () => new TextDecoder().decode(Buffer.concat(chunks)),
    async write(chunk: Uint8Array) { chunks.push(chunk); },
    async close() { sink.ended = 'closed'; },
    async abort() { sink.ended = 'aborted'; },
  };
  return sink satisfies CsvSink;
}

function handlerFetch(deps: Deps, seen: string[] = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    init?.signal?.throwIfAborted();
    seen.push(String(input));
    return handlePaymentsCsv(new Request(new URL(String(input), 'http://dash.test'), init), deps);
  }) as typeof fetch;
}

describe.each(DRIVERS)('chunked CSV export on %s', (driver) => {
  let fixture: FixtureDatabase;
  let deps: Deps;
  beforeAll(async () => {
    fixture = await openFixtureDatabase(driver, FIXTURE_CHARGES);
    deps = testDeps(fixture.db);
  });
  afterAll(() => fixture?.close());

  const QUERIES = ['', '?sort=amount', '?sort=-amount', '?sort=status', '?sort=-chargeId&currency=usd', '?status=failed&from=2026-03-01&to=2026-03-07', '?q=nothing_matches'];
  it.each(QUERIES.flatMap((query) => [1, 2, 7, 10_000].map((rows) => [query, rows] as const)))('%s in chunks of %i rows equals the single response', async (query, chunkRows) => {
    const single = await (await handlePaymentsCsv(new Request(`http://dash.test/api/payments.csv${query}`), deps)).text();
    const sink = memorySink();
    const progress: ExportProgress[] = [];
    const urls: string[] = [];
    const result = await exportCsvInChunks({
      url: `/api/payments.csv${query}`, chunkRows, openSink: async () => sink, fetchImpl: handlerFetch(deps, urls), onProgress: (p) => progress.push(p),
    });
    expect(sink.text()).toBe(single);
    expect(sink.ended).toBe('closed');
    const dataRows = single.split('\r\n').length - 2;
    expect(result.rows).toBe(dataRows);
    expect(result.bytes).toBe(Buffer.byteLength(single));
    expect(result.filename).toMatch(/^(failed-)?payments_.*_UTC_exported-20260320T1200Z\.csv$/);
    // One request per full chunk plus the one that comes back short (or empty).
    expect(urls).toHaveLength(Math.floor(dataRows / chunkRows) + 1);
    expect(progress.at(-1)).toMatchObject({ rows: dataRows, total: dataRows, bytes: result.bytes });
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
  });

  it('first chunk: header line, X-Total-Rows, X-Chunk-Rows, X-Next-Cursor; later chunks: rows only; bad limit or cursor: 400', async () => {
    const first = await handlePaymentsCsv(new Request('http://dash.test/api/payments.csv?currency=usd&limit=3'), deps);
    const text = await first.text();
    expect(text.startsWith('charge_id,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(5);
    expect(first.headers.get('x-chunk-rows')).toBe('3');
    const total = Number(first.headers.get('x-total-rows'));
    expect(total).toBe(FIXTURE_CHARGES.filter((c) => c.currency === 'usd').length);
    const cursor = first.headers.get('x-next-cursor')!;
    const second = await handlePaymentsCsv(new Request(`http://dash.test/api/payments.csv?currency=usd&limit=3&after=${cursor}`), deps);
    expect((await second.text()).startsWith('ch_')).toBe(true);
    expect(second.headers.get('x-total-rows')).toBeNull();
    for (const [query, param] of [['limit=0', 'limit'], ['limit=50001', 'limit'], ['limit=ten', 'limit'], ['limit=5&after=garbage', 'after']]) {
      const bad = await handlePaymentsCsv(new Request(`http://dash.test/api/payments.csv?${query}`), deps).catch((error: unknown) => error);
      expect((bad as { param?: string }).param, query).toBe(param);
    }
  });

  it('Cancel: the sink is aborted, never closed, and no further chunk is asked for', async () => {
    const sink = memorySink();
    const abort = new AbortController();
    const urls: string[] = [];
    const run = exportCsvInChunks({
      url: '/api/payments.csv', chunkRows: 2, openSink: async () => sink, fetchImpl: handlerFetch(deps, urls),
      signal: abort.signal,
      onProgress: (p) => { if (p.rows >= 4) abort.abort(); },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(sink.ended).toBe('aborted');
    expect(urls.length).toBeLessThanOrEqual(4);
  });

  /** The handler for the first chunk, a 503 for the second. */
  function failingOnSecondChunk(): typeof fetch {
    let calls = 0;
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls += 1;
      if (calls === 2) return new Response(JSON.stringify({ error: 'database_unavailable', message: 'The database is not reachable right now.' }), { status: 503 });
      return handlerFetch(deps)(input, init);
    }) as typeof fetch;
  }

  it('a chunk that fails aborts the file and says why', async () => {
    const sink = memorySink();
    await expect(exportCsvInChunks({ url: '/api/payments.csv', chunkRows: 2, openSink: async () => sink, fetchImpl: failingOnSecondChunk() }))
      .rejects.toMatchObject({ code: 'database_unavailable' });
    expect(sink.ended).toBe('aborted');
  });

  it('a file that cannot be discarded still reports the export\'s own error, and logs the discard\'s', async () => {
    const sink = { ...memorySink(), abort: async () => { throw new Error('file handle already closed'); } };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await expect(exportCsvInChunks({ url: '/api/payments.csv', chunkRows: 2, openSink: async () => sink, fetchImpl: failingOnSecondChunk() }))
        .rejects.toMatchObject({ code: 'database_unavailable' });
      expect(logged).toHaveBeenCalledWith('The partial CSV export could not be discarded:', expect.objectContaining({ message: 'file handle already closed' }));
    } finally {
      logged.mockRestore();
    }
  });
});

describe('progress in words', () => {
  it('rows of total, size, time left', () => {
    expect(describeExportProgress({ rows: 12_000, total: 1_000_000, bytes: 2_400_000, elapsedMs: 1000, remainingMs: 82_000 })).toBe('12,000 of 1,000,000 rows · 2.4 MB · about 1 min left');
    expect(describeExportProgress({ rows: 990_000, total: 1_000_000, bytes: 151_000_000, elapsedMs: 10_000, remainingMs: 3000 })).toBe('990,000 of 1,000,000 rows · 151 MB · a few seconds left');
    expect(describeExportProgress({ rows: 500, total: null, bytes: 900, elapsedMs: 10, remainingMs: null })).toBe('500 rows · 900 B');
    expect(describeExportProgress({ rows: 10, total: 10, bytes: 2000, elapsedMs: 10, remainingMs: 0 })).toBe('10 of 10 rows · 2 KB');
  });
});
