// The browser suite (`npm run test:browser`): tests that open pages in the
// system's Chromium. Kept out of `npm test`, which must pass on a machine
// without a browser; CI installs Chromium and runs this after `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    // One temporary folder per run, removed at the end (test/setup/temp-root.ts).
    globalSetup: ['test/setup/temp-root.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
