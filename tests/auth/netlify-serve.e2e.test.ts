/**
 * The Netlify variant under `netlify serve --offline`: the edge function (netlify/edge-functions/
 * auth.ts) really runs in Deno in front of the static pages and the Functions, as on a deploy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetlifyServer, type NetlifyServer } from '../helpers/netlify-server.ts';
import { createMartDatabase, type ScratchDatabase } from '../helpers/postgres.ts';
import { describeGuardedSite } from './guarded-site.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetHeaders } from '../../src/auth/security-headers.ts';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

const PASSWORD = 'netlify e2e password';
const SECRET = 'netlify-e2e-session-secret-0123456789abcdef';

let database: ScratchDatabase;
let site: NetlifyServer;

beforeAll(async () => {
  database = await createMartDatabase([]);
  site = await startNetlifyServer({ env: { DATABASE_URL: database.url, DASHBOARD_PASSWORD: PASSWORD, SESSION_SECRET: SECRET } });
}, 360_000);

afterAll(async () => {
  await site?.stop();
  await database?.drop();
});

describeGuardedSite('Netlify (netlify serve --offline)', () => ({ url: site.url, password: PASSWORD }));

describe('Netlify: the edge function is what answers', () => {
  it('marks its responses (x-nf-edge-functions: auth) on pages and API routes alike', async () => {
    for (const path of ['/login', '/api/health', '/', '/api/overview/kpis']) {
      const response = await fetch(`${site.url}${path}`, { redirect: 'manual' });
      expect(response.headers.get('x-nf-edge-functions'), path).toBe('auth');
    }
  });

  it('sends the page policy as a header, with the hashes from the <meta> Astro wrote into the static page', async () => {
    const response = await fetch(`${site.url}/login`);
    const html = await response.text();
    const meta = /<meta http-equiv="content-security-policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const scriptSrc = meta!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(response.headers.get('content-security-policy')).toContain(scriptSrc);
  });

  it('serves /_astro/* assets with the same security headers and immutable caching as the Node server (netlify.toml)', async () => {
    const html = await (await fetch(`${site.url}/login`)).text();
    const asset = /(?:href|src)="(\/_astro\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${site.url}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-nf-edge-functions')).toBeNull(); // the edge function skips assets
    const { 'cache-control': cacheControl, ...security } = assetHeaders(true);
    for (const [name, value] of Object.entries(security)) expect(response.headers.get(name), name).toBe(value);
    // netlify serve's own static server sets Cache-Control on every file, and the proxy lets it
    // win over the [[headers]] rule (measured: "public, max-age=0"); a deploy applies the rule.
    // So the rule itself is checked here.
    const rule = /\[\[headers\]\]\s*for = "\/_astro\/\*"[\s\S]*?Cache-Control = "([^"]+)"/.exec(readFileSync(join(PROJECT_ROOT, 'netlify.toml'), 'utf8'))?.[1];
    expect(rule).toBe(cacheControl);
  });
});
