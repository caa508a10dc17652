/**
 * Runs the domain's vitest specs on Node's own test runner, whose built-in V8 coverage needs no
 * extra package (`@vitest/coverage-v8` is not a dependency). Type stripping keeps source
 * positions, so the report points at the real lines:
 *
 *   node --import ./test/domain/node-runner/register.ts --test --experimental-test-coverage \
 *     --test-coverage-include='src/domain/**' --test-coverage-branches=100 'test/domain/**\/*.test.ts'
 */
import { register } from 'node:module';

register('./hooks.ts', import.meta.url);
