import { describe, expect, it } from 'vitest';
import type { OperationNotifier } from '../../../src/app/ports/operation-notifier.ts';
import { expirePendingRequests } from '../../../src/app/requests/expire-pending-requests.ts';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { tellChanges, type ChangeSender } from '../../../src/app/notices/tell-changes.ts';
import { tellUntoldChanges } from '../../../src/app/notices/tell-untold-changes.ts';
import { MemoryChangeNoticeStore } from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { pendingOperationWithItems } from '../../store/support/operation-fixtures.ts';
import { FlakyHistoryLog, tellingWorld } from '../notices/support/telling.ts';

const TENANT = 'tenant-a';
const LATER = new Date('2026-12-01T09:00:00.000Z');

/** The sweep with the real telling behind the notifier; the requester's notices counted. */
async function expireWith(history: FlakyHistoryLog) {
  const notices = new MemoryChangeNoticeStore();
  const { clock, operations, deps: telling, pass } = tellingWorld(LATER, { notices, history });
  const told: string[] = [];
  const send: ChangeSender = (_operation, work) => {
    told.push(...work.events.slice(work.notified).map((event) => event.to));
    return Promise.resolve({
      redrawn: true,
      notified: work.events.length,
      approvalsPosted: true,
    });
  };
  const notifier: OperationNotifier = {
    changed: async (operation) => {
      await tellChanges(telling, operation.tenantId, operation.id, send);
    },
  };
  const deps = {
    operations,
    history,
    notifier,
    clock,
    logger: recordingLogger(),
  } satisfies Partial<RequestDependencies>;
  const { operation, items } = pendingOperationWithItems(TENANT);
  await telling.operationItems.createAll(TENANT, operation.id, items);
  await operations.create(operation);
  const sweep = await expirePendingRequests(deps as unknown as RequestDependencies, [TENANT]);
  return {
    sweep,
    told,
    state: async () => (await operations.get(TENANT, operation.id))?.value.state,
    lines: async () => (await history.query(TENANT)).items,
    notice: async () => (await notices.get(TENANT, operation.id))?.value,
    job: () => {
      pass(60_000);
      return tellUntoldChanges(telling, [TENANT], send);
    },
  };
}

describe('an expired request', () => {
  it('is told and gets its history line per user before it counts as told', async () => {
    const world = await expireWith(new FlakyHistoryLog(0));
    expect(world.sweep).toEqual({ expired: 1, decidedMeanwhile: 0, failed: 0 });
    expect(await world.state()).toBe('expired');
    expect(world.told).toEqual(['expired']);
    expect((await world.lines()).map((line) => line.change)).toEqual(['expired']);
    expect(await world.notice()).toMatchObject({ told: 1, due: 1 });
  });

  it('whose history the store refuses is told once, by the job after its history', async () => {
    const world = await expireWith(new FlakyHistoryLog(1));
    expect(world.sweep).toEqual({ expired: 1, decidedMeanwhile: 0, failed: 0 });
    // History first: nothing is told while the history does not show it.
    expect(world.told).toEqual([]);
    expect(await world.lines()).toEqual([]);
    expect(await world.notice()).toMatchObject({ told: 0, due: 1 });
    expect((await world.notice())?.notified).toBeUndefined();

    expect(await world.job()).toMatchObject({ told: 1, failed: 0 });
    expect(world.told).toEqual(['expired']);
    expect((await world.lines()).map((line) => [line.change, line.message])).toEqual([
      ['expired', 'Nobody decided before it expired.'],
    ]);
    expect(await world.notice()).toMatchObject({ told: 1, due: 1 });
  });
});
