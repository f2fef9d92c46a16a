import { readFileSync } from 'node:fs';
import type { HttpClient } from './measure-http.ts';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/**
 * Streams an export to the end, counting rows (lines after the header; the export writes no
 * line breaks inside cells of generated data) and sampling the server's resident memory.
 */
export async function measureCsvExport(client: HttpClient, path: string, serverPid: number) {
  let peakRssMb = rssMb(serverPid);
  const sampler = setInterval(() => {
    peakRssMb = Math.max(peakRssMb, rssMb(serverPid));
  }, 25);
  const started = performance.now();
  let lines = 0;
  let bytes = 0;
  try {
    const response = await fetch(client.base + path, { headers: { cookie: client.cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`GET ${path} → ${response.status}`);
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = lines - 1;
  return { rows, bytes, seconds: Math.round(seconds * 100) / 100, rowsPerSec: Math.round(rows / seconds), peakRssMb: Math.round(peakRssMb) };
}
