/**
 * Loaded with `node --import` by tests that need to know which modules a process loaded: every
 * module it resolves (import, dynamic import or require) is appended to LOADED_MODULES_FILE.
 */
import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const file = process.env.LOADED_MODULES_FILE;
if (file !== undefined) {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      appendFileSync(file, `${resolved.url}\n`);
      return resolved;
    },
  });
}
