import type { OperationState } from './operation.ts';

/** Every state an operation can be in, for what reads them from outside (stores, the REST API). */
export const OPERATION_STATES = [
  'pending',
  'approved',
  'running',
  'paused',
  'succeeded',
  'partiallyFailed',
  'failed',
  'rejected',
  'expired',
  'cancelled',
] as const satisfies readonly OperationState[];

// A state added to `OperationState` and not listed above fails to compile here.
type NoneLeft<T extends never> = T;
export type EveryOperationStateListed = NoneLeft<
  Exclude<OperationState, (typeof OPERATION_STATES)[number]>
>;
