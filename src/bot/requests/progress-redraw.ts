import type { Logger } from '../../app/ports/logger.ts';
import type { OperationStore, StoredOperation } from '../../app/ports/operation-store.ts';
import type { RequestCardCopy, RequestCardStore } from '../../app/ports/request-card-store.ts';
import type { ProgressPacer } from './progress-pacer.ts';
import { statusOf } from './retrying-send.ts';

/** What a progress redraw works with: the notifier's stores, pacer and ways to draw a copy. */
export interface ProgressRedrawDeps {
  operations: Pick<OperationStore, 'get'>;
  cards: Pick<RequestCardStore, 'list'>;
  pacer: ProgressPacer;
  logger: Logger;
  now(): number;
  /** One try at drawing a copy in place as `operation` is now. */
  draw(operation: StoredOperation, copy: RequestCardCopy): Promise<void>;
  /** Draws copies as `operation` is now, retried as a state change's redraws are. */
  redraw(
    operation: StoredOperation,
    copies: readonly RequestCardCopy[],
    log: Logger,
  ): Promise<void>;
}

/**
 * Redraws the copies of a running operation's card that the pacer says are due, from the
 * operation as stored now, so a redraw that comes late never hides how it ended. One try each,
 * no retries: a later checkpoint draws again, and a conversation Teams says is busy (429) is left
 * alone for a while. If the operation stopped running while they were drawn (a change told by
 * another process landed first), they are drawn again as it is now. Never throws; the pacer is
 * told the redraw is over whatever happens.
 */
export async function redrawProgress(
  deps: ProgressRedrawDeps,
  key: string,
  target: { tenantId: string; operationId: string },
): Promise<void> {
  const { tenantId, operationId } = target;
  const log = deps.logger.child({ operationId });
  try {
    const current = await deps.operations.get(tenantId, operationId);
    if (current?.value.state !== 'running') {
      return;
    }
    const drawn: RequestCardCopy[] = [];
    for (const copy of await deps.cards.list(tenantId, operationId)) {
      if (!deps.pacer.mayDraw(key, copy, deps.now())) {
        continue;
      }
      try {
        await deps.draw(current.value, copy);
        deps.pacer.drawn(key, copy, deps.now());
        drawn.push(copy);
      } catch (error) {
        if (statusOf(error) === 429) {
          deps.pacer.busy(copy.conversationId, deps.now());
        }
        log.info(
          { err: error, conversationId: copy.conversationId, status: statusOf(error) },
          'could not show progress on a card: a later checkpoint tries again',
        );
      }
    }
    if (drawn.length === 0) {
      return;
    }
    // One this process tells comes after this redraw in the operation's queue and draws anyway.
    const after = await deps.operations.get(tenantId, operationId);
    if (after && after.value.state !== 'running') {
      log.info({ state: after.value.state }, 'the run ended while its progress was drawn');
      await deps.redraw(after.value, drawn, log);
    }
  } catch (error) {
    log.warn({ err: error }, 'could not show the progress of a run');
  } finally {
    deps.pacer.end(key, deps.now());
  }
}
