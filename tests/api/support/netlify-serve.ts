import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../helpers/free-port.ts';
import { PROJECT_ROOT } from '../../helpers/node-build.ts';

export interface NetlifyServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Netlify's edge runtime bootstrap ships on npm; it may be nested under netlify-cli. */
function edgeBootstrap(): string {
  const candidates = [
    'node_modules/@netlify/edge-functions-dev/dist/deno/bootstrap.mjs',
    'node_modules/netlify-cli/node_modules/@netlify/edge-functions-dev/dist/deno/bootstrap.mjs',
  ].map((path) => join(PROJECT_ROOT, path));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error('@netlify/edge-functions-dev bootstrap.mjs not found under node_modules');
  return pathToFileURL(found).href;
}

/**
 * `netlify serve --offline` (build, then serve site, functions and edge functions) on free ports,
 * in a copy of the project so its dist/ and .netlify/ never touch the shared working tree.
 */
export async function startNetlifyServe(env: Record<string, string>): Promise<NetlifyServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-netlify-'));
  const home = join(dir, '.home');
  mkdirSync(home);
  const app = join(dir, 'app');
  mkdirSync(app);
  const skip = new Set(['node_modules', 'dist', 'dist-node', '.netlify', '.git', '.astro', 'tests']);
  for (const name of readdirSync(PROJECT_ROOT)) {
    if (!skip.has(name)) cpSync(join(PROJECT_ROOT, name), join(app, name), { recursive: true });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');

  const [port, functionsPort] = [await freePort(), await freePort()];
  let log = '';
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'node_modules/netlify-cli/bin/run.js'), 'serve', '--offline', '--port', String(port), '--functions-port', String(functionsPort)], {
    cwd: app,
    env: {
      ...process.env,
      HOME: home,
      NETLIFY_TELEMETRY_DISABLED: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
      BROWSER: 'none',
      CI: 'true',
      PATH: `${join(PROJECT_ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`,
      NETLIFY_EDGE_BOOTSTRAP: edgeBootstrap(),
      NODE_ENV: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));

  const stop = () => new Promise<void>((done) => {
    const finish = () => {
      rmSync(dir, { recursive: true, force: true });
      done();
    };
    if (child.exitCode !== null || child.pid === undefined) return finish();
    child.once('exit', finish);
    // netlify serve starts its own children (functions, Deno): end the whole process group it leads.
    process.kill(-child.pid, 'SIGTERM');
    setTimeout(() => { if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL'); }, 5000).unref();
  });

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 280_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`netlify serve exited (${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200 || response.status === 503) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`netlify serve did not become ready:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, output: () => log, stop };
}

/** A session cookie from POST /api/login when the app has one (it may not exist yet: status 404). */
export async function loginCookie(baseUrl: string, password: string): Promise<string | undefined> {
  const response = await fetch(`${baseUrl}/api/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ password, next: '/' }),
  });
  if (response.status === 404) return undefined;
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!).filter(Boolean);
  if (cookies.length === 0) throw new Error(`login gave no cookie (status ${response.status})`);
  return cookies.join('; ');
}
