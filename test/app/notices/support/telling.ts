import type { StoredOperation } from '../../../../src/app/ports/operation-store.ts';
import { NoticeFirstOperationStore } from '../../../../src/app/notices/notice-first-operations.ts';
import type { TellDependencies } from '../../../../src/app/notices/tell-changes.ts';
import type { HistoryEvent } from '../../../../src/domain/history/history-event.ts';
import type {
  OperationEvent,
  OperationState,
} from '../../../../src/domain/operations/operation.ts';
import {
  MemoryChangeNoticeStore,
  MemoryHistoryLog,
  MemoryOperationItemStore,
  MemoryOperationStore,
} from '../../../../src/store/index.ts';
import { recordingLogger } from '../../../support/recording-logger.ts';

/** A history log the store refuses `failures` times before it takes the lines. */
export class FlakyHistoryLog extends MemoryHistoryLog {
  failures: number;

  constructor(failures: number) {
    super();
    this.failures = failures;
  }

  override append(events: readonly HistoryEvent[]) {
    if (this.failures > 0) {
      this.failures -= 1;
      return Promise.reject(new Error('history container unavailable'));
    }
    return super.append(events);
  }
}

/**
 * What telling runs on in memory: a clock standing at `start` until `pass` moves it, the
 * operations written notice first, and the telling dependencies over them. A test passes the
 * stores it wants to watch or make fail; the rest are plain memory stores.
 */
export function tellingWorld(
  start: Date,
  parts: {
    notices?: MemoryChangeNoticeStore;
    operations?: MemoryOperationStore;
    history?: MemoryHistoryLog;
    operationItems?: MemoryOperationItemStore;
  } = {},
) {
  let now = start;
  const clock = { now: () => now, sleep: () => Promise.resolve() };
  const notices = parts.notices ?? new MemoryChangeNoticeStore();
  const operations = new NoticeFirstOperationStore(
    parts.operations ?? new MemoryOperationStore(),
    notices,
    clock,
  );
  let ids = 0;
  const deps: TellDependencies = {
    operations,
    notices,
    history: parts.history ?? new MemoryHistoryLog(),
    operationItems: parts.operationItems ?? new MemoryOperationItemStore(),
    clock,
    logger: recordingLogger(),
    newId: () => `telling-${(ids += 1)}`,
  };
  return {
    clock,
    operations,
    deps,
    /** Moves the clock on by `ms`; returns the new time. */
    pass: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

/** Stores operation `id` moved on to `to` as the runner would, with its event at the clock's now. */
export async function storeChange(
  deps: Pick<TellDependencies, 'operations' | 'clock'>,
  tenantId: string,
  id: string,
  to: OperationState,
  event: Partial<OperationEvent> = {},
  extra: Partial<StoredOperation> = {},
): Promise<void> {
  const current = (await deps.operations.get(tenantId, id))!;
  const from = current.value.state;
  await deps.operations.transition(tenantId, id, current.etag, {
    ...current.value,
    ...extra,
    state: to,
    events: [
      ...current.value.events,
      { type: 'start', from, to, by: 'system', at: deps.clock.now().toISOString(), ...event },
    ],
  });
}
