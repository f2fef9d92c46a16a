/**
 * The edge function runs on Deno: it may import only runtime-neutral code (src/auth, src/config, src/contract)
 * and jose, never a Node built-in, `process` or the database layer. Checked two ways: the import
 * graph, read from the sources, and `deno check` of the real entry point (types and resolution
 * exactly as Deno sees them, offline, with the deno binary from node_modules).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/node-build.ts';

const ENTRY = join(PROJECT_ROOT, 'netlify/edge-functions/auth.ts');
const IMPORT = /^\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm;

function importGraph(entry: string): { files: string[]; packages: Map<string, boolean> } {
  const files = new Set<string>();
  const packages = new Map<string, boolean>(); // name → imported for types only
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!));
      else packages.set(specifier!, (packages.get(specifier!) ?? true) && Boolean(typeOnly));
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(PROJECT_ROOT, file)).sort(), packages };
}

describe('the edge function stays runtime-neutral', () => {
  const { files, packages } = importGraph(ENTRY);

  it('imports only src/auth, src/config and the shared contract', () => {
    for (const file of files) {
      expect(file, file).toMatch(/^(netlify\/edge-functions\/auth\.ts|src\/(auth|config|contract)\/[\w-]+\.ts)$/);
    }
    expect(files).toContain('src/auth/protect.ts');
  });

  it('uses jose at run time and Netlify types only as types; no Node built-ins', () => {
    expect(Object.fromEntries(packages)).toEqual({ jose: false, '@netlify/edge-functions': true });
  });

  it('never touches process, Buffer or require', () => {
    for (const file of files) {
      const code = readFileSync(join(PROJECT_ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\b(process|Buffer|require|__dirname)\b/);
    }
  });

  it('passes deno check', () => {
    const denoDir = mkdtempSync(join(tmpdir(), 'deno-check-'));
    try {
      execFileSync(join(PROJECT_ROOT, 'node_modules/.bin/deno'), ['check', '--node-modules-dir=manual', 'netlify/edge-functions/auth.ts'], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 120_000,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
      throw new Error(`deno check failed:\n${stdout}\n${stderr}`);
    } finally {
      rmSync(denoDir, { recursive: true, force: true });
    }
  }, 120_000);
});
