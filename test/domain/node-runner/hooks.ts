import type { ResolveHook } from 'node:module';

const shim = new URL('./vitest-shim.ts', import.meta.url).href;

/** Sends the specs' `vitest` imports to the shim; the shim itself still gets the real package. */
export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'vitest' && context.parentURL !== shim
    ? { url: shim, shortCircuit: true }
    : nextResolve(specifier, context);
