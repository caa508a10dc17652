import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; most tests wait on HTTP and timers, so two
    // files at a time halve the wall time without making them fight over the CPU.
    maxWorkers: 2,
    coverage: {
      // Coverage is asked for the domain only (`npm run test:domain`): the rules live there, and
      // CONVENTIONS.md wants every branch of them exercised by a test.
      provider: 'v8',
      include: ['src/domain/**'],
      reporter: ['text-summary'],
      thresholds: { branches: 100 },
    },
  },
});
