import { createBrotliDecompress } from 'node:zlib';
import { Readable } from 'node:stream';
import { peakRssWhile } from '../helpers/peak-rss.ts';
import { receive, type HttpClient } from './measure-http.ts';

/** Line feeds in a brotli-compressed body, counted after the timing (native indexOf per chunk). */
async function countLines(compressed: readonly Buffer[]): Promise<number> {
  let lines = 0;
  for await (const chunk of Readable.from(compressed).pipe(createBrotliDecompress()) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

/**
 * Streams an export to the end as a browser asks for it (Chrome's Accept-Encoding: the server
 * sends br) while sampling the server's resident memory, and keeps the compressed body as it
 * arrives; only then, untimed, inflates it and counts its rows (lines after the header; the
 * export writes no line breaks inside cells of generated data). The client shares the two cores
 * with the server and PostgreSQL: inflating 1.8 GB in the timed window measured the benchmark as
 * much as the server, where a browser inflates on the user's machine.
 */
export async function measureCsvExport(client: HttpClient, path: string, serverPid: number) {
  const started = performance.now();
  const [received, peakRssMb] = await peakRssWhile(serverPid, () => receive(client, path));
  const seconds = (performance.now() - started) / 1000;
  if (received.headers['content-encoding'] !== 'br') throw new Error(`GET ${path} was not sent as br but ${received.headers['content-encoding']}`);
  const rows = (await countLines(received.chunks)) - 1;
  const bytes = received.chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  return { rows, compressedBytes: bytes, seconds: Math.round(seconds * 100) / 100, rowsPerSec: Math.round(rows / seconds), peakRssMb };
}
