import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * V8's full collection, for benchmarks without `--expose-gc` on their command line: run between
 * measured slices, so no slice pays for the garbage the one before it left.
 */
export function fullGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
