/**
 * The Export button's download: GET /api/payments.csv in keyset chunks (`limit`, then the
 * `X-Next-Cursor` of each chunk as `after`), each far inside a Netlify Function's limits, written
 * one after the other into a sink (a file the browser streams to disk, or a Blob), so the file
 * is byte for byte the single-response export. One chunk is requested ahead: its cursor arrives
 * in the headers, so the server reads the next rows while this chunk's body travels.
 * Runtime-neutral (fetch and the sink come in), so it runs in tests without a browser.
 */
import { ApiError, errorFrom, isAbortError } from './fetch-json.ts';
import { csvFilenameFromDisposition } from '../contract/csv-filename.ts';

/** Rows per request: ~1.8 MB of CSV and a few hundred ms of database time (see README, "CSV export of any size"). */
const EXPORT_CHUNK_ROWS = 10_000;

export interface ExportProgress {
  rows: number;
  /** Rows the export will hold, from the first chunk; null when the server could not say. */
  total: number | null;
  bytes: number;
  elapsedMs: number;
  /** Estimated from the pace so far; null until there is one. */
  remainingMs: number | null;
}

/** Where the bytes go. `close` completes the file; `abort` leaves nothing behind. */
export interface CsvSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

export interface ExportOptions {
  /** /api/payments.csv with the view's filters and sort. */
  url: string;
  /** Opened once the first chunk names the file (a save stream chosen earlier may ignore the name). */
  openSink: (filename: string) => Promise<CsvSink>;
  chunkRows?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

export interface ExportResult {
  filename: string;
  rows: number;
  bytes: number;
}

function chunkUrl(url: string, rows: number, after: string | null): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('limit', String(rows));
  if (after) params.set('after', after);
  return `${path}?${params}`;
}

export async function exportCsvInChunks(options: ExportOptions): Promise<ExportResult> {
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? (() => performance.now());
  const chunkRows = options.chunkRows ?? EXPORT_CHUNK_ROWS;
  const started = now();
  const request = async (after: string | null): Promise<Response> => {
    let response: Response;
    try {
      response = await doFetch(chunkUrl(options.url, chunkRows, after), { signal: options.signal, credentials: 'same-origin', headers: { accept: 'text/csv' } });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw new ApiError(0, 'network_error', 'The export lost its connection to the server. Please try again.');
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  };

  let response = await request(null);
  const filename = csvFilenameFromDisposition(response.headers.get('content-disposition')) ?? 'payments.csv';
  const totalHeader = response.headers.get('x-total-rows');
  const total = totalHeader !== null && response.headers.get('x-total-capped') !== 'true' ? Number(totalHeader) : null;
  const sink = await options.openSink(filename);
  let rows = 0;
  let bytes = 0;
  let next: Promise<Response> | undefined;
  try {
    for (;;) {
      const cursor = response.headers.get('x-next-cursor');
      next = cursor ? request(cursor) : undefined;
      next?.catch(() => {}); // awaited below; never unhandled when this chunk fails first
      const body = new Uint8Array(await response.arrayBuffer());
      await sink.write(body);
      rows += Number(response.headers.get('x-chunk-rows') ?? 0);
      bytes += body.byteLength;
      const elapsedMs = now() - started;
      const left = total === null ? null : Math.max(0, total - rows);
      options.onProgress?.({ rows, total: total === null ? null : Math.max(total, rows), bytes, elapsedMs, remainingMs: left === null || rows === 0 ? null : (elapsedMs / rows) * left });
      if (!next) break;
      response = await next;
    }
    await sink.close();
    return { filename, rows, bytes };
  } catch (error) {
    // The export's own error is the one to show; a partial file that could not be discarded is
    // still worth knowing about, so it goes to the console rather than nowhere.
    await sink.abort().catch((abortError: unknown) => console.error('The partial CSV export could not be discarded:', abortError));
    throw error;
  }
}

/**
 * A sink collecting the chunks into a Blob, downloaded under `filename` when complete (browsers
 * without a save-file stream). Aborted, nothing is ever downloaded.
 */
export function blobDownloadSink(filename: string, doc: Document = document): CsvSink {
  let parts: BlobPart[] = [];
  return {
    async write(chunk) {
      parts.push(chunk as BlobPart);
    },
    async close() {
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      parts = [];
      const link = doc.createElement('a');
      link.href = url;
      link.download = filename;
      link.hidden = true;
      doc.body.append(link);
      link.click();
      link.remove();
      // The download has taken its copy once the click is handled; keep the URL a while for slow starts.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    },
    async abort() {
      parts = [];
    },
  };
}

/** The File System Access API's writable: bytes go to disk as they come; abort discards the file. */
export interface WritableFileLike {
  write(data: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(reason?: unknown): Promise<void>;
}

export function fileStreamSink(writable: WritableFileLike): CsvSink {
  return {
    write: (chunk) => writable.write(chunk),
    close: () => writable.close(),
    abort: () => writable.abort(),
  };
}
