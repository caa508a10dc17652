import { describe, expect, it } from 'vitest';
import { CLAIM_MS, tellChanges, type ChangeSender } from '../../../src/app/notices/tell-changes.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import { MemoryChangeNoticeStore } from '../../../src/store/index.ts';
import { pendingOperation } from '../../store/support/operation-fixtures.ts';
import { storeChange, tellingWorld } from './support/telling.ts';

const TENANT = 'tenant-1';

/** Notices whose reads fail while `failing` (a Cosmos 503 or timeout on the notices container). */
class FlakyNotices extends MemoryChangeNoticeStore {
  failing = false;
  /** Reads to refuse once, then answered as usual. */
  refuseReads = 0;

  override get(tenantId: string, operationId: string) {
    if (this.failing || this.refuseReads > 0) {
      this.refuseReads = Math.max(0, this.refuseReads - 1);
      return Promise.reject(new Error('notices container unavailable'));
    }
    return super.get(tenantId, operationId);
  }
}

/** A request that ran to the end, none of its changes told yet. */
async function ranRequest() {
  const notices = new FlakyNotices();
  const { operations, deps, pass } = tellingWorld(new Date('2026-11-20T09:00:00.000Z'), {
    notices,
  });
  const operation = (await operations.create(pendingOperation(TENANT))).value;
  for (const to of ['approved', 'running', 'succeeded'] as const) {
    await storeChange(deps, TENANT, operation.id, to);
  }
  const told: OperationState[] = [];
  /** Tells the requester as RequestNotifier does (keepClaim before each notice), each slowly. */
  const sender =
    (slowMs: number, whileSending: (told: number) => void): ChangeSender =>
    async (_operation, work) => {
      let notified = work.notified;
      for (const event of work.events.slice(work.notified)) {
        await work.keepClaim();
        told.push(event.to);
        notified += 1;
        pass(slowMs);
        whileSending(told.length);
      }
      return { redrawn: true, notified, approvalsPosted: true };
    };
  return { deps, notices, operation, told, sender };
}

describe('renewing the claim of a long telling', () => {
  it('rides out a store error while the claim is young: the requester is told each change once', async () => {
    const { deps, notices, operation, told, sender } = await ranRequest();
    // Teams slow on each notice (two minutes: a renewal is due), the notices read failing once.
    const send = sender(2 * 60_000, (count) => {
      notices.failing = count === 1;
    });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(told).toEqual(['approved', 'running', 'succeeded']);
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
    expect(told).toEqual(['approved', 'running', 'succeeded']);
  });

  it('stops once the claim may have lapsed unrenewed, since another teller may have it', async () => {
    const { deps, notices, operation, told, sender } = await ranRequest();
    // Each notice takes three minutes; the store refuses every renewal.
    const send = sender(3 * 60_000, (count) => {
      notices.failing = count >= 1;
    });
    await expect(tellChanges(deps, TENANT, operation.id, send)).rejects.toThrow('unavailable');
    // The renewal at three minutes failed with the claim still good for two; the one at six
    // found less time left than a renewal period (CLAIM_MS is five minutes).
    expect(CLAIM_MS).toBe(5 * 60_000);
    expect(told).toEqual(['approved', 'running']);
  });
});

describe('keeping what a telling sent', () => {
  it('is tried again when the store refuses it once, so nothing is sent twice', async () => {
    const { deps, notices, operation, told, sender } = await ranRequest();
    // Every notice went out; then the store refuses the first read of the settling write.
    const send = sender(1_000, (count) => {
      notices.refuseReads = count === 3 ? 1 : 0;
    });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
    expect(told).toEqual(['approved', 'running', 'succeeded']);
    expect((await notices.get(TENANT, operation.id))?.value).toMatchObject({ told: 3, due: 3 });
  });
});
