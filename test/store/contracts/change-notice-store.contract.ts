import { describe, expect, it } from 'vitest';
import type { ChangeNoticeStore } from '../../../src/app/ports/change-notice-store.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import { freshTenant } from '../support/embedded-store.ts';

const AT = '2026-11-20T09:00:00.000Z';
const LATER = '2026-11-20T09:05:00.000Z';

/** What every `ChangeNoticeStore` must do, whatever keeps the data. */
export function changeNoticeStoreContract(name: string, makeStore: () => ChangeNoticeStore): void {
  describe(`${name} as a change notice store`, () => {
    it('has no notice for an operation that never changed', async () => {
      expect(await makeStore().get(freshTenant(), 'op-unknown')).toBeNull();
    });

    it('starts a notice with the earlier changes told, and raises what is due', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.expect(tenantId, 'op-1', 2, AT);
      expect((await store.get(tenantId, 'op-1'))?.value).toEqual({
        tenantId,
        operationId: 'op-1',
        told: 1,
        due: 2,
        updatedAt: AT,
      });
      await store.expect(tenantId, 'op-1', 3, LATER);
      // Never lowered: a late write of an older change leaves it as it is.
      await store.expect(tenantId, 'op-1', 2, '2026-11-20T10:00:00.000Z');
      expect((await store.get(tenantId, 'op-1'))?.value).toMatchObject({
        told: 1,
        due: 3,
        updatedAt: LATER,
      });
    });

    it("starts a new request's notice with its approvers' copies due, and lists it", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.expectApprovals(tenantId, 'op-new', AT);
      expect((await store.get(tenantId, 'op-new'))?.value).toEqual({
        tenantId,
        operationId: 'op-new',
        told: 0,
        due: 0,
        approvalsDue: true,
        updatedAt: AT,
      });
      expect((await store.listUntold(tenantId)).items.map((n) => n.operationId)).toEqual([
        'op-new',
      ]);
      // A second create of the same request (a second Send) leaves the notice as it is.
      const read = (await store.get(tenantId, 'op-new'))!;
      const { approvalsDue: _due, ...posted } = read.value;
      await store.replace({ ...posted, notified: 0 }, read.etag);
      await store.expectApprovals(tenantId, 'op-new', LATER);
      expect((await store.get(tenantId, 'op-new'))?.value).toEqual({ ...posted, notified: 0 });
      expect((await store.listUntold(tenantId)).items).toEqual([]);
    });

    it("marks a pending request's approvers' copies due again, keeping what was told", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.expectApprovals(tenantId, 'op-posted', AT);
      const read = (await store.get(tenantId, 'op-posted'))!;
      const { approvalsDue: _due, ...posted } = read.value;
      const told = { ...posted, told: 2, due: 2, notified: 2 };
      await store.replace(told, read.etag);
      await store.expectApprovalsAgain(tenantId, 'op-posted', 2, LATER);
      // A notice without a round (as every one before rounds were kept) was in round 0.
      expect((await store.get(tenantId, 'op-posted'))?.value).toEqual({
        ...told,
        approvalsDue: true,
        approvalsRound: 1,
        updatedAt: LATER,
      });
      // Asked for again while still due: a new round, so a teller posting now keeps the mark.
      await store.expectApprovalsAgain(tenantId, 'op-posted', 2, '2026-11-20T09:06:00.000Z');
      expect((await store.get(tenantId, 'op-posted'))?.value).toEqual({
        ...told,
        approvalsDue: true,
        approvalsRound: 2,
        updatedAt: '2026-11-20T09:06:00.000Z',
      });
      // A request from before notices were kept gets one with its events told.
      await store.expectApprovalsAgain(tenantId, 'op-old', 1, LATER);
      expect((await store.get(tenantId, 'op-old'))?.value).toEqual({
        tenantId,
        operationId: 'op-old',
        told: 1,
        due: 1,
        approvalsDue: true,
        approvalsRound: 1,
        updatedAt: LATER,
      });
      expect(
        (await store.listUntold(tenantId)).items.map((notice) => notice.operationId).sort(),
      ).toEqual(['op-old', 'op-posted']);
    });

    it('replaces a notice only under the ETag it was read with', async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      await store.expect(tenantId, 'op-1', 1, AT);
      const read = (await store.get(tenantId, 'op-1'))!;
      const claimed = { ...read.value, claim: { by: 'teller-1', at: AT } };
      const saved = await store.replace(claimed, read.etag);
      expect(saved.value).toEqual(claimed);
      await expect(
        store.replace({ ...read.value, claim: { by: 'teller-2', at: AT } }, read.etag),
      ).rejects.toBeInstanceOf(ConcurrencyConflictError);
      expect((await store.get(tenantId, 'op-1'))?.value.claim?.by).toBe('teller-1');
    });

    it("lists a tenant's untold notices, page by page, and no told ones", async () => {
      const store = makeStore();
      const tenantId = freshTenant();
      const other = freshTenant();
      for (const id of ['op-1', 'op-2', 'op-3']) {
        await store.expect(tenantId, id, 1, AT);
      }
      await store.expect(other, 'op-elsewhere', 1, AT);
      const told = (await store.get(tenantId, 'op-2'))!;
      await store.replace({ ...told.value, told: 1 }, told.etag);
      const ids: string[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await store.listUntold(tenantId, {
          pageSize: 1,
          ...(continuationToken !== undefined ? { continuationToken } : {}),
        });
        ids.push(...page.items.map((notice) => notice.operationId));
        continuationToken = page.continuationToken;
      } while (continuationToken !== undefined);
      expect(ids.sort()).toEqual(['op-1', 'op-3']);
    });
  });
}
