import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

/** Runs `node src/cli/serve.ts` (what the Procfile starts) with exactly the given environment. */
function serveWith(env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['src/cli/serve.ts'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

const SECRET = 's'.repeat(40);

describe('serve start-up checks', () => {
  it.each([
    ['DATABASE_URL', { NODE_ENV: 'production', DASHBOARD_PASSWORD: 'pw', SESSION_SECRET: SECRET }],
    ['DASHBOARD_PASSWORD', { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@127.0.0.1/db', SESSION_SECRET: SECRET }],
    ['SESSION_SECRET', { NODE_ENV: 'production', DATABASE_URL: 'postgresql://u@127.0.0.1/db', DASHBOARD_PASSWORD: 'pw', SESSION_SECRET: 'too-short' }],
  ])('stops with one line naming %s', (variable, env) => {
    const { status, stderr } = serveWith(env);
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain(variable);
    expect(stderr).not.toMatch(/\bat .*:\d+:\d+/); // no stack frames
  });

  it('stops with one readable line when the database is unreachable, without its password', () => {
    const { status, stderr } = serveWith({ DATABASE_URL: 'postgresql://reader:hunter2@127.0.0.1:1/analytics' });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toContain('Cannot reach the database at 127.0.0.1:1/analytics');
    expect(stderr).not.toContain('hunter2');
  });
});

describe('serve', () => {
  it('serves the built app with compressed responses', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { inject } = await import('vitest');
    const { freePort } = await import('../helpers/free-port.ts');
    const { createScratchDatabase } = await import('../helpers/postgres.ts');

    // serve.ts looks for dist-node/ in its working directory: point one at this run's build.
    const cwd = mkdtempSync(join(PROJECT_ROOT, '.tmp', 'serve-cwd-'));
    symlinkSync(inject('nodeBuildDir'), join(cwd, 'dist-node'));
    const scratch = await createScratchDatabase();
    const port = await freePort();
    const child = spawn(process.execPath, [join(PROJECT_ROOT, 'src/cli/serve.ts')], {
      cwd,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: scratch.url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await expect.poll(() => output, { timeout: 20_000 }).toContain(`Payments dashboard: http://localhost:${port}`);
      const login = await fetch(`http://127.0.0.1:${port}/login`);
      expect(login.status).toBe(200);
      expect(login.headers.get('vary')).toMatch(/accept-encoding/i);
      // The largest bundled script; fetch decompresses it, the headers still say how it travelled.
      const assets = readdirSync(join(inject('nodeBuildDir'), 'client/_astro')).filter((name) => name.endsWith('.js'));
      const largest = assets.sort((a, b) => statSync(join(inject('nodeBuildDir'), 'client/_astro', b)).size - statSync(join(inject('nodeBuildDir'), 'client/_astro', a)).size)[0];
      const script = await fetch(`http://127.0.0.1:${port}/_astro/${largest}`, { headers: { 'accept-encoding': 'br, gzip' } });
      await script.arrayBuffer();
      expect(script.status).toBe(200);
      expect(script.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    } finally {
      child.kill('SIGTERM');
      await scratch.drop();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
