import { randomUUID } from 'node:crypto';
import { NoticeFirstOperationStore } from '../../app/notices/notice-first-operations.ts';
import type { TellDependencies } from '../../app/notices/tell-changes.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { CosmosStore } from '../../store/index.ts';

/**
 * The operation store every state change goes through, which first marks the change's notice
 * untold (`notice-first-operations.ts`), and what telling the changes works with.
 */
export function changeTelling(store: CosmosStore, clock: Clock, logger: Logger): TellDependencies {
  return {
    operations: new NoticeFirstOperationStore(store.operations, store.notices, clock),
    notices: store.notices,
    history: store.history,
    operationItems: store.operationItems,
    clock,
    logger,
    newId: () => randomUUID(),
  };
}
