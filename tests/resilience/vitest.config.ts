import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The reliability and security suite (`npm run test:resilience`, issue 8): fuzzing, hostile
 * input, load, database faults, the read-only role, secrets, login abuse. Its files end in
 * .resilience.ts so `npm test` (tests/**\/*.test.ts) never picks them up. Files run one at a
 * time: the load and fault tests must not compete with each other for the machine's two cores.
 */
export default defineConfig({
  root: resolve(import.meta.dirname, '../..'),
  test: {
    include: ['tests/resilience/**/*.resilience.ts'],
    globalSetup: ['tests/resilience/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
