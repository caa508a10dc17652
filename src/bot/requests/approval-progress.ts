import type { StoredOperation } from '../../app/ports/operation-store.ts';
import { runProgressView } from '../../domain/operations/run-progress-view.ts';
import type { ApprovalProgressData } from '../cards/card-data.ts';

/**
 * The progress section of a request's card: while it runs, the bar and figures of its latest
 * checkpoint (before the first, its users as the operation has them: all still to do); none
 * once it has ended or before it starts.
 */
export function approvalProgress(operation: StoredOperation): ApprovalProgressData[] {
  // A group's change is Entra's to apply: its card says how processing goes, not a bar of users.
  if (operation.state !== 'running' || operation.group !== undefined) {
    return [];
  }
  const startedAt = operation.startedAt ?? operation.updatedAt;
  const { checkpoint } = operation;
  const view = runProgressView({
    counts: checkpoint?.counts ?? {
      planned: operation.userCount,
      sent: 0,
      done: 0,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    },
    startedAt,
    at: checkpoint?.at ?? startedAt,
  });
  return [{ ...view.shares, counts: `${view.percent} · ${view.counts}`, pace: view.pace }];
}
