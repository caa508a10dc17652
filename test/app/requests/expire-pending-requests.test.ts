import { describe, expect, it } from 'vitest';
import type { OperationNotifier } from '../../../src/app/ports/operation-notifier.ts';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { Versioned } from '../../../src/app/ports/stores.ts';
import { expirePendingRequests } from '../../../src/app/requests/expire-pending-requests.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import { transition } from '../../../src/domain/operations/state-machine.ts';
import { MemoryHistoryLog, MemoryOperationStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { approver, pendingOperation } from '../../store/support/operation-fixtures.ts';

const ASKED = new Date('2026-11-20T09:00:00.000Z');
const WEEK = 7 * 86_400_000;

/** Someone decides on one request between the sweep's read and its write. */
class RacingOperationStore extends MemoryOperationStore {
  decideDuringRead: string | undefined;

  override async get(tenantId: string, id: string): Promise<Versioned<StoredOperation> | null> {
    const read = await super.get(tenantId, id);
    if (read && id === this.decideDuringRead) {
      const actor = { kind: 'user' as const, ...approver, isApprover: true };
      const approved = transition(read.value, { type: 'approve' }, actor, ASKED);
      if (approved.ok) {
        await super.transition(tenantId, id, read.etag, approved.value);
      }
    }
    return read;
  }
}

function world(now: Date) {
  const operations = new RacingOperationStore();
  const history = new MemoryHistoryLog();
  const told: { id: string; from: OperationState; to: OperationState }[] = [];
  const notifier: OperationNotifier = {
    changed: (operation, from) => {
      told.push({ id: operation.id, from, to: operation.state });
      return Promise.resolve();
    },
  };
  const deps = {
    operations,
    history,
    notifier,
    clock: { now: () => now, sleep: () => Promise.resolve() },
    logger: recordingLogger(),
  } satisfies Partial<RequestDependencies>;
  // The sweep reads and writes operations and history only: the rest is never touched.
  return { operations, history, told, deps: deps as unknown as RequestDependencies };
}

describe('the expiry sweep', () => {
  it('expires pending requests past their time in each tenant served and tells the notifier', async () => {
    const { operations, history, told, deps } = world(new Date(ASKED.getTime() + WEEK));
    const due = [pendingOperation('tenant-a'), pendingOperation('tenant-b', { users: 2 })];
    const early = pendingOperation('tenant-a', { now: new Date(ASKED.getTime() + 60_000) });
    const notServed = pendingOperation('tenant-c');
    for (const operation of [...due, early, notServed]) {
      await operations.create(operation);
    }

    expect(await expirePendingRequests(deps, ['tenant-a', 'tenant-b'])).toEqual({
      expired: 2,
      decidedMeanwhile: 0,
      failed: 0,
    });

    for (const operation of due) {
      const stored = await operations.get(operation.tenantId, operation.id);
      expect(stored?.value.state).toBe('expired');
      expect(stored?.value.events.at(-1)).toMatchObject({ type: 'expire', by: 'system' });
    }
    expect((await operations.get('tenant-a', early.id))?.value.state).toBe('pending');
    expect((await operations.get('tenant-c', notServed.id))?.value.state).toBe('pending');
    expect(told).toEqual(due.map((o) => ({ id: o.id, from: 'pending', to: 'expired' })));
    // The history lines are the notifier's to write, before the change counts as told.
    expect((await history.query('tenant-b')).items).toEqual([]);
  });

  it('leaves a request someone decided on meanwhile as they decided', async () => {
    const { operations, history, told, deps } = world(new Date(ASKED.getTime() + WEEK));
    const raced = pendingOperation('tenant-a');
    await operations.create(raced);
    operations.decideDuringRead = raced.id;

    expect(await expirePendingRequests(deps, ['tenant-a'])).toEqual({
      expired: 0,
      decidedMeanwhile: 1,
      failed: 0,
    });
    expect((await operations.get('tenant-a', raced.id))?.value.state).toBe('approved');
    expect(told).toEqual([]);
    expect((await history.query('tenant-a')).items).toEqual([]);
  });

  it('goes on with the others when one cannot be written, and logs it', async () => {
    const { operations, told, deps } = world(new Date(ASKED.getTime() + WEEK));
    const broken = pendingOperation('tenant-a');
    const fine = pendingOperation('tenant-a');
    await operations.create(broken);
    await operations.create(fine);
    const transitionOf = operations.transition.bind(operations);
    operations.transition = (tenantId, id, etag, next) =>
      id === broken.id
        ? Promise.reject(new Error('Cosmos is away'))
        : transitionOf(tenantId, id, etag, next);

    expect(await expirePendingRequests(deps, ['tenant-a'])).toEqual({
      expired: 1,
      decidedMeanwhile: 0,
      failed: 1,
    });
    expect(told.map((t) => t.id)).toEqual([fine.id]);
    const logged = (deps.logger as ReturnType<typeof recordingLogger>).lines;
    expect(logged.some((line) => line.message === 'could not expire a request')).toBe(true);
  });

  it('does nothing before any request is due', async () => {
    const { operations, told, deps } = world(ASKED);
    await operations.create(pendingOperation('tenant-a'));
    expect(await expirePendingRequests(deps, ['tenant-a'])).toEqual({
      expired: 0,
      decidedMeanwhile: 0,
      failed: 0,
    });
    expect(told).toEqual([]);
  });
});
