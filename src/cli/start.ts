/**
 * `npm start`: builds the Node variant when it is missing or older than the sources, then serves
 * it on http://localhost:4321 (PORT to change), on the embedded demo database unless DATABASE_URL
 * is set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NODE_BUILD_ENTRY, serve } from './serve.ts';

const SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

function buildIsCurrent(): boolean {
  if (!existsSync(NODE_BUILD_ENTRY)) return false;
  const built = statSync(NODE_BUILD_ENTRY).mtimeMs;
  return SOURCES.every((source) => newestMtime(source) <= built);
}

if (!buildIsCurrent()) {
  console.log('Building the dashboard (Node variant)…');
  try {
    execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEPLOY_TARGET: 'node', ASTRO_TELEMETRY_DISABLED: '1' },
    });
  } catch {
    console.error('The build failed; see the messages above.');
    process.exit(1);
  }
}
await serve();
