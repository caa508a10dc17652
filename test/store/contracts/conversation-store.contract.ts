import { describe, expect, it } from 'vitest';
import type { ConversationStore, StoredConversation } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';

const conversation = (overrides: Partial<StoredConversation> = {}): StoredConversation => ({
  tenantId: 'tenant',
  conversationId: 'a:1personal-chat',
  kind: 'personal',
  userId: 'user-1',
  reference: {
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    conversation: { id: 'a:1personal-chat', tenantId: 'tenant' },
    bot: { id: '28:bot' },
  },
  updatedAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

/** What every `ConversationStore` must do, whatever keeps the data. */
export function conversationStoreContract(name: string, makeStore: () => ConversationStore): void {
  describe(`${name} as a conversation store`, () => {
    it('gives back a saved conversation reference as it was saved', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const saved = conversation({ tenantId });
      await store.save(saved);
      expect(await store.get(tenantId, saved.conversationId)).toEqual(saved);
    });

    it('answers null for a conversation it never saw', async () => {
      expect(await makeStore().get(freshTenant(), 'a:unknown')).toBeNull();
    });

    it('keeps only the newest reference when a conversation is saved again', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(conversation({ tenantId }));
      const moved = conversation({
        tenantId,
        reference: { serviceUrl: 'https://smba.trafficmanager.net/amer/' },
        updatedAt: '2026-11-02T10:00:00.000Z',
      });
      await store.save(moved);
      expect(await store.get(tenantId, moved.conversationId)).toEqual(moved);
      expect(await store.list(tenantId)).toHaveLength(1);
    });

    it('keeps Teams ids with characters Cosmos forbids in ids apart and intact', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const ids = [
        '19:abc@thread.tacv2;messageid=1/2',
        '19:abc@thread.tacv2;messageid=1*2f2',
        'a?b#c\\d',
      ];
      for (const conversationId of ids) {
        await store.save(
          conversation({ tenantId, conversationId, kind: 'channel', userId: undefined }),
        );
      }
      for (const conversationId of ids) {
        expect((await store.get(tenantId, conversationId))?.conversationId).toBe(conversationId);
      }
      expect(await store.list(tenantId)).toHaveLength(3);
    });

    it("finds a user's personal chat, not a group chat they are in, and only in their tenant", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(conversation({ tenantId, conversationId: '19:group', kind: 'groupChat' }));
      const personal = conversation({ tenantId, conversationId: 'a:personal' });
      await store.save(personal);
      await store.save(conversation({ tenantId: freshTenant(), conversationId: 'a:elsewhere' }));
      expect(await store.findPersonal(tenantId, 'user-1')).toEqual(personal);
      expect(await store.findPersonal(tenantId, 'user-2')).toBeNull();
      expect(await store.findPersonal(freshTenant(), 'user-1')).toBeNull();
    });

    it('lists a tenant’s conversations newest first, by kind when asked', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.save(
        conversation({ tenantId, conversationId: 'a:old', updatedAt: '2026-01-01T00:00:00.000Z' }),
      );
      await store.save(
        conversation({
          tenantId,
          conversationId: '19:channel',
          kind: 'channel',
          userId: undefined,
          updatedAt: '2026-03-01T00:00:00.000Z',
        }),
      );
      await store.save(
        conversation({
          tenantId,
          conversationId: 'a:new',
          userId: 'user-2',
          updatedAt: '2026-02-01T00:00:00.000Z',
        }),
      );
      await store.save(conversation({ tenantId: freshTenant(), conversationId: 'a:other-tenant' }));

      const all = await store.list(tenantId);
      expect(all.map((c) => c.conversationId)).toEqual(['19:channel', 'a:new', 'a:old']);
      const personal = await store.list(tenantId, 'personal');
      expect(personal.map((c) => c.conversationId)).toEqual(['a:new', 'a:old']);
    });

    it('forgets a conversation the bot was removed from, and only that one', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const kept = conversation({ tenantId, conversationId: 'a:kept', userId: 'user-2' });
      await store.save(conversation({ tenantId }));
      await store.save(kept);
      expect(await store.remove(tenantId, 'a:1personal-chat')).toBe(true);
      expect(await store.get(tenantId, 'a:1personal-chat')).toBeNull();
      expect(await store.findPersonal(tenantId, 'user-1')).toBeNull();
      expect(await store.list(tenantId)).toEqual([kept]);
      expect(await store.remove(tenantId, 'a:1personal-chat')).toBe(false);
      expect(await store.remove(freshTenant(), 'a:kept')).toBe(false);
      expect(await store.get(tenantId, 'a:kept')).toEqual(kept);
    });

    it("forgets every channel of a team at once, not other teams' or chats", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const channel = (conversationId: string, teamId?: string) =>
        conversation({
          tenantId,
          conversationId,
          kind: 'channel',
          userId: undefined,
          ...(teamId === undefined ? {} : { teamId }),
        });
      await store.save(channel('19:general@thread.tacv2', '19:team-a@thread.tacv2'));
      await store.save(channel('19:approvals@thread.tacv2', '19:team-a@thread.tacv2'));
      await store.save(channel('19:other@thread.tacv2', '19:team-b@thread.tacv2'));
      await store.save(channel('19:unknown-team@thread.tacv2'));
      await store.save(
        conversation({
          tenantId: freshTenant(),
          conversationId: '19:elsewhere',
          kind: 'channel',
          teamId: '19:team-a@thread.tacv2',
        }),
      );
      const removed = await store.removeTeam(tenantId, '19:team-a@thread.tacv2');
      expect(removed.sort()).toEqual(['19:approvals@thread.tacv2', '19:general@thread.tacv2']);
      expect((await store.list(tenantId)).map((c) => c.conversationId).sort()).toEqual([
        '19:other@thread.tacv2',
        '19:unknown-team@thread.tacv2',
      ]);
      expect(await store.get(tenantId, '19:other@thread.tacv2')).toMatchObject({
        teamId: '19:team-b@thread.tacv2',
      });
      expect(await store.removeTeam(tenantId, '19:team-a@thread.tacv2')).toEqual([]);
    });

    it('lets one of two welcomes of a conversation through, again once it was forgotten', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const at = '2026-11-23T10:00:00.000Z';
      await store.save(conversation({ tenantId, conversationId: '19:group', kind: 'groupChat' }));
      const both = await Promise.all([
        store.claimWelcome(tenantId, '19:group', at),
        store.claimWelcome(tenantId, '19:group', at),
      ]);
      expect(both.sort()).toEqual([false, true]);
      // Saving the reference again (a later event) keeps the claim.
      await store.save(conversation({ tenantId, conversationId: '19:group', kind: 'groupChat' }));
      expect(await store.claimWelcome(tenantId, '19:group', at)).toBe(false);
      expect(await store.claimWelcome(tenantId, '19:other-group', at)).toBe(true);
      expect(await store.claimWelcome(freshTenant(), '19:group', at)).toBe(true);
      // Claims are not conversations: listings hold references only.
      expect(await store.list(tenantId)).toHaveLength(1);
      await store.remove(tenantId, '19:group');
      expect(await store.claimWelcome(tenantId, '19:group', at)).toBe(true);
    });

    it('takes a welcome claim given back (the welcome could not be sent) once more', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const at = '2026-11-23T10:00:00.000Z';
      expect(await store.claimWelcome(tenantId, '19:team', at)).toBe(true);
      await store.releaseWelcome(tenantId, '19:team');
      // Giving back what is not held (a second failed send) is nothing.
      await store.releaseWelcome(tenantId, '19:team');
      expect(await store.claimWelcome(tenantId, '19:team', at)).toBe(true);
      expect(await store.claimWelcome(tenantId, '19:team', at)).toBe(false);
    });

    it('lists every conversation of a tenant when there are more than a page of them', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const count = 230;
      await Promise.all(
        Array.from({ length: count }, (_, index) =>
          store.save(
            conversation({
              tenantId,
              conversationId: `a:user-${index}`,
              userId: `user-${index}`,
              updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(),
            }),
          ),
        ),
      );
      const listed = await store.list(tenantId, 'personal');
      expect(listed).toHaveLength(count);
      expect(new Set(listed.map((c) => c.conversationId)).size).toBe(count);
      expect(listed[0]?.conversationId).toBe(`a:user-${count - 1}`);
    });
  });
}
