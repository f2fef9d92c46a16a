import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from './free-port.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

/**
 * The Procfile's web process: the environment it sets before `node` (glibc malloc's settings),
 * the flags `node` gets (the heap limit), which keep the server's memory in bounds, and the script
 * it runs (the Node build's server bundle, relative to the app root). A server started by the
 * tests and the benchmark runs with all three, as deployed; HOST is the caller's.
 */
export function procfileWeb(): { env: Record<string, string>; nodeFlags: string[]; script: string } {
  const web = /^web:(.*)$/m.exec(readFileSync(join(PROJECT_ROOT, 'Procfile'), 'utf8'))?.[1] ?? '';
  const words = web.trim().split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).map((word) => word.split('=', 2) as [string, string]).filter(([name]) => name !== 'HOST'));
  const args = words.slice(node + 1);
  return { env, nodeFlags: args.filter((word) => word.startsWith('--')), script: args.filter((word) => !word.startsWith('--')).join(' ') };
}

/**
 * A fresh directory under the project's .tmp/ (gitignored). Builds must live inside the project:
 * the server bundle imports its dependencies from node_modules, found by walking up from it.
 */
export function projectTempDir(prefix: string): string {
  const base = join(PROJECT_ROOT, '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

/**
 * Builds the Node (Heroku) variant once per test run into a directory of its own, so parallel
 * runs and a developer's dist-node never collide. Called from tests/global-setup.ts.
 */
export function buildNodeVariant(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
    cwd: PROJECT_ROOT,
    // A production build, as `npm run build:node` makes: under vitest NODE_ENV is 'test', which
    // would give development JSX (source paths in every element) and a heavier page than ships.
    env: { ...process.env, NODE_ENV: 'production', DEPLOY_TARGET: 'node', ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts a built Node variant on a free port and waits until /api/health answers: its bare
 * entry by default, or with `viaServeCli` as the Procfile runs it: the build's bundle of
 * src/cli/serve.ts (start-up checks, compression, /api) from an app root holding the build as
 * dist-node/.
 */
export async function startNodeServer(
  buildDir: string,
  env: Record<string, string | undefined> = {},
  options: { viaServeCli?: boolean } = {},
): Promise<RunningServer> {
  const entry = join(buildDir, 'server/entry.mjs');
  if (!existsSync(entry)) throw new Error(`no Node build at ${buildDir}; tests/global-setup.ts builds it`);
  const port = await freePort();
  let log = '';
  // serve.ts serves ./dist-node of its working directory: give it one that points at this build.
  const serveCwd = options.viaServeCli ? projectTempDir('serve-cwd') : undefined;
  if (serveCwd) {
    symlinkSync(resolve(buildDir), join(serveCwd, 'dist-node'));
    // The app root also holds src/ (as on Heroku): the decline-code mapping is read from there.
    symlinkSync(join(PROJECT_ROOT, 'src'), join(serveCwd, 'src'));
  }
  const web = procfileWeb();
  const args = serveCwd ? [...web.nodeFlags, web.script] : [entry];
  const child = spawn(process.execPath, args, {
    cwd: serveCwd ?? PROJECT_ROOT,
    env: { ...process.env, ...(serveCwd ? web.env : {}), NODE_ENV: '', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200 || response.status === 503) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    output: () => log,
    stop: () => new Promise<void>((done) => {
      const finish = () => {
        if (serveCwd) rmSync(serveCwd, { recursive: true, force: true });
        done();
      };
      if (child.exitCode !== null) return finish();
      child.once('exit', finish);
      child.kill('SIGTERM');
    }),
  };
}
