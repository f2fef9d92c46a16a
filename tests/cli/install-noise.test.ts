import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

const packageJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string };
  allowScripts: Record<string, boolean>;
  devDependencies: Record<string, string>;
};

/** `>=22.18 <23` → its floor and the major it stops before. */
function parseEngineRange(range: string): { floor: [number, number]; belowMajor: number } {
  const match = /^>=(\d+)\.(\d+) <(\d+)$/.exec(range);
  if (!match) throw new Error(`engines.node has an unexpected form: ${range}`);
  return { floor: [Number(match[1]), Number(match[2])], belowMajor: Number(match[3]) };
}

describe('the Node version the project asks for', () => {
  const engine = parseEngineRange(packageJson.engines.node);

  it('is what the README says, and what the node dev dependency installs', () => {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## Scripts'));
    expect(quickStart).toContain(`Node.js ${engine.floor.join('.')} or newer ${engine.floor[0]}.x`);
    expect(quickStart).not.toMatch(/Needs Node\.js ≥ ?\d/);

    const caret = /^\^(\d+)\.(\d+)\.\d+$/.exec(packageJson.devDependencies.node ?? '');
    expect(caret, 'the node dev dependency is a caret range').not.toBeNull();
    const [major, minor] = [Number(caret![1]), Number(caret![2])];
    expect(major).toBe(engine.floor[0]);
    expect(minor).toBeGreaterThanOrEqual(engine.floor[1]);
    expect(major).toBeLessThan(engine.belowMajor);
  });

  it('is the Node npm scripts run on', () => {
    const [major, minor] = process.versions.node.split('.').map(Number);
    expect(major).toBe(engine.floor[0]);
    expect(minor).toBeGreaterThanOrEqual(engine.floor[1]);
  });
});

/** PATH without the project's node_modules/.bin: the npm and node a newcomer's shell finds. */
function systemPath(): string {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes('node_modules'))
    .join(delimiter);
}

describe('npm install on the system Node', () => {
  it('runs the install scripts the project needs, named in allowScripts (npm 12 skips the rest)', () => {
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const withScripts = new Set(
      Object.entries(lock.packages)
        .filter(([, entry]) => entry.hasInstallScript)
        .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    expect(withScripts).toContain('node'); // fetches the Node 22 binary every script runs on
    expect(Object.keys(packageJson.allowScripts).sort()).toEqual([...withScripts].sort());
    expect(Object.values(packageJson.allowScripts).every((allowed) => allowed === true)).toBe(true);
  });

  it('prints no warnings, only its summary', () => {
    const path = systemPath();
    const systemNode = spawnSync('node', ['--version'], { env: { PATH: path }, encoding: 'utf8' });
    expect(systemNode.status, 'a system node on PATH').toBe(0);

    // The install as a fresh clone sees it: the manifest, the lock and the project's npm settings.
    const dir = mkdtempSync(join(tmpdir(), 'install-noise-'));
    try {
      for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
        if (existsSync(join(PROJECT_ROOT, file))) copyFileSync(join(PROJECT_ROOT, file), join(dir, file));
      }
      const result = spawnSync('npm', ['install', '--dry-run', '--offline', '--no-audit'], {
        cwd: dir,
        // npm's "new version of npm available" notice is about npm, not this project, and comes
        // and goes with npm's own releases: switched off so the test reads only what we control.
        env: { PATH: path, HOME: dir, npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? dir, '.npm'), npm_config_update_notifier: 'false' },
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(result.status, result.stderr).toBe(0);
      // --dry-run lists every package it would add ("add vite 7.1.0"); a real install does not.
      const printed = `${result.stdout}\n${result.stderr}`
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('add '));
      expect(printed.filter((line) => /warn|EBADENGINE|install-scripts/i.test(line)), `system node ${systemNode.stdout.trim()}`).toEqual([]);
      expect(printed, printed.join("\n")).toHaveLength(1);
      expect(printed[0]).toMatch(/^added \d+ packages/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
