import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../helpers/node-build.ts';

/**
 * The Node build leaves packages such as preact external and resolves them upwards from its own
 * folder; built into the system temp directory it finds no node_modules. A link to the project's
 * makes it start (several test files may race to create it).
 */
export function linkNodeModules(buildDir: string): void {
  const link = join(buildDir, 'node_modules');
  if (existsSync(link)) return;
  try {
    symlinkSync(join(PROJECT_ROOT, 'node_modules'), link, 'dir');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
