import { OutcomeTally, type OperationOutcome } from '../../domain/operations/outcome.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { itemsIn } from './item-pages.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';

/**
 * What a run did, read from the item store when it ends: the counts, the failed and skipped
 * users grouped by reason (a page at a time, so memory stays flat), and the results of the users
 * the card names.
 */
export async function readOutcome(
  deps: Pick<RequestDependencies, 'operationItems'>,
  operation: StoredOperation,
): Promise<OperationOutcome> {
  const tally = new OutcomeTally();
  const [counts, first] = await Promise.all([
    deps.operationItems.countByState(operation.tenantId, operation.id),
    // An item's id is its user's id (`newOperation`).
    Promise.all(
      operation.firstUsers.map((user) =>
        deps.operationItems.get(operation.tenantId, operation.id, user.userId),
      ),
    ),
  ]);
  // Only the states that have items are read (a run where every user went through reads none).
  for (const state of ['failed', 'skipped'] as const) {
    if (counts[state] === 0) {
      continue;
    }
    for await (const page of itemsIn(deps, operation.tenantId, operation.id, state)) {
      for (const { value } of page) {
        tally.add(value);
      }
    }
  }
  const firstResults = first.flatMap((found) =>
    found === null
      ? []
      : [
          {
            userId: found.value.userId,
            state: found.value.state,
            ...((found.value.failure?.message ?? found.value.note)
              ? { note: found.value.failure?.message ?? found.value.note }
              : {}),
          },
        ],
  );
  return tally.outcome(counts, firstResults);
}
