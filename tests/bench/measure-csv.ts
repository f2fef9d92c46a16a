import { peakRssWhile } from '../helpers/peak-rss.ts';
import type { HttpClient } from './measure-http.ts';

/** Chrome's Accept-Encoding on a secure origin. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/**
 * Streams an export to the end, counting rows (lines after the header; the export writes no
 * line breaks inside cells of generated data) and sampling the server's resident memory.
 */
export async function measureCsvExport(client: HttpClient, path: string, serverPid: number) {
  const started = performance.now();
  const [{ lines, bytes }, peakRssMb] = await peakRssWhile(serverPid, async () => {
    let lines = 0;
    let bytes = 0;
    // What a browser asks for (Chrome over HTTPS, which a deployment is): fetch over plain
    // http:// would offer only gzip and deflate, and the export would be measured with the encoding
    // few users get.
    const response = await fetch(client.base + path, { headers: { cookie: client.cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING } });
    if (response.status !== 200 || !response.body) throw new Error(`GET ${path} → ${response.status}`);
    if (response.headers.get('content-encoding') !== 'br') throw new Error(`GET ${path} was not sent as br but ${response.headers.get('content-encoding')}`);
    for await (const chunk of response.body) {
      bytes += chunk.length;
      // Native indexOf rather than a loop over every byte in JavaScript: the client shares the
      // machine's two cores with the server and PostgreSQL, and its own counting must not set the rate.
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    }
    return { lines, bytes };
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = lines - 1;
  return { rows, bytes, seconds: Math.round(seconds * 100) / 100, rowsPerSec: Math.round(rows / seconds), peakRssMb };
}
