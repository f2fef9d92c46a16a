import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildNodeVariant, projectTempDir } from './helpers/node-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    nodeBuildDir: string;
  }
}

/**
 * Builds the Node variant once for every test file that starts a server. Set TEST_NODE_BUILD_DIR
 * to reuse an existing build while iterating on tests (never in CI).
 */
export default function setup(project: TestProject) {
  const reuse = process.env.TEST_NODE_BUILD_DIR;
  const dir = reuse ?? projectTempDir('node-build');
  if (!reuse) buildNodeVariant(dir);
  project.provide('nodeBuildDir', dir);
  return () => {
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  };
}
