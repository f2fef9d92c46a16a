import { peakRssWhile } from '../helpers/peak-rss.ts';
import type { HttpClient } from './measure-http.ts';

/**
 * Streams an export to the end, counting rows (lines after the header; the export writes no
 * line breaks inside cells of generated data) and sampling the server's resident memory.
 */
export async function measureCsvExport(client: HttpClient, path: string, serverPid: number) {
  const started = performance.now();
  const [{ lines, bytes }, peakRssMb] = await peakRssWhile(serverPid, async () => {
    let lines = 0;
    let bytes = 0;
    const response = await fetch(client.base + path, { headers: { cookie: client.cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`GET ${path} → ${response.status}`);
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
    return { lines, bytes };
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = lines - 1;
  return { rows, bytes, seconds: Math.round(seconds * 100) / 100, rowsPerSec: Math.round(rows / seconds), peakRssMb };
}
