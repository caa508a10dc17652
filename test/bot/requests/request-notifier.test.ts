import type { TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { StoredOperation } from '../../../src/app/ports/operation-store.ts';
import type { RequestCardCopy } from '../../../src/app/ports/request-card-store.ts';
import type { StoredConversation } from '../../../src/app/ports/stores.ts';
import type { ConversationWriter } from '../../../src/bot/requests/conversation-writer.ts';
import { TeamsCardWriter } from '../../../src/bot/requests/teams-card-writer.ts';
import type { ChangeNotice } from '../../../src/app/ports/change-notice-store.ts';
import type { Clock } from '../../../src/app/ports/clock.ts';
import { NoticeFirstOperationStore } from '../../../src/app/notices/notice-first-operations.ts';
import { RequestNotifier } from '../../../src/app/notices/request-notifier.ts';
import { CLAIM_MS, type TellDependencies } from '../../../src/app/notices/tell-changes.ts';
import { tellUntoldChanges } from '../../../src/app/notices/tell-untold-changes.ts';
import type { OperationState } from '../../../src/domain/operations/operation.ts';
import {
  MemoryChangeNoticeStore,
  MemoryConversationStore,
  MemoryHistoryLog,
  MemoryOperationItemStore,
  MemoryOperationStore,
  MemoryRequestCardStore,
} from '../../../src/store/index.ts';
import { recordingLogger } from '../../support/recording-logger.ts';
import { approver, manager, pendingOperation } from '../../store/support/operation-fixtures.ts';
import { shownOn } from '../support/replies.ts';

const TENANT = 'tenant-1';

interface Written {
  conversationId: string;
  kind: 'update' | 'send';
  id?: string;
  text: string;
}

/** A channel that records what is written and refuses some conversations with a status. */
function fakeChannel(refuse: Record<string, number> = {}) {
  const written: Written[] = [];
  const hooks: { afterPost?: () => Promise<void>; afterUpdate?: () => Promise<void> } = {};
  const writer: ConversationWriter = {
    continueConversation: async (reference, logic) => {
      const conversationId = (reference.conversation as { id: string }).id;
      const fail = () => {
        const status = refuse[conversationId];
        if (status !== undefined) {
          throw Object.assign(new Error(`HTTP ${status}`), { statusCode: status });
        }
      };
      const context = {
        updateActivity: async (activity: { id: string; attachments: { content: unknown }[] }) => {
          fail();
          const text = shownOn(activity.attachments[0]!.content).join('\n');
          written.push({ conversationId, kind: 'update', id: activity.id, text });
          await hooks.afterUpdate?.();
        },
        sendActivity: async (activity: { text?: string; attachments?: { content: unknown }[] }) => {
          fail();
          const card = activity.attachments?.[0]?.content;
          const text = card === undefined ? (activity.text ?? '') : shownOn(card).join('\n');
          const id = `new-${written.length}`;
          written.push({ conversationId, kind: 'send', id, text });
          if (card !== undefined) {
            await hooks.afterPost?.();
          }
          return { id };
        },
      };
      await logic(context as unknown as TurnContext);
    },
  };
  return { writer, written, hooks };
}

const copy = (conversationId: string, activityId: string): RequestCardCopy => ({
  tenantId: TENANT,
  operationId: '',
  conversationId,
  activityId,
  reference: { conversation: { id: conversationId } },
  audience: 'approvers',
  refreshUserIds: ['29:patti'],
  postedAt: '2026-11-20T09:00:00.000Z',
});

/** A clock the test moves by hand. */
function handClock(start = '2026-11-20T09:00:00.000Z') {
  let now = new Date(start);
  const clock: Clock = { now: () => new Date(now), sleep: () => Promise.resolve() };
  return { clock, pass: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

/** An approver's personal chat, as the bot stores it. */
const chatOf = (conversationId: string): StoredConversation => ({
  tenantId: TENANT,
  conversationId,
  kind: 'personal',
  reference: { conversation: { id: conversationId } },
  updatedAt: '2026-11-20T09:00:00.000Z',
});

async function setUp(
  refuse: Record<string, number> = {},
  options: { approverChats?: string[]; copies?: boolean; progressPace?: { everyMs: number } } = {},
) {
  const cards = new MemoryRequestCardStore();
  const conversations = new MemoryConversationStore();
  const notices = new MemoryChangeNoticeStore();
  const time = handClock();
  const operations = new NoticeFirstOperationStore(new MemoryOperationStore(), notices, time.clock);
  const logger = recordingLogger();
  const channel = fakeChannel(refuse);
  let ids = 0;
  const history = new MemoryHistoryLog();
  const telling: TellDependencies = {
    operations,
    notices,
    history,
    operationItems: new MemoryOperationItemStore(),
    clock: time.clock,
    logger,
    newId: () => `telling-${(ids += 1)}`,
  };
  // A process of its own: the same store and Teams, its own queue (and card writer).
  const process = () =>
    new RequestNotifier({
      telling,
      cards: new TeamsCardWriter({
        writer: channel.writer,
        cards,
        conversations,
        operations,
        clock: time.clock,
        logger,
        retry: { sleep: () => Promise.resolve(), attempts: 2 },
        approvers: () =>
          Promise.resolve({
            delivery: { kind: 'personal', count: 0 },
            targets: (options.approverChats ?? []).map(chatOf),
            refreshUserIds: ['29:patti'],
          }),
        ...(options.progressPace && { progressPace: options.progressPace }),
      }),
    });
  const notifier = process();
  const created = await operations.create({ ...pendingOperation(TENANT), requester: manager });
  let operation: StoredOperation = created.value;
  if (options.copies !== false) {
    // Asked before, its approvers' copies posted (the tests of posting them start with none).
    await notifier.asked(operation, {});
    await notifier.drain();
    for (const [conversationId, activityId] of [
      ['chat-megan', 'm-1'],
      ['chat-patti', 'p-1'],
    ] as const) {
      await cards.add({ ...copy(conversationId, activityId), operationId: operation.id });
    }
  }
  await conversations.save({
    tenantId: TENANT,
    conversationId: 'chat-miriam',
    kind: 'personal',
    userId: manager.userId,
    reference: { conversation: { id: 'chat-miriam' } },
    updatedAt: '2026-11-20T09:00:00.000Z',
  });
  /** Stores a state change the way the use cases do (notice first); the notifier is not told. */
  const store = async (
    to: OperationState,
    extra: Partial<StoredOperation> = {},
  ): Promise<{ saved: StoredOperation; from: OperationState }> => {
    const current = (await operations.get(TENANT, operation.id))!;
    const from = current.value.state;
    const next: StoredOperation = {
      ...current.value,
      ...extra,
      state: to,
      events: [
        ...current.value.events,
        { type: 'approve', from, to, by: 'system', at: time.clock.now().toISOString() },
      ],
    };
    operation = (await operations.transition(TENANT, operation.id, current.etag, next)).value;
    return { saved: operation, from };
  };
  /** Stores a change and tells this process's notifier, as a click or the runner does. */
  const change = async (to: OperationState, extra: Partial<StoredOperation> = {}) => {
    const { saved, from } = await store(to, extra);
    await notifier.changed(saved, from);
  };
  const notice = async (): Promise<ChangeNotice> =>
    (await notices.get(TENANT, operation.id))!.value;
  return {
    notifier,
    process,
    operations,
    operationId: () => operation.id,
    store,
    change,
    notice,
    notices,
    time,
    cards,
    written: channel.written,
    hooks: channel.hooks,
    asked: () => operation,
    logger,
    /** One pass of the job that tells changes left untold, with this process's notifier. */
    job: () => tellUntoldChanges(telling, [TENANT], notifier.send),
  };
}

/** What a pass of the job reports: nothing told, busy, unfinished or failed unless `counts` says. */
const jobPass = (counts: { told?: number; busy?: number } = {}) => ({
  told: 0,
  busy: 0,
  unfinished: 0,
  failed: 0,
  stopped: false,
  ...counts,
});

describe('the request notifier', () => {
  it('tells every change in order, and draws the cards as the request is now', async () => {
    const { notifier, store, written, notice } = await setUp();
    const first = await store('approved', { decidedBy: approver });
    const second = await store('succeeded');
    await notifier.changed(first.saved, first.from);
    await notifier.changed(second.saved, second.from);
    await notifier.drain();
    expect(written.map((w) => [w.conversationId, w.kind, w.id])).toEqual([
      ['chat-megan', 'update', 'm-1'],
      ['chat-patti', 'update', 'p-1'],
      ['chat-miriam', 'send', 'new-2'],
      ['chat-miriam', 'send', 'new-3'],
    ]);
    // Both changes were stored before the first was told: the cards show the latest, once.
    expect(written[0]!.text).not.toContain('Approve');
    expect(written[2]!.text).toContain('was approved by Megan Bowen');
    expect(written[3]!.text).toMatch(/^Done/);
    expect(await notice()).toMatchObject({ told: 2, due: 2 });
    expect((await notice()).claim).toBeUndefined();
  });

  it('tells a change stored after the last was told on its own', async () => {
    const { notifier, change, written } = await setUp();
    await change('approved', { decidedBy: approver });
    await notifier.drain();
    await change('succeeded');
    await notifier.drain();
    expect(written.map((w) => w.kind)).toEqual([
      'update',
      'update',
      'send',
      'update',
      'update',
      'send',
    ]);
    expect(written[0]!.text).toContain('Approved by Megan Bowen');
  });

  it('answers at once: the caller never waits for Teams', async () => {
    const { notifier, change, written } = await setUp();
    await change('approved', { decidedBy: approver });
    expect(written).toEqual([]);
    await notifier.drain();
    expect(written).toHaveLength(3);
  });

  it('says nothing to the requester of a start, their own cancel, or an approver’s own request', async () => {
    for (const steps of [
      [
        ['approved', { autoApproved: true }],
        ['running', {}],
      ],
      [['cancelled', {}]],
    ] as [OperationState, Partial<StoredOperation>][][]) {
      const { notifier, change, written } = await setUp();
      for (const [to, extra] of steps) {
        await change(to, extra);
        await notifier.drain();
      }
      expect(written.filter((w) => w.kind === 'send')).toEqual([]);
      expect(written.filter((w) => w.kind === 'update')).toHaveLength(2 * steps.length);
    }
  });

  it('goes on past a copy that cannot be written, and logs it instead of throwing', async () => {
    const { notifier, change, written, logger } = await setUp({ 'chat-megan': 403 });
    await change('approved', { decidedBy: approver });
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-patti', 'chat-miriam']);
    const failed = logger.lines.filter((line) => line.message === 'could not redraw a card');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.fields).toMatchObject({ conversationId: 'chat-megan', status: 403 });
  });

  it('tries a busy conversation again, gives up on it alone, and leaves it to the job', async () => {
    const refuse: Record<string, number> = { 'chat-patti': 429 };
    const { notifier, change, written, logger, notice, time, job } = await setUp(refuse);
    await change('approved', { decidedBy: approver });
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan', 'chat-miriam']);
    expect(
      logger.lines.filter((line) => line.message === 'could not redraw a card yet: trying again'),
    ).toHaveLength(1);
    // Not told yet: the requester's notice went out, and is kept apart so it is not sent twice.
    expect(await notice()).toMatchObject({ told: 0, due: 1, notified: 1 });
    delete refuse['chat-patti'];
    time.pass(30_000);
    expect(await job()).toMatchObject({ told: 1 });
    expect(written.map((w) => [w.conversationId, w.kind])).toEqual([
      ['chat-megan', 'update'],
      ['chat-miriam', 'send'],
      ['chat-megan', 'update'],
      ['chat-patti', 'update'],
    ]);
    expect(await notice()).toMatchObject({ told: 1, due: 1 });
  });

  it('does not post the requester’s notice again after a gateway timeout: it may have gone in', async () => {
    const { notifier, change, written, logger } = await setUp({ 'chat-miriam': 502 });
    await change('approved', { decidedBy: approver });
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan', 'chat-patti']);
    expect(
      logger.lines.filter((line) => line.message.startsWith('could not tell the requester')),
    ).toHaveLength(1);
  });

  it('tells a change once when two processes are told of it at the same moment', async () => {
    const { notifier, process, store, written } = await setUp();
    const other = process();
    const { saved, from } = await store('rejected', {
      decidedBy: approver,
      rejectionReason: 'No budget',
    });
    await Promise.all([notifier.changed(saved, from), other.changed(saved, from)]);
    await Promise.all([notifier.drain(), other.drain()]);
    expect(written.map((w) => w.conversationId)).toEqual([
      'chat-megan',
      'chat-patti',
      'chat-miriam',
    ]);
    expect(written[2]!.text).toContain('was rejected by Megan Bowen: No budget');
  });
});

describe("a new request's approvers' copies", () => {
  const approverChats = ['chat-megan', 'chat-patti'];

  it('are posted after the answer and recorded, one set however many tellers see them', async () => {
    const { notifier, process, asked, written, cards, notice, time, job } = await setUp(
      {},
      { approverChats, copies: false },
    );
    const other = process();
    await Promise.all([
      notifier.asked(asked(), { reasons: ['Only approvers may assign E3.'] }),
      other.asked(asked(), {}),
    ]);
    await Promise.all([notifier.drain(), other.drain()]);
    time.pass(30_000);
    await job();
    expect(written.map((w) => [w.conversationId, w.kind])).toEqual([
      ['chat-megan', 'send'],
      ['chat-patti', 'send'],
    ]);
    expect(written[0]!.text).toContain('Approve');
    expect(written[0]!.text).toContain('Only approvers may assign E3.');
    const copies = await cards.list(TENANT, asked().id);
    expect(copies.map((c) => [c.audience, c.conversationId, c.activityId])).toEqual([
      ['approvers', 'chat-megan', 'new-0'],
      ['approvers', 'chat-patti', 'new-1'],
    ]);
    expect((await notice()).approvalsDue).toBeUndefined();
  });

  it('start on a later turn of the event loop, not within the asking turn', async () => {
    const { notifier, asked, written, notice } = await setUp({}, { approverChats, copies: false });
    await notifier.asked(asked(), {});
    // The asking turn goes on (its own store reads and writes resolve meanwhile)...
    for (let step = 0; step < 50; step += 1) {
      await Promise.resolve();
    }
    // ...before anything is claimed or posted.
    expect((await notice()).claim).toBeUndefined();
    expect(written).toEqual([]);
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(approverChats);
  });

  it('left unposted because Teams was busy are posted by the job, never a second copy', async () => {
    const refuse: Record<string, number> = { 'chat-patti': 429 };
    const { notifier, asked, written, notice, time, job } = await setUp(refuse, {
      approverChats,
      copies: false,
    });
    await notifier.asked(asked(), {});
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan']);
    expect(await notice()).toMatchObject({ approvalsDue: true });
    delete refuse['chat-patti'];
    time.pass(30_000);
    expect(await job()).toMatchObject({ told: 1 });
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan', 'chat-patti']);
    expect((await notice()).approvalsDue).toBeUndefined();
  });

  it('reach the other approvers at once when one approver’s chat is busy', async () => {
    const refuse: Record<string, number> = { 'chat-megan': 429 };
    const { notifier, asked, written, notice } = await setUp(refuse, {
      approverChats,
      copies: false,
    });
    await notifier.asked(asked(), {});
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-patti']);
    // Megan's copy is still due: the job posts it later.
    expect(await notice()).toMatchObject({ approvalsDue: true });
  });

  it('are posted by work a drain (at shutdown) waits for, each recorded before it ends', async () => {
    const { notifier, asked, written, hooks, cards } = await setUp(
      {},
      { approverChats, copies: false },
    );
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    hooks.afterPost = () => held;
    await notifier.asked(asked(), {});
    let drained = false;
    const drain = notifier.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written.filter((w) => w.kind === 'send')).toHaveLength(1);
    expect(drained).toBe(false);
    release();
    await drain;
    expect(drained).toBe(true);
    expect((await cards.list(TENANT, asked().id)).map((c) => c.conversationId)).toEqual(
      approverChats,
    );
  });

  it('posted as the request is cancelled are redrawn at once, without Approve', async () => {
    const { notifier, process, asked, store, written, hooks } = await setUp(
      {},
      { approverChats, copies: false },
    );
    const other = process();
    hooks.afterPost = async () => {
      hooks.afterPost = undefined;
      // Alex cancels in his own chat, served by another process, while the posts go out.
      const { saved, from } = await store('cancelled');
      await other.changed(saved, from);
      await other.drain();
    };
    await notifier.asked(asked(), {});
    await notifier.drain();
    expect(written.map((w) => [w.conversationId, w.kind, w.id])).toEqual([
      ['chat-megan', 'send', 'new-0'],
      ['chat-patti', 'send', 'new-1'],
      ['chat-megan', 'update', 'new-0'],
      ['chat-patti', 'update', 'new-1'],
    ]);
    expect(written[2]!.text).not.toContain('Approve');
    expect(written[3]!.text).not.toContain('Approve');
  });
});

describe('the job that tells changes left untold', () => {
  it('tells a change whose process died before telling it, once, after the grace period', async () => {
    const { store, time, written, notice, job } = await setUp();
    await store('expired');
    // Left to the process that stored it for now.
    expect(await job()).toEqual(jobPass());
    time.pass(30_000);
    expect(await job()).toEqual(jobPass({ told: 1 }));
    expect(await job()).toEqual(jobPass());
    expect(written.map((w) => w.kind)).toEqual(['update', 'update', 'send']);
    expect(written[2]!.text).toContain('expired');
    expect(await notice()).toMatchObject({ told: 1, due: 1 });
  });

  it('leaves a change another teller is telling, and takes over one whose teller died', async () => {
    const { store, time, written, notices, operationId, job } = await setUp();
    await store('expired');
    const found = (await notices.get(TENANT, operationId()))!;
    await notices.replace(
      { ...found.value, claim: { by: 'dead', at: time.clock.now().toISOString() } },
      found.etag,
    );
    time.pass(60_000);
    expect(await job()).toEqual(jobPass({ busy: 1 }));
    expect(written).toEqual([]);
    time.pass(CLAIM_MS);
    expect(await job()).toEqual(jobPass({ told: 1 }));
    expect(written.map((w) => w.kind)).toEqual(['update', 'update', 'send']);
  });

  it('tells again later what could not be sent, and lets the claim go meanwhile', async () => {
    const { notifier, change, time, written, notice, cards, logger, job } = await setUp();
    const list = cards.list.bind(cards);
    cards.list = () => Promise.reject(new Error('store unreachable'));
    await change('expired');
    await notifier.drain();
    expect(written).toEqual([]);
    expect(
      logger.lines.some((line) => line.message.startsWith('could not tell of a request change')),
    ).toBe(true);
    expect(await notice()).toMatchObject({ told: 0, due: 1 });
    expect((await notice()).claim).toBeUndefined();
    cards.list = list;
    time.pass(30_000);
    expect(await job()).toMatchObject({ told: 1 });
    expect(written.map((w) => w.kind)).toEqual(['update', 'update', 'send']);
  });

  it("tells again a requester's notice Teams refused, without redrawing every copy again", async () => {
    const refuse: Record<string, number> = { 'chat-miriam': 429 };
    const { notifier, change, time, written, notice, job } = await setUp(refuse);
    await change('approved');
    await notifier.drain();
    expect(written.map((w) => [w.conversationId, w.kind])).toEqual([
      ['chat-megan', 'update'],
      ['chat-patti', 'update'],
    ]);
    expect(await notice()).toMatchObject({ told: 0, due: 1, redrawnUpTo: 1 });
    delete refuse['chat-miriam'];
    time.pass(30_000);
    expect(await job()).toMatchObject({ told: 1 });
    expect(written.map((w) => [w.conversationId, w.kind])).toEqual([
      ['chat-megan', 'update'],
      ['chat-patti', 'update'],
      ['chat-miriam', 'send'],
    ]);
    expect((await notice()).redrawnUpTo).toBeUndefined();
  });

  it('settles a change whose write never landed, once no write of it can still come', async () => {
    const { time, written, notices, operationId, notice, job } = await setUp();
    // What a transition that lost its race (or died before writing) leaves.
    await notices.expect(TENANT, operationId(), 1, time.clock.now().toISOString());
    await notices.expect(TENANT, operationId(), 1, time.clock.now().toISOString());
    time.pass(30_000);
    expect(await job()).toEqual(jobPass());
    expect(await notice()).toMatchObject({ told: 0, due: 1 });
    time.pass(30_000);
    await job();
    expect(await notice()).toMatchObject({ told: 0, due: 0 });
    expect(written).toEqual([]);
  });
});

describe("a run's progress on the cards", () => {
  /** A checkpoint of a 40-user run with `done` users done, taken now. */
  const checkpointOf = (done: number, at: Date) => ({
    counts: { planned: 40 - done, sent: 0, done, failed: 0, skipped: 0, cancelled: 0 },
    at: at.toISOString(),
  });

  /** The request stored as running for 10 s, with a checkpoint of 25 users done. */
  async function running(setup: Awaited<ReturnType<typeof setUp>>): Promise<StoredOperation> {
    const startedAt = setup.time.clock.now().toISOString();
    setup.time.pass(10_000);
    const checkpoint = checkpointOf(25, setup.time.clock.now());
    return (await setup.store('running', { startedAt, checkpoint })).saved;
  }

  it('redraws every copy at the first checkpoint, then each no more often than the pace', async () => {
    const setup = await setUp();
    const { notifier, written, time, operations, operationId } = setup;
    const operation = await running(setup);
    notifier.progressed(operation);
    notifier.progressed(operation);
    await notifier.drain();
    expect(written.map((w) => [w.conversationId, w.kind, w.id])).toEqual([
      ['chat-megan', 'update', 'm-1'],
      ['chat-patti', 'update', 'p-1'],
    ]);
    expect(written[0]!.text).toContain('62% · 25 of 40 done · 0 failed · 0 skipped · 15 left');
    expect(written[0]!.text).toContain('2.5 users/s · about 6 s left');
    // Checkpoints within the next 5 s draw nothing.
    for (const wait of [0, 1_000, 3_999]) {
      time.pass(wait);
      notifier.progressed(operation);
      await notifier.drain();
    }
    expect(written).toHaveLength(2);
    time.pass(1);
    const next = await operations.saveCheckpoint(
      TENANT,
      operationId(),
      checkpointOf(40, time.clock.now()),
    );
    notifier.progressed(next.value);
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual([
      'chat-megan',
      'chat-patti',
      'chat-megan',
      'chat-patti',
    ]);
    expect(written[3]!.text).toContain('100% · 40 of 40 done');
    expect(written[3]!.text).toContain('finishing');
  });

  it('starts no redraw while the one before is still going', async () => {
    const setup = await setUp();
    const { notifier, written, time, cards } = setup;
    const operation = await running(setup);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let lists = 0;
    const list = cards.list.bind(cards);
    cards.list = async (...args) => {
      lists += 1;
      await held;
      return list(...args);
    };
    notifier.progressed(operation);
    time.pass(60_000);
    notifier.progressed(operation);
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await notifier.drain();
    expect(lists).toBe(1);
    expect(written).toHaveLength(2);
  });

  it('draws no progress once the run has ended, told or only stored, however late it comes', async () => {
    const setup = await setUp();
    const { notifier, written, time, change, store } = setup;
    const operation = await running(setup);
    await store('succeeded');
    notifier.progressed(operation);
    await notifier.drain();
    expect(written).toEqual([]);

    await change('partiallyFailed');
    await notifier.drain();
    const told = written.length;
    time.pass(60_000);
    notifier.progressed(operation);
    await notifier.drain();
    expect(written).toHaveLength(told);
  });

  it('draws the end over progress that landed after another process told it', async () => {
    const setup = await setUp();
    const { notifier, written, hooks, store } = setup;
    const operation = await running(setup);
    hooks.afterUpdate = async () => {
      hooks.afterUpdate = undefined;
      // The run ends and another process tells it while this one draws the progress.
      await store('succeeded');
    };
    notifier.progressed(operation);
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual([
      'chat-megan',
      'chat-patti',
      'chat-megan',
      'chat-patti',
    ]);
    for (const last of written.slice(2)) {
      expect(last.text).toMatch(/\nLicense request: .*\nDone\n/);
      expect(last.text).not.toContain('of 40 done');
    }
  });

  it('tries a busy conversation once, and leaves it alone for a while', async () => {
    const refuse: Record<string, number> = { 'chat-patti': 429 };
    const setup = await setUp(refuse);
    const { notifier, written, time, logger, operations, operationId } = setup;
    const operation = await running(setup);
    notifier.progressed(operation);
    await notifier.drain();
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan']);
    expect(logger.lines.map((line) => line.message)).toContain(
      'could not show progress on a card: a later checkpoint tries again',
    );
    expect(logger.lines.filter((line) => line.message.includes('trying again'))).toEqual([]);
    delete refuse['chat-patti'];
    const checkpointAfter = async (ms: number) => {
      time.pass(ms);
      const saved = await operations.saveCheckpoint(
        TENANT,
        operationId(),
        checkpointOf(30, time.clock.now()),
      );
      notifier.progressed(saved.value);
      await notifier.drain();
    };
    await checkpointAfter(5_000);
    expect(written.map((w) => w.conversationId)).toEqual(['chat-megan', 'chat-megan']);
    // 30 s after Teams said it was busy, Patti's chat gets progress again.
    await checkpointAfter(25_000);
    expect(written.map((w) => w.conversationId)).toEqual([
      'chat-megan',
      'chat-megan',
      'chat-megan',
      'chat-patti',
    ]);
  });
});
