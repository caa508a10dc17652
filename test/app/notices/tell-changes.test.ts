import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import {
  CLAIM_MS,
  GIVE_UP_MS,
  tellChanges,
  type ChangeSender,
  type TellDependencies,
  type ChangeWork,
  type SendOutcome,
} from '../../../src/app/notices/tell-changes.ts';
import { tellUntoldChanges } from '../../../src/app/notices/tell-untold-changes.ts';
import type { OperationEvent, OperationState } from '../../../src/domain/operations/operation.ts';
import { MemoryChangeNoticeStore, MemoryOperationStore } from '../../../src/store/index.ts';
import {
  approver,
  pendingOperation,
  pendingOperationWithItems,
} from '../../store/support/operation-fixtures.ts';
import { FlakyHistoryLog, storeChange, tellingWorld } from './support/telling.ts';

const TENANT = 'tenant-1';
const START = new Date('2026-11-20T09:00:00.000Z');

/** The operations, counting reads. */
class CountingOperationStore extends MemoryOperationStore {
  reads = 0;

  override get(tenantId: string, id: string) {
    this.reads += 1;
    return super.get(tenantId, id);
  }
}

async function world(options: { historyFailures?: number } = {}) {
  const notices = new MemoryChangeNoticeStore();
  const inner = new CountingOperationStore();
  const history = new FlakyHistoryLog(options.historyFailures ?? 0);
  const { operations, deps, pass } = tellingWorld(START, { notices, operations: inner, history });
  const pending = pendingOperationWithItems(TENANT);
  await deps.operationItems.createAll(TENANT, pending.operation.id, pending.items);
  const operation = (await operations.create(pending.operation)).value;
  const store = (
    to: OperationState,
    event: Partial<OperationEvent> = {},
    extra: Partial<StoredOperation> = {},
  ): Promise<void> => storeChange(deps, TENANT, operation.id, to, event, extra);
  const notice = async () => (await notices.get(TENANT, operation.id))!.value;
  return {
    deps,
    operation,
    store,
    notices,
    history,
    notice,
    reads: () => inner.reads,
    pass,
  };
}

const everything = (work: ChangeWork): SendOutcome => ({
  redrawn: true,
  notified: work.events.length,
  approvalsPosted: true,
});

describe('telling the changes of a request', () => {
  it('tells a change stored while the last one was being told in a next round, once', async () => {
    const { deps, operation, store, notices } = await world();
    await store('approved');
    const told: [OperationState, OperationState[]][] = [];
    let other: string | undefined;
    const send: ChangeSender = async (drawn, work) => {
      told.push([drawn.state, work.events.map((event) => event.to)]);
      if (told.length === 1) {
        // The runner starts meanwhile, and its process is told at once: the claim is live.
        await store('running');
        other = await tellChanges(deps, TENANT, operation.id, send);
      }
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(other).toBe('busy');
    // The approvers' copies were due from the start, and posted with the first change.
    expect(told).toEqual([
      ['approved', ['approved']],
      ['running', ['running']],
    ]);
    expect((await notices.get(TENANT, operation.id))!.value).toEqual(
      expect.not.objectContaining({ approvalsDue: true }),
    );
    expect((await notices.get(TENANT, operation.id))!.value).toMatchObject({ told: 2, due: 2 });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });

  it('reads the operation once per round, after the claim', async () => {
    const { deps, operation, store, reads } = await world();
    await store('approved');
    const before = reads();
    expect(
      await tellChanges(deps, TENANT, operation.id, (_drawn, work) =>
        Promise.resolve(everything(work)),
      ),
    ).toBe('told');
    expect(reads() - before).toBe(1);
  });

  it('has nothing to tell of an operation told to the end', async () => {
    const { deps, operation, notices } = await world();
    const found = (await notices.get(TENANT, operation.id))!;
    await notices.replace({ ...found.value, approvalsDue: false }, found.etag);
    const send: ChangeSender = () => Promise.reject(new Error('never sent'));
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });
});

describe("a new request's approvers' copies", () => {
  it('are due from the moment it is stored, and posted by one teller of two', async () => {
    const { deps, operation, notice } = await world();
    expect(await notice()).toMatchObject({ told: 0, due: 0, approvalsDue: true });
    let posts = 0;
    const send: ChangeSender = async (drawn, work) => {
      if (work.postApprovals && drawn.state === 'pending') {
        posts += 1;
        // Another process (the job) looks while the posts go out.
        expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('busy');
      }
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(posts).toBe(1);
    expect((await notice()).approvalsDue).toBeUndefined();
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });

  it('stay due when a post may work later, and are asked for again by the job', async () => {
    const { deps, operation, notice, pass } = await world();
    const asked: boolean[] = [];
    let busy = true;
    const send: ChangeSender = (_drawn, work) => {
      asked.push(work.postApprovals);
      return Promise.resolve({ ...everything(work), approvalsPosted: !busy });
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    expect(await notice()).toMatchObject({ approvalsDue: true });
    expect((await notice()).claim).toBeUndefined();
    busy = false;
    pass(30_000);
    expect(await tellUntoldChanges(deps, [TENANT], send)).toMatchObject({ told: 1 });
    expect(asked).toEqual([true, true]);
  });

  it('of a request whose create never landed are settled once no write of it can come', async () => {
    const { deps, notices, pass } = await world();
    await notices.expectApprovals(TENANT, 'op-never-stored', START.toISOString());
    const send: ChangeSender = () => Promise.reject(new Error('never sent'));
    expect(await tellChanges(deps, TENANT, 'op-never-stored', send)).toBe('nothingToTell');
    expect((await notices.get(TENANT, 'op-never-stored'))!.value.approvalsDue).toBe(true);
    pass(60_000);
    expect(await tellChanges(deps, TENANT, 'op-never-stored', send)).toBe('nothingToTell');
    expect((await notices.get(TENANT, 'op-never-stored'))!.value).toEqual({
      tenantId: TENANT,
      operationId: 'op-never-stored',
      told: 0,
      due: 0,
      updatedAt: START.toISOString(),
    });
  });
});

describe("a pending request's approvers' copies asked for again", () => {
  // Its approvers' channel is forgotten (the bot removed) while a teller is posting into it.
  const forgetChannelOf = (deps: TellDependencies, drawn: StoredOperation) =>
    deps.notices.expectApprovalsAgain(
      TENANT,
      drawn.id,
      drawn.events.length,
      deps.clock.now().toISOString(),
    );

  it('while they are being posted stay due, and are posted again in the next round', async () => {
    const { deps, operation, notice } = await world();
    const posts: boolean[] = [];
    const send: ChangeSender = async (drawn, work) => {
      posts.push(work.postApprovals);
      if (posts.length === 1) {
        await forgetChannelOf(deps, drawn);
        expect(await notice()).toMatchObject({ approvalsDue: true, approvalsRound: 1 });
      }
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(posts).toEqual([true, true]);
    expect(await notice()).toEqual(expect.not.objectContaining({ approvalsDue: true }));
    expect(await notice()).toMatchObject({ approvalsRound: 1 });
    expect((await notice()).claim).toBeUndefined();
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('nothingToTell');
  });

  it('while the posts are cut short stay due for the job, with no claim left', async () => {
    const { deps, operation, notice, pass } = await world();
    let teamsAnswers = true;
    const send: ChangeSender = async (drawn, work) => {
      if (teamsAnswers) {
        teamsAnswers = false;
        await forgetChannelOf(deps, drawn);
        return everything(work);
      }
      return { ...everything(work), approvalsPosted: false };
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    expect(await notice()).toMatchObject({ approvalsDue: true, approvalsRound: 1 });
    expect((await notice()).claim).toBeUndefined();
    teamsAnswers = true;
    pass(60_000);
    expect(
      await tellUntoldChanges(deps, [TENANT], (_drawn, work) => Promise.resolve(everything(work))),
    ).toMatchObject({ told: 1 });
    expect((await notice()).approvalsDue).toBeUndefined();
  });

  it('while a post given up on after a day is settled are still posted', async () => {
    const { deps, operation, notice, pass } = await world();
    pass(GIVE_UP_MS);
    const posts: boolean[] = [];
    const send: ChangeSender = async (drawn, work) => {
      posts.push(work.postApprovals);
      if (posts.length === 1) {
        await forgetChannelOf(deps, drawn);
        return { ...everything(work), approvalsPosted: false };
      }
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(posts).toEqual([true, true]);
    expect((await notice()).approvalsDue).toBeUndefined();
  });

  it('on a notice kept before rounds were, are cleared once posted', async () => {
    const { deps, operation, notices, notice } = await world();
    const found = (await notices.get(TENANT, operation.id))!;
    const { approvalsRound: _round, ...old } = found.value;
    await notices.replace({ ...old, approvalsDue: true }, found.etag);
    const send: ChangeSender = (_drawn, work) => Promise.resolve(everything(work));
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(await notice()).toEqual(expect.not.objectContaining({ approvalsDue: true }));
  });
});

describe('a decision told', () => {
  it('has its history line written before it counts as told', async () => {
    const { deps, operation, store, history } = await world();
    await store(
      'rejected',
      { type: 'reject', reason: ' No budget ', by: approver },
      { decidedBy: approver },
    );
    expect(
      await tellChanges(deps, TENANT, operation.id, (_drawn, work) =>
        Promise.resolve(everything(work)),
      ),
    ).toBe('told');
    const lines = (await history.query(TENANT)).items;
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      operationId: operation.id,
      change: 'rejected',
      message: 'No budget',
      approver,
      at: START.toISOString(),
    });
  });

  it('sends nothing while its history cannot be written, then tells it once', async () => {
    const { deps, operation, store, history, notice } = await world({ historyFailures: 1 });
    await store('expired', { type: 'expire' });
    const alreadyTold: number[] = [];
    const send: ChangeSender = (_drawn, work) => {
      alreadyTold.push(work.notified);
      return Promise.resolve(everything(work));
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    // History first: nobody is told of a decision the history does not show yet.
    expect(alreadyTold).toEqual([]);
    expect(await notice()).toMatchObject({ told: 0, due: 1 });
    expect((await notice()).notified).toBeUndefined();
    expect((await notice()).claim).toBeUndefined();
    expect((await history.query(TENANT)).items).toEqual([]);
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(alreadyTold).toEqual([0]);
    expect(await notice()).toEqual(expect.objectContaining({ told: 1, due: 1 }));
    expect((await notice()).notified).toBeUndefined();
    expect((await history.query(TENANT)).items[0]).toMatchObject({
      change: 'expired',
      message: 'Nobody decided before it expired.',
    });
  });

  it('whose redraw failed stays untold, keeping which notices went out', async () => {
    const { deps, operation, store, notice } = await world();
    await store('approved', { type: 'approve' });
    await store('running');
    const send: ChangeSender = () =>
      Promise.resolve({ redrawn: false, notified: 1, approvalsPosted: true });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    expect(await notice()).toMatchObject({ told: 0, due: 2, notified: 1 });
    expect((await notice()).redrawnUpTo).toBeUndefined();
  });

  it("whose requester's notice was refused is told again without redrawing every copy", async () => {
    const { deps, operation, store, notice } = await world();
    await store('approved', { type: 'approve' });
    const asked: [boolean, number][] = [];
    let refuseNotice = true;
    const send: ChangeSender = (_drawn, work) => {
      asked.push([work.redraw, work.notified]);
      return Promise.resolve(
        refuseNotice ? { redrawn: true, notified: 0, approvalsPosted: true } : everything(work),
      );
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    expect(await notice()).toMatchObject({ told: 0, due: 1, redrawnUpTo: 1 });
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('unfinished');
    // A change that came meanwhile is drawn: the copies show the operation as it is now.
    await store('running');
    refuseNotice = false;
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(asked).toEqual([
      [true, 0],
      [false, 0],
      [true, 0],
    ]);
    expect(await notice()).toMatchObject({ told: 2, due: 2 });
    expect((await notice()).redrawnUpTo).toBeUndefined();
  });

  it('that Teams keeps refusing for a day is given up, its history still written', async () => {
    const { deps, operation, store, notice, pass, history } = await world();
    await store('expired', { type: 'expire' });
    const refused: ChangeSender = () =>
      Promise.resolve({ redrawn: false, notified: 0, approvalsPosted: false });
    expect(await tellChanges(deps, TENANT, operation.id, refused)).toBe('unfinished');
    pass(GIVE_UP_MS - 1);
    expect(await tellChanges(deps, TENANT, operation.id, refused)).toBe('unfinished');
    pass(1);
    expect(await tellChanges(deps, TENANT, operation.id, refused)).toBe('told');
    expect(await notice()).toMatchObject({ told: 1, due: 1 });
    expect((await notice()).approvalsDue).toBeUndefined();
    expect((await history.query(TENANT)).items).toHaveLength(1);
  });
});

describe('a long telling', () => {
  it('keeps its claim alive, so no other teller takes it over as dead', async () => {
    const { deps, operation, store, pass, notice } = await world();
    await store('approved');
    const others: string[] = [];
    const send: ChangeSender = async (_drawn, work) => {
      // Sixty copies, each a few seconds with Teams busy: longer than a claim lives.
      for (let copy = 0; copy < 60; copy += 1) {
        await work.keepClaim();
        pass(10_000);
      }
      others.push(
        await tellChanges(deps, TENANT, operation.id, () => Promise.reject(new Error('twice'))),
      );
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('told');
    expect(others).toEqual(['busy']);
    expect(await notice()).toMatchObject({ told: 1, due: 1 });
  });

  it('stops sending once another teller took its claim over', async () => {
    const { deps, operation, store, pass, notices, notice } = await world();
    await store('approved');
    let sent = 0;
    const send: ChangeSender = async (_drawn, work) => {
      pass(CLAIM_MS);
      const found = (await notices.get(TENANT, operation.id))!;
      await notices.replace(
        { ...found.value, claim: { by: 'the job elsewhere', at: START.toISOString() } },
        found.etag,
      );
      await work.keepClaim();
      sent += 1;
      return everything(work);
    };
    expect(await tellChanges(deps, TENANT, operation.id, send)).toBe('busy');
    expect(sent).toBe(0);
    expect((await notice()).claim?.by).toBe('the job elsewhere');
  });
});

describe('the job that tells untold changes', () => {
  it('tells nothing more once the process is stopping', async () => {
    const { deps, store, pass } = await world();
    await store('approved');
    const stop = new AbortController();
    let sent = 0;
    const send: ChangeSender = (_drawn, work) => {
      sent += 1;
      return Promise.resolve(everything(work));
    };
    pass(60_000);
    stop.abort();
    expect(await tellUntoldChanges(deps, [TENANT], send, { signal: stop.signal })).toEqual({
      told: 0,
      busy: 0,
      unfinished: 0,
      failed: 0,
      stopped: true,
    });
    expect(sent).toBe(0);
  });

  it('stops between operations when the stop comes during a pass', async () => {
    const first = await world();
    const { deps, notices } = first;
    // A second request untold in the same store.
    const other = pendingOperation(TENANT);
    await deps.operations.create(other);
    first.pass(60_000);
    const stop = new AbortController();
    let sent = 0;
    const send: ChangeSender = (_drawn, work) => {
      sent += 1;
      stop.abort();
      return Promise.resolve(everything(work));
    };
    expect(await tellUntoldChanges(deps, [TENANT], send, { signal: stop.signal })).toMatchObject({
      told: 1,
      stopped: true,
    });
    expect(sent).toBe(1);
    expect((await notices.listUntold(TENANT)).items).toHaveLength(1);
  });
});
