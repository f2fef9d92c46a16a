/**
 * Opt-in (EXPORT_1M_TEST=1; ~3 minutes here): the million-charge benchmark database exported
 * through Netlify Functions under `netlify serve --offline`, chunk by chunk as the Export button
 * does it, hashes equal to the Node build's single-response export. The CI-sized version of the
 * same comparison is in netlify.test.ts; the chunks' equality for every sort in
 * csv-export-chunks.test.ts.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { exportCsvInChunks } from '../../src/ui/csv-export.ts';
import { ensureBenchDatabase } from '../bench/bench-database.ts';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { startNodeServer, type RunningServer } from '../helpers/node-build.ts';
import { ADMIN_URL } from '../helpers/postgres.ts';
import { loginCookie } from './support/login-cookie.ts';

const PASSWORD = 'export-1m-password';
const ENV = { DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: 'export-1m-session-secret-0123456789abcdefghij', STATEMENT_TIMEOUT_MS: '60000', REPORTING_TIMEZONE: 'UTC' };

describe.skipIf(!process.env.EXPORT_1M_TEST)('a 1,000,000-row export under netlify serve --offline', () => {
  let node: RunningServer;
  let netlify: NetlifyServer;
  beforeAll(async () => {
    const { url } = await ensureBenchDatabase(ADMIN_URL, 'dash_bench', 1_000_000);
    node = await startNodeServer(inject('nodeBuildDir'), { ...ENV, DATABASE_URL: url }, { viaServeCli: true });
    netlify = await startNetlifyServer({ env: { ...ENV, DATABASE_URL: url } });
  }, 600_000);
  afterAll(async () => {
    await netlify?.stop();
    await node?.stop();
  });

  it('hashes equal to the Node build\'s single-response export', { timeout: 600_000 }, async () => {
    const nodeCookie = (await loginCookie(node.url, PASSWORD))!;
    let started = performance.now();
    const single = createHash('sha256');
    let singleBytes = 0;
    const response = await fetch(`${node.url}/api/payments.csv`, { headers: { cookie: nodeCookie } });
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      single.update(chunk);
      singleBytes += chunk.byteLength;
    }
    const nodeSeconds = (performance.now() - started) / 1000;

    const cookie = (await loginCookie(netlify.url, PASSWORD))!;
    const chunked = createHash('sha256');
    let chunks = 0;
    let largest = 0;
    started = performance.now();
    const result = await exportCsvInChunks({
      url: `${netlify.url}/api/payments.csv`,
      fetchImpl: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), cookie } }),
      openSink: async () => ({
        async write(chunk) { chunks += 1; largest = Math.max(largest, chunk.byteLength); chunked.update(chunk); },
        async close() {},
        async abort() {},
      }),
    });
    const netlifySeconds = (performance.now() - started) / 1000;
    console.log(`1M export: Node single response ${singleBytes} bytes in ${nodeSeconds.toFixed(1)} s; `
      + `Netlify ${chunks} chunks (largest ${largest} bytes) in ${netlifySeconds.toFixed(1)} s`);
    expect(result.rows).toBe(1_000_000);
    expect(result.bytes).toBe(singleBytes);
    expect(largest).toBeLessThan(6_000_000); // inside even the buffered-response limit
    expect(chunked.digest('hex')).toBe(single.digest('hex'));
  });
});
