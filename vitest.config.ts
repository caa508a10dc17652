import { defaultExclude, defineConfig } from 'vitest/config';

/**
 * Test files that must not share a worker with other files, each for a reason a shared module
 * cache or a shared process would leak into the next file:
 * - turn-telemetry: `vi.mock`s src/telemetry/azure-monitor.ts; without isolation the modules it
 *   imported while mocked (the composition root) would stay cached with the mock in them.
 * - graph-spans, counted-ports, log-trace-ids (and turn-telemetry): `inMemoryTelemetry()` calls
 *   OpenTelemetry's `context.setGlobalContextManager`, a process-wide registration that cannot be
 *   undone or made twice; another file would inherit an enabled async context manager.
 * Everything else keeps no state beyond its own file (checked: no vi.mock/stubGlobal/stubEnv,
 * no writes to process.env, listeners removed in `finally`, no fake timers), so it runs with
 * `isolate: false`: shared modules are evaluated once per worker instead of once per file.
 */
const ISOLATED = [
  'test/telemetry/turn-telemetry.test.ts',
  'test/telemetry/graph-spans.test.ts',
  'test/telemetry/counted-ports.test.ts',
  'test/telemetry/log-trace-ids.test.ts',
];

export default defineConfig({
  test: {
    // No `include` here: projects inherit this block and arrays are merged, so each project
    // names its own files.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default on two cores is one worker; most tests wait on HTTP and timers, so two
    // files at a time halve the wall time without making them fight over the CPU.
    maxWorkers: 2,
    // Both projects inherit the options above (`extends` is true by default) and share one Vite
    // server and its transform cache. Files are queued project by project, in name order.
    projects: [
      {
        test: {
          name: 'isolated',
          include: ISOLATED,
          isolate: true,
        },
      },
      {
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: [...defaultExclude, ...ISOLATED],
          isolate: false,
        },
      },
    ],
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
