import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser suite needs Chromium: `npm run test:browser` (vitest.browser.config.ts).
    exclude: [...configDefaults.exclude, 'test/browser/**'],
    // One temporary folder per run, removed at the end (test/setup/temp-root.ts).
    globalSetup: ['test/setup/temp-root.ts'],
    pool: 'threads',
    // Generous: the suite must pass on a loaded machine; no test measures wall-clock speed.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // Output is compared as plain text; CI=true would otherwise turn colour on (tests of colour set it themselves).
    env: { NO_COLOR: '1' },
  },
});
