import { transition } from '../../domain/operations/state-machine.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { operationsToSweep } from './operations-to-sweep.ts';
import type { RequestDependencies } from './request-deps.ts';
import { saveMove } from './save-move.ts';

/** What one sweep did: requests expired, due ones decided meanwhile, ones left for next time. */
export interface ExpirySweep {
  expired: number;
  decidedMeanwhile: number;
  failed: number;
}

/**
 * Expires one request under the ETag read now: a click that lands first wins (then the request
 * is no longer pending, or the write loses the race) and the sweep leaves it alone. Once the
 * write is in, the notifier tells it and writes its history lines before it counts as told
 * (`tell-changes.ts`), so a crash or a refused history write leaves them to the job.
 */
async function expireOne(
  deps: RequestDependencies,
  operation: StoredOperation,
  now: Date,
): Promise<boolean> {
  const current = await deps.operations.get(operation.tenantId, operation.id);
  if (!current) {
    return false;
  }
  const moved = transition(current.value, { type: 'expire' }, { kind: 'system' }, now);
  if (!moved.ok) {
    return false;
  }
  return (await saveMove(deps, current, moved.value)) !== undefined;
}

/**
 * The periodic expiry: pending requests of the tenants served (`tenantIds`) whose `expiresAt`
 * has passed become `expired`; the notifier redraws their cards, tells the requester and writes
 * a history line per user. Run by one job at a time; a second instance sweeping at once only
 * loses ETag races.
 */
export async function expirePendingRequests(
  deps: RequestDependencies,
  tenantIds: readonly string[],
): Promise<ExpirySweep> {
  const now = deps.clock.now();
  const due = await operationsToSweep(deps.operations, {
    tenantIds,
    state: 'pending',
    expiredBy: now,
  });
  let expired = 0;
  let failed = 0;
  for (const operation of due) {
    try {
      if (await expireOne(deps, operation, now)) {
        expired += 1;
      }
    } catch (error) {
      // One request the store cannot move now is tried again next sweep; the others go on.
      failed += 1;
      deps.logger.error({ err: error, operationId: operation.id }, 'could not expire a request');
    }
  }
  const sweep = { expired, decidedMeanwhile: due.length - expired - failed, failed };
  if (due.length > 0) {
    deps.logger.info(sweep, 'pending requests expired');
  }
  return sweep;
}
