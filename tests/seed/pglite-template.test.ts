import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyPGlite, templateFile } from '../../src/demo/pglite-template.ts';

describe('createEmptyPGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function usable(open: () => ReturnType<typeof createEmptyPGlite>) {
    const pglite = await open();
    try {
      await pglite.exec('create table t (x int); insert into t values (1), (2)');
      const { rows } = await pglite.query<{ n: number }>('select count(*)::int as n from t');
      expect(rows).toEqual([{ n: 2 }]);
      // Nothing left armed that would keep the process alive (see the template's comment).
      const { rows: setting } = await pglite.query<{ v: string }>('select current_setting(\'log_startup_progress_interval\') as v');
      return setting[0]!.v;
    } finally {
      await pglite.close();
    }
  }

  it('initializes once, saves the empty data directory, and starts from it afterwards', async () => {
    const file = templateFile(dir)!;
    expect(file).toMatch(/pglite-\d+\.\d+\.\d+-empty-\d+\.tar$/);
    expect(existsSync(file)).toBe(false);
    await usable(() => createEmptyPGlite({ templateDir: dir }));
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
    // Started from the template: the setting saved with it is in force, and no table leaked in.
    expect(await usable(() => createEmptyPGlite({ templateDir: dir }))).toBe('0');
  });

  it('falls back to a fresh database when the template is damaged, and repairs it', async () => {
    const file = templateFile(dir)!;
    writeFileSync(file, 'not a tar file');
    await usable(() => createEmptyPGlite({ templateDir: dir }));
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
  });
});
