import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../helpers/node-build.ts';
import { median } from './stats.ts';

/**
 * Cold start of a Netlify function: bundle it the way Netlify's esbuild bundler does (one ESM
 * file, node platform), then time `import()` of that bundle in fresh Node processes. That is the
 * module-evaluation part of a cold start, the part this code controls.
 */
export async function measureColdStart(functionFile: string, runs = 7): Promise<{ medianMs: number; bundleBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'cold-start-'));
  try {
    const outfile = join(dir, 'function.mjs');
    const result = await build({
      entryPoints: [join(PROJECT_ROOT, functionFile)],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      outfile,
      metafile: true,
      logLevel: 'error',
      // CommonJS dependencies bundled into ESM need a require().
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const bundleBytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
    const script = `const t = performance.now(); await import(${JSON.stringify(outfile)}); process.stdout.write(String(performance.now() - t));`;
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: 'postgresql://bench@127.0.0.1:1/none' } });
      samples.push(Number(out));
    }
    return { medianMs: median(samples), bundleBytes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
