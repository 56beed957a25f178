import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // The schema checks start Python per file and the smoke tests start node: give them room.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
