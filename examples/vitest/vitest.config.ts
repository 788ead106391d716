// Runs the example test files of this folder: `npx vitest run --root examples/vitest`.
import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { include: ['*.test.ts'], testTimeout: 30_000 } });
