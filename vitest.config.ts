import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // Browser and netlify tests start servers; give them room but keep unit tests quick.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: files run two at a time; each test file owns its own scratch database.
    maxWorkers: 2,
  },
});
