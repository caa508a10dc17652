/** `describe` and `it` from Node's runner, `expect` from vitest (it works outside vitest's runner). */
export { describe, it } from 'node:test';
export { expect } from 'vitest';
