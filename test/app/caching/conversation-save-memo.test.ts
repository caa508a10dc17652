import { describe, expect, it } from 'vitest';
import { ConversationSaveMemo } from '../../../src/app/caching/conversation-save-memo.ts';
import type { ConversationStore, StoredConversation } from '../../../src/app/ports/stores.ts';
import { MemoryConversationStore } from '../../../src/store/memory/memory-conversation-store.ts';
import { ManualClock } from './manual-clock.ts';

/** The memory store, counting the writes that reach it; `failNext` makes the next one fail. */
class CountingStore extends MemoryConversationStore {
  writes = 0;
  failNext = false;

  override save(conversation: StoredConversation): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('Cosmos is unavailable'));
    }
    this.writes += 1;
    return super.save(conversation);
  }
}

const personal = (clock: ManualClock, serviceUrl = 'https://smba.trafficmanager.net/emea/') =>
  ({
    tenantId: 't1',
    conversationId: 'a:adele-personal',
    kind: 'personal',
    userId: 'u-adele',
    reference: { serviceUrl, conversation: { id: 'a:adele-personal' }, channelId: 'msteams' },
    updatedAt: clock.now().toISOString(),
  }) satisfies StoredConversation;

// What the bot does on every personal message; an install or `approvals here` writes through.
const REFRESH = { refresh: true };

function setUp(): { clock: ManualClock; store: CountingStore; memo: ConversationStore } {
  const clock = new ManualClock();
  const store = new CountingStore();
  return { clock, store, memo: new ConversationSaveMemo(store, clock) };
}

describe('saving conversation references only when it matters', () => {
  it('writes an unchanged reference once, not on every message', async () => {
    const { clock, store, memo } = setUp();
    for (let message = 0; message < 20; message += 1) {
      clock.advance(5_000);
      await memo.save(personal(clock), REFRESH);
    }
    expect(store.writes).toBe(1);
    expect(await memo.findPersonal('t1', 'u-adele')).toMatchObject({ kind: 'personal' });
  });

  it('counts a reference taken from the next message (another activity id) as unchanged', async () => {
    const { clock, store, memo } = setUp();
    for (const activityId of ['1:aaa', '1:bbb', '1:ccc']) {
      const conversation = personal(clock);
      await memo.save(
        { ...conversation, reference: { ...conversation.reference, activityId } },
        REFRESH,
      );
    }
    expect(store.writes).toBe(1);
  });

  it('writes at once when the reference changed (Teams moved the chat to another service URL)', async () => {
    const { clock, store, memo } = setUp();
    await memo.save(personal(clock), REFRESH);
    clock.advance(1_000);
    await memo.save(personal(clock, 'https://smba.trafficmanager.net/amer/'), REFRESH);
    expect(store.writes).toBe(2);
    const stored = await memo.get('t1', 'a:adele-personal');
    expect(stored?.reference['serviceUrl']).toBe('https://smba.trafficmanager.net/amer/');
  });

  it('writes an unchanged reference again after ten minutes, so the stored one is never older', async () => {
    const { clock, store, memo } = setUp();
    await memo.save(personal(clock), REFRESH);
    clock.advance(9 * 60_000);
    await memo.save(personal(clock), REFRESH);
    expect(store.writes).toBe(1);
    clock.advance(60_000);
    await memo.save(personal(clock), REFRESH);
    expect(store.writes).toBe(2);
    expect((await memo.get('t1', 'a:adele-personal'))?.updatedAt).toBe(clock.now().toISOString());
  });

  it('tries again on the next message when a write failed', async () => {
    const { clock, store, memo } = setUp();
    store.failNext = true;
    await expect(memo.save(personal(clock), REFRESH)).rejects.toThrow('Cosmos is unavailable');
    await memo.save(personal(clock), REFRESH);
    expect(store.writes).toBe(1);
    expect(await memo.get('t1', 'a:adele-personal')).not.toBeNull();
  });

  it('keeps each conversation apart', async () => {
    const { clock, store, memo } = setUp();
    await memo.save(personal(clock), REFRESH);
    await memo.save(
      {
        ...personal(clock),
        conversationId: '19:approvers@thread.tacv2',
        kind: 'channel',
      },
      REFRESH,
    );
    expect(store.writes).toBe(2);
  });

  it('writes an install or `approvals here` through, even when the same was saved moments ago', async () => {
    const { clock, store, memo } = setUp();
    await memo.save(personal(clock), REFRESH);
    await memo.save(personal(clock));
    expect(store.writes).toBe(2);
    // Remembered all the same: the refresh on the next message is spared.
    await memo.save(personal(clock), REFRESH);
    expect(store.writes).toBe(2);
  });

  it('saves again what another instance forgot when the bot is added back (`approvals here`)', async () => {
    const clock = new ManualClock();
    const store = new CountingStore();
    const here = new ConversationSaveMemo(store, clock);
    const elsewhere = new ConversationSaveMemo(store, clock);
    const channel: StoredConversation = {
      ...personal(clock),
      conversationId: '19:approvers@thread.tacv2',
      kind: 'channel',
      teamId: '19:team@thread.tacv2',
    };
    await here.save(channel);
    expect(await elsewhere.removeTeam('t1', '19:team@thread.tacv2')).toEqual([
      '19:approvers@thread.tacv2',
    ]);
    await here.save(channel);
    expect(await store.get('t1', '19:approvers@thread.tacv2')).toMatchObject({
      teamId: channel.teamId,
    });
  });

  it('writes a refresh again once this instance forgot the conversation', async () => {
    const { clock, store, memo } = setUp();
    await memo.save(personal(clock), REFRESH);
    expect(await memo.remove('t1', 'a:adele-personal')).toBe(true);
    await memo.save(personal(clock), REFRESH);
    expect(store.writes).toBe(2);
    expect(await memo.get('t1', 'a:adele-personal')).not.toBeNull();
  });

  it('forgets the oldest conversations first when it holds its limit', async () => {
    const clock = new ManualClock();
    const store = new CountingStore();
    const memo = new ConversationSaveMemo(store, clock, { maxRemembered: 2 });
    const chat = (id: string): StoredConversation => ({ ...personal(clock), conversationId: id });
    await memo.save(chat('a'), REFRESH);
    await memo.save(chat('b'), REFRESH);
    await memo.save(chat('c'), REFRESH); // "a" is forgotten
    await memo.save(chat('c'), REFRESH);
    await memo.save(chat('a'), REFRESH);
    expect(store.writes).toBe(4);
  });
});
