/**
 * Runs the Netlify variant for end-to-end tests: `netlify serve --offline` (a production build,
 * then the static files, the Functions in netlify/functions and the edge function in Deno, all
 * behind one port), the closest thing to a deploy that works without the internet.
 *
 *   const site = await startNetlifyServer({ env: { DATABASE_URL, DASHBOARD_PASSWORD, SESSION_SECRET } });
 *   await fetch(`${site.url}/api/health`);
 *   await site.stop();
 *
 * What it takes care of, and why:
 * - Isolation. `netlify serve` always builds, writing dist/ and .netlify/ into the project; other
 *   people and parallel test files use the same working tree. So it runs in a throwaway copy of
 *   the build inputs (src, public, netlify, configs) with node_modules symlinked, under a
 *   throwaway HOME (the CLI writes its state there). Both are deleted by stop().
 * - Offline Deno. The CLI's own Deno download needs the internet: the `deno` npm package's
 *   binary is put first on PATH (node_modules/.bin, which also holds Node 22 for the build), and
 *   NETLIFY_EDGE_BOOTSTRAP points at the edge runtime bootstrap shipped inside netlify-cli.
 * - Environment. Functions see the process environment, but edge functions only see variables
 *   from the Netlify UI or a .env file; `env` is therefore written to the copy's .env *and* passed
 *   to the process, so both runtimes read the same values.
 * - Ports. Main, static-server and functions ports are all chosen free (the static server's
 *   default, 3999, would collide between parallel runs).
 * - Function precedence. Astro's adapter always emits a catch-all `ssr` function (path /*,
 *   preferStatic; here it only serves /_server-islands/*). On Netlify, functions in
 *   netlify/functions take precedence over framework-generated ones, but netlify-cli matches
 *   functions in the order their zips finish extracting, so /api/* sometimes lands in `ssr` and
 *   404s. The copy's build command removes the generated function, which leaves routing as it
 *   is in production for every path the app serves.
 * - Known differences from a deploy, left as they are: Netlify's `rateLimit` function config is
 *   not enforced; a 403 or 404 from a function is not passed on as is, because the CLI then retries
 *   the request as `/path.html`, `/path/index.html`, … (through the edge function again) and
 *   answers with the last of those; Deno reports its own errors for the inline-config read it
 *   cannot do offline ("Could not load configuration for edge function"), harmlessly.
 * - Stopping. The CLI starts Deno, a static server and a functions server; it runs in a process
 *   group of its own and stop() signals the whole group (SIGTERM, then SIGKILL after 10 s).
 *
 * Slow: a cold start is a full Astro build plus edge bundling, about 30–60 s on two cores. Start
 * one server per test file (beforeAll) and give the hook a generous timeout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from './free-port.ts';
import { PROJECT_ROOT } from './node-build.ts';

/** The build inputs copied into the throwaway site (everything `npm run build` and the CLI read). */
const SITE_INPUTS = ['src', 'public', 'netlify', 'netlify.toml', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/** Newest first: the copy nested in netlify-cli matches the CLI's own edge runtime. */
const BOOTSTRAP_CANDIDATES = [
  'node_modules/netlify-cli/node_modules/@netlify/edge-functions-dev/dist/deno/bootstrap.mjs',
  'node_modules/@netlify/edge-functions-dev/dist/deno/bootstrap.mjs',
];

export function edgeBootstrapUrl(): string {
  const found = BOOTSTRAP_CANDIDATES.map((path) => join(PROJECT_ROOT, path)).find((path) => existsSync(path));
  if (!found) throw new Error(`Netlify's edge bootstrap not found (looked for ${BOOTSTRAP_CANDIDATES.join(', ')}); run npm ci`);
  return pathToFileURL(found).href;
}

export interface NetlifyServerOptions {
  /** Written to the site's .env and passed to the CLI: DATABASE_URL, DASHBOARD_PASSWORD, SESSION_SECRET, … */
  env?: Record<string, string>;
  /** Only in the CLI's environment (the shell): functions see these, the edge function does not. */
  shellEnv?: Record<string, string>;
  /** Only in the site's .env: both runtimes read it. */
  dotEnv?: Record<string, string>;
  /** A path that answers 200 once everything is up; default /login (static, through the edge function). */
  readyPath?: string;
  /** Default 300 s: a cold build on a busy two-core machine. */
  timeoutMs?: number;
  /** Keep the throwaway directory after stop() (to read .netlify/ output while debugging). */
  keepSiteDir?: boolean;
}

export interface NetlifyServer {
  /**
   * http://localhost:PORT. The CLI hands functions `Host: localhost:PORT` whatever the client
   * used, so a client that sends Origin must use this name for it to match; browsers treat
   * localhost as a secure context, so Secure cookies work.
   */
  url: string;
  /** Process group id of the CLI and everything it started. */
  pid: number;
  siteDir: string;
  output: () => string;
  stop(): Promise<void>;
}

function dotenv(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([key, value]) => {
      if (!/^[A-Z_][A-Z0-9_]*$/i.test(key)) throw new Error(`invalid env name ${key}`);
      if (/[\n\r]/.test(value)) throw new Error(`env ${key}: multi-line values are not supported`);
      return `${key}=${JSON.stringify(value)}`;
    })
    .join('\n');
}

const GENERATED_SSR_FUNCTION = '.netlify/v1/functions/ssr';

function withoutGeneratedSsrFunction(tomlPath: string): void {
  const toml = readFileSync(tomlPath, 'utf8');
  const command = /^(\[build\][^[]*?^\s*command\s*=\s*)"([^"]*)"/m;
  if (!command.test(toml)) throw new Error('netlify.toml has no [build] command = "…" for the test copy to extend');
  writeFileSync(tomlPath, toml.replace(command, (_, head: string, value: string) => `${head}"${value} && rm -rf ${GENERATED_SSR_FUNCTION}"`));
}

/** The test runner's environment minus what would change the build (NODE_ENV=test, Vitest's own variables). */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key === 'NODE_ENV' || key.startsWith('VITEST') || key.startsWith('__VITEST')) continue;
    env[key] = value;
  }
  return env;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is already gone
  }
}

export async function startNetlifyServer(options: NetlifyServerOptions = {}): Promise<NetlifyServer> {
  const root = mkdtempSync(join(tmpdir(), 'dashboard-netlify-'));
  const siteDir = join(root, 'site');
  const home = join(root, 'home');
  mkdirSync(siteDir);
  mkdirSync(home);
  for (const input of SITE_INPUTS) {
    if (existsSync(join(PROJECT_ROOT, input))) cpSync(join(PROJECT_ROOT, input), join(siteDir, input), { recursive: true });
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(siteDir, 'node_modules'), 'dir');
  withoutGeneratedSsrFunction(join(siteDir, 'netlify.toml'));
  const env = { ...options.env, ...options.shellEnv };
  writeFileSync(join(siteDir, '.env'), `${dotenv({ ...options.env, ...options.dotEnv })}\n`);

  const [port, staticPort, functionsPort] = [await freePort(), await freePort(), await freePort()];
  const bin = join(PROJECT_ROOT, 'node_modules/.bin');
  let log = '';
  const child = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/netlify-cli/bin/run.js'), 'serve', '--offline',
      '--port', String(port), '--staticServerPort', String(staticPort), '--functions-port', String(functionsPort)],
    {
      cwd: siteDir,
      detached: true, // its own process group, so stop() reaches Deno and the helper servers too
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...inheritedEnv(),
        HOME: home,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        NETLIFY_TELEMETRY_DISABLED: '1',
        ASTRO_TELEMETRY_DISABLED: '1',
        BROWSER: 'none',
        NETLIFY_EDGE_BOOTSTRAP: edgeBootstrapUrl(),
        ...env,
      },
    },
  );
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= new Promise<void>((done) => {
      const cleanUp = () => {
        clearTimeout(forceful);
        killGroup(child, 'SIGKILL'); // stragglers that ignored SIGTERM
        if (!options.keepSiteDir) rmSync(root, { recursive: true, force: true });
        done();
      };
      const forceful = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
      if (child.exitCode !== null || child.signalCode !== null) return cleanUp();
      child.once('exit', cleanUp);
      killGroup(child, 'SIGTERM');
    });
    return stopped;
  };

  const url = `http://localhost:${port}`;
  const readyPath = options.readyPath ?? '/login';
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`netlify serve exited (${child.exitCode}):\n${log}`);
    }
    try {
      const response = await fetch(`${url}${readyPath}`, { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      await response.body?.cancel();
      if (response.status === 200) break;
    } catch {
      // still building or starting
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`netlify serve did not answer 200 on ${readyPath} in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return { url, pid: child.pid!, siteDir, output: () => log, stop };
}
