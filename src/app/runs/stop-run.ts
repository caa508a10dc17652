import { historyEventsForItem } from '../../domain/history/history-event.ts';
import { changeTookEffect } from '../../domain/operations/change-took-effect.ts';
import { stoppedRunNote } from '../../domain/operations/state-machine.ts';
import type { StoredOperationItem } from '../ports/operation-item-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import { itemsIn } from './item-pages.ts';
import { leftSent } from './left-sent.ts';
import { recordItem } from './record-item.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import type { RunProgress } from './run-progress.ts';
import { TaskPool } from './task-pool.ts';

/** How often a run looks whether someone stopped it: a read of the operation, not one per user. */
export const STOP_LOOK_EVERY_MS = 2_000;

/**
 * Watches a run's operation for a stop (`cancelRequested`): looked at no more often than every
 * `STOP_LOOK_EVERY_MS`, and once seen, `signal` aborts (the batch writer sends nothing new and
 * lets the batches in Graph finish).
 */
export class StopWatch {
  readonly #deps: RequestDependencies;
  readonly #operation: StoredOperation;
  readonly #stop = new AbortController();
  #lookedAt: number;

  constructor(deps: RequestDependencies, operation: StoredOperation) {
    this.#deps = deps;
    this.#operation = operation;
    this.#lookedAt = deps.clock.now().getTime();
    if (operation.cancelRequested) {
      this.#stop.abort(new Error('The run was stopped.'));
    }
  }

  get signal(): AbortSignal {
    return this.#stop.signal;
  }

  get stopped(): boolean {
    return this.#stop.signal.aborted;
  }

  async look(): Promise<void> {
    const now = this.#deps.clock.now().getTime();
    if (this.stopped || now - this.#lookedAt < STOP_LOOK_EVERY_MS) {
      return;
    }
    this.#lookedAt = now;
    const current = await this.#deps.operations.get(this.#operation.tenantId, this.#operation.id);
    if (current?.value.cancelRequested) {
      this.#stop.abort(new Error('The run was stopped.'));
    }
  }
}

const notReached = (operation: StoredOperation): string =>
  stoppedRunNote(operation.cancelRequested?.by ?? { userId: '', displayName: 'someone' });

/**
 * Ends a stopped run's users: one left `sent` whose change took effect (read 15 users at a time)
 * is done, every other one not settled is skipped with who stopped the run, each with its
 * history. Nothing is sent to Graph.
 */
export async function endStoppedRun(
  deps: RequestDependencies,
  operation: StoredOperation,
  progress: RunProgress,
): Promise<void> {
  const writing = new TaskPool(16, (error) =>
    deps.logger.warn({ err: error, operationId: operation.id }, 'could not end a stopped user'),
  );
  const skip = (stored: Versioned<StoredOperationItem>, from: 'planned' | 'sent') =>
    writing.run(async () => {
      try {
        await deps.operationItems.move(
          operation.tenantId,
          operation.id,
          stored.value.itemId,
          stored.etag,
          {
            state: 'cancelled',
            note: notReached(operation),
          },
        );
      } catch (error) {
        if (error instanceof ConcurrencyConflictError) {
          return;
        }
        throw error;
      }
      progress.moved(from, 'cancelled');
      const item = { ...stored.value, state: 'cancelled' as const, note: notReached(operation) };
      await deps.history.append(historyEventsForItem(operation, item, deps.clock.now()));
    });
  for await (const chunk of leftSent(deps, operation)) {
    for (const { stored, user } of chunk) {
      if (user !== undefined && changeTookEffect(stored.value, user)) {
        writing.run(async () => {
          const done = await recordItem(
            deps,
            operation,
            stored.value,
            stored.etag,
            { state: 'done' },
            {},
          );
          progress.moved('sent', done.state);
        });
      } else {
        skip(stored, 'sent');
      }
    }
  }
  await writing.done();
  for await (const page of itemsIn(deps, operation.tenantId, operation.id, 'planned')) {
    for (const stored of page) {
      await writing.room();
      skip(stored, 'planned');
    }
    // The next page is read after these left `planned`: the cursor moves on regardless.
    await writing.idle();
  }
  await writing.done();
}
