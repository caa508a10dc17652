import { describe, expect, it } from 'vitest';
import type { OperationNotifier } from '../../../src/app/ports/operation-notifier.ts';
import { expirePendingRequests } from '../../../src/app/requests/expire-pending-requests.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { MemoryHistoryLog, MemoryOperationStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { pendingOperation } from '../../store/support/operation-fixtures.ts';

const TENANT = 'tenant-a';
const LATER = new Date('2026-12-01T09:00:00.000Z');

/** A history log the store refuses `failures` times before it takes the lines. */
class FlakyHistoryLog extends MemoryHistoryLog {
  failures: number;
  tries = 0;

  constructor(failures: number) {
    super();
    this.failures = failures;
  }

  override append(events: readonly HistoryEvent[]) {
    this.tries += 1;
    if (this.tries <= this.failures) {
      return Promise.reject(new Error('store unreachable'));
    }
    return super.append(events);
  }
}

async function expireWith(history: FlakyHistoryLog) {
  const operations = new MemoryOperationStore();
  const told: string[] = [];
  const notifier: OperationNotifier = {
    changed: (operation) => {
      told.push(operation.state);
      return Promise.resolve();
    },
  };
  const deps = {
    operations,
    history,
    notifier,
    clock: { now: () => LATER, sleep: () => Promise.resolve() },
    logger: recordingLogger(),
  } satisfies Partial<RequestDependencies>;
  const operation = pendingOperation(TENANT);
  await operations.create(operation);
  const sweep = await expirePendingRequests(deps as unknown as RequestDependencies, [TENANT]);
  const state = (await operations.get(TENANT, operation.id))?.value.state;
  return { sweep, told, state, lines: (await history.query(TENANT)).items };
}

describe('an expired request whose history the store cannot take at once', () => {
  it('is told first, and its history written on a later try', async () => {
    const { sweep, told, state, lines } = await expireWith(new FlakyHistoryLog(2));
    expect(sweep).toEqual({ expired: 1, decidedMeanwhile: 0, failed: 0 });
    expect(state).toBe('expired');
    expect(told).toEqual(['expired']);
    expect(lines.map((line) => line.change)).toEqual(['expired']);
  });

  it('is still told when the history cannot be written at all, and counted as failed', async () => {
    const history = new FlakyHistoryLog(99);
    const { sweep, told, state, lines } = await expireWith(history);
    expect(sweep).toEqual({ expired: 0, decidedMeanwhile: 0, failed: 1 });
    expect(state).toBe('expired');
    expect(told).toEqual(['expired']);
    expect(lines).toEqual([]);
    expect(history.tries).toBe(3);
  });
});
