import { defineConfig } from 'vitest/config';
import { tsconfigAliases } from './vitest.config.js';

// Benchmarks (bench/*.bench.ts) are not tests: the default config never picks them up.
// Run: npx vitest run --config vitest.bench.config.ts
export default defineConfig({
  resolve: { alias: tsconfigAliases() },
  test: {
    include: ['bench/**/*.bench.ts'],
    testTimeout: 900_000,
    hookTimeout: 300_000,
    // Timings: one file at a time, nothing else running beside it.
    fileParallelism: false,
  },
});
