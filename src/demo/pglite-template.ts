import { PGlite } from '@electric-sql/pglite';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * An empty, ready PGlite, fast. `PGlite.create()` runs initdb inside WebAssembly: about 6 s of CPU
 * on these machines, most of the demo's start-up. The freshly initialized data directory is the
 * same every time, so the first start saves it (an uncompressed tar of ~40 MB in the OS temp
 * directory, keyed by PGlite's version) and later starts load it instead (~0.8 s). Anything odd
 * about the saved copy (missing, unreadable, from another version, not writable) falls back to a
 * plain PGlite.create(), so this can only ever be as slow as before.
 */
/** Bump when what the template holds changes, so old copies are not reused. */
const TEMPLATE_REVISION = 2;

export const DEFAULT_TEMPLATE_DIR = join(tmpdir(), 'stripe-payments-dashboard');

export async function createEmptyPGlite(options: { templateDir?: string } = {}): Promise<PGlite> {
  const file = templateFile(options.templateDir ?? DEFAULT_TEMPLATE_DIR);
  if (file) {
    let saved: Buffer | undefined;
    try {
      saved = readFileSync(file);
    } catch {
      // No template yet: make one below.
    }
    if (saved) {
      try {
        const pglite = await PGlite.create({ loadDataDir: new Blob([new Uint8Array(saved)]) });
        await pglite.query('select 1');
        return pglite;
      } catch {
        // Stale or damaged: start fresh and replace it.
      }
    }
  }
  const pglite = await PGlite.create();
  if (file) await saveTemplate(pglite, file);
  return pglite;
}

/** Where the template of this PGlite version lives (undefined if the version cannot be told). */
export function templateFile(dir: string = DEFAULT_TEMPLATE_DIR): string | undefined {
  try {
    return join(dir, `pglite-${pgliteVersion()}-empty-${TEMPLATE_REVISION}.tar`);
  } catch {
    return undefined;
  }
}

/** PGlite's package version, read beside its entry point (its exports map hides package.json). */
function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version.replace(/[^0-9A-Za-z.-]/g, '_');
    } catch {
      // keep walking up
    }
    dir = dirname(dir);
  }
  throw new Error('PGlite version not found');
}

async function saveTemplate(pglite: PGlite, file: string): Promise<void> {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    // A dumped directory starts like one after a crash; with the startup-progress timer on,
    // PostgreSQL leaves a 10 s timer armed that keeps Node's event loop alive. Only log output
    // depends on this setting (it lands in postgresql.auto.conf, read at the next start).
    await pglite.exec('alter system set log_startup_progress_interval = 0');
    const dump = await pglite.dumpDataDir('none');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file); // atomic: a concurrent start sees the old file or the whole new one
  } catch {
    try {
      unlinkSync(partial);
    } catch {
      // nothing written
    }
  }
}
