import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import { NoticeFirstOperationStore } from '../../../src/app/requests/notice-first-operations.ts';
import {
  tellChanges,
  type ChangeSender,
  type TellDependencies,
} from '../../../src/app/requests/tell-changes.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import { MemoryChangeNoticeStore, MemoryOperationStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { pendingOperation } from '../../store/support/operation-fixtures.ts';

const TENANT = 'tenant-1';
const NOW = new Date('2026-11-20T09:00:00.000Z');

async function world() {
  const notices = new MemoryChangeNoticeStore();
  const clock = { now: () => NOW, sleep: () => Promise.resolve() };
  const operations = new NoticeFirstOperationStore(new MemoryOperationStore(), notices, clock);
  let ids = 0;
  const deps: TellDependencies = {
    operations,
    notices,
    clock,
    logger: recordingLogger(),
    newId: () => `telling-${(ids += 1)}`,
  };
  const operation = (await operations.create(pendingOperation(TENANT))).value;
  const store = async (to: OperationState): Promise<void> => {
    const current = (await operations.get(TENANT, operation.id))!;
    const from = current.value.state;
    await operations.transition(TENANT, operation.id, current.etag, {
      ...current.value,
      state: to,
      events: [...current.value.events, { type: 'start', from, to, by: 'system', at: '' }],
    });
  };
  return { deps, operation, store, notices };
}

describe('telling the changes of a request', () => {
  it('tells a change stored while the last one was being told in a next round, once', async () => {
    const { deps, operation, store, notices } = await world();
    await store('approved');
    const told: [OperationState, OperationState[]][] = [];
    let other: string | undefined;
    const send: ChangeSender = async (drawn: StoredOperation, events) => {
      told.push([drawn.state, events.map((event) => event.to)]);
      if (told.length === 1) {
        // The runner starts meanwhile, and its process is told at once: the claim is live.
        await store('running');
        other = await tellChanges(deps, TENANT, operation.id, send);
      }
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(other).toBe('busy');
    expect(told).toEqual([
      ['approved', ['approved']],
      ['running', ['running']],
    ]);
    expect((await notices.get(TENANT, operation.id))!.value).toMatchObject({ told: 2, due: 2 });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });

  it('has nothing to tell of an operation that never changed', async () => {
    const { deps, operation } = await world();
    const send: ChangeSender = () => Promise.reject(new Error('never sent'));
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });
});
