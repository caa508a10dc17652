import { describe, expect, it } from 'vitest';
import type { HistoryLog } from '../../../src/app/ports/history-log.ts';
import {
  historyEventsForDecision,
  historyEventsForItem,
} from '../../../src/domain/history/history-event.ts';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { freshTenant } from '../support/embedded-store.ts';
import {
  approver,
  E3,
  E5,
  manager,
  pendingOperationWithItems,
} from '../support/operation-fixtures.ts';

const at = (day: number, hour = 9): string => new Date(Date.UTC(2026, 10, day, hour)).toISOString();

/** A succeeded event for one user, as the runner writes it. */
const event = (tenantId: string, overrides: Partial<HistoryEvent> = {}): HistoryEvent => ({
  id: `op-1:user-1:added:${E3}`,
  tenantId,
  operationId: 'op-1',
  at: at(1),
  change: 'added',
  userId: 'user-1',
  userPrincipalName: 'adele@contoso.com',
  skuId: E3,
  disabledPlans: [],
  requester: manager,
  approver,
  result: 'succeeded',
  graphRequestId: '9a2a8c3e-5b1f-4a55-9f38-6e0d3b1f2a10',
  ...overrides,
});

async function readAll(log: HistoryLog, tenantId: string, filter = {}): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let token: string | undefined;
  do {
    const page = await log.query(tenantId, filter, {
      pageSize: 2,
      ...(token !== undefined && { continuationToken: token }),
    });
    events.push(...page.items);
    token = page.continuationToken;
  } while (token !== undefined);
  return events;
}

/** What every `HistoryLog` must do, whatever keeps the data. */
export function historyLogContract(name: string, makeLog: () => HistoryLog): void {
  describe(`${name} as a history log`, () => {
    it('writes an event once: the same event again is a no-op, not a second line', async () => {
      const log = makeLog();
      const tenantId = freshTenant();
      const pending = pendingOperationWithItems(tenantId);
      const operation = { ...pending.operation, decidedBy: approver };
      const item = { ...pending.items[0]!, state: 'done' as const };
      const events = historyEventsForItem(operation, item, new Date(at(2)), 'request-1');
      expect(await log.append(events)).toEqual({ created: 1, alreadyThere: 0 });
      // A restarted runner settles the same item again, later.
      const again = historyEventsForItem(operation, item, new Date(at(3)), 'request-2');
      expect(await log.append([...again, ...again])).toEqual({ created: 0, alreadyThere: 2 });
      const stored = await readAll(log, tenantId);
      expect(stored).toEqual(events);
    });

    it('records rejections and refusals as events', async () => {
      const log = makeLog();
      const tenantId = freshTenant();
      const pending = pendingOperationWithItems(tenantId, { users: 2 });
      const operation = { ...pending.operation, decidedBy: approver };
      await log.append(
        historyEventsForDecision(
          operation,
          pending.items,
          'rejected',
          'No budget',
          new Date(at(4)),
        ),
      );
      await log.append(
        historyEventsForDecision(
          operation,
          pending.items,
          'refused',
          'Self-approval',
          new Date(at(5)),
        ),
      );
      const stored = await readAll(log, tenantId);
      // Newest first; the two users of one decision share a time, so their order is free.
      expect(stored.map((e) => e.change)).toEqual(['refused', 'refused', 'rejected', 'rejected']);
      expect(stored.map((e) => [e.change, e.userId, e.message, e.approver]).sort()).toEqual([
        ['refused', 'user-0000', 'Self-approval', approver],
        ['refused', 'user-0001', 'Self-approval', approver],
        ['rejected', 'user-0000', 'No budget', approver],
        ['rejected', 'user-0001', 'No budget', approver],
      ]);
    });

    it('reads a tenant’s events newest first, page by page, and nothing of another tenant', async () => {
      const log = makeLog();
      const tenantId = freshTenant();
      const days = [4, 1, 7, 3, 6];
      await log.append(
        days.map((day) => event(tenantId, { id: `op-${day}:user-1:added:${E3}`, at: at(day) })),
      );
      await log.append([event(freshTenant(), { at: at(9) })]);
      const stored = await readAll(log, tenantId);
      expect(stored.map((e) => e.at)).toEqual([7, 6, 4, 3, 1].map((day) => at(day)));
    });

    it('filters by user, by admin (requester or approver), by SKU and since a date', async () => {
      const log = makeLog();
      const tenantId = freshTenant();
      const lee = { userId: 'lee', displayName: 'Lee Gu' };
      await log.append([
        event(tenantId, { id: 'a', at: at(1) }),
        event(tenantId, { id: 'b', at: at(2), userId: 'user-2', skuId: E5 }),
        event(tenantId, { id: 'c', at: at(3), requester: lee, approver: approver }),
        event(tenantId, { id: 'd', at: at(4), requester: manager, approver: lee }),
        event(tenantId, { id: 'e', at: at(5), change: 'removed', skuId: E5 }),
      ]);
      const ids = async (filter: object) => (await readAll(log, tenantId, filter)).map((e) => e.id);
      expect(await ids({ userId: 'user-2' })).toEqual(['b']);
      expect(await ids({ adminId: 'lee' })).toEqual(['d', 'c']);
      expect(await ids({ adminId: approver.userId })).toEqual(['e', 'c', 'b', 'a']);
      expect(await ids({ skuId: E5 })).toEqual(['e', 'b']);
      expect(await ids({ since: at(3) })).toEqual(['e', 'd', 'c']);
      expect(await ids({ userId: 'user-1', skuId: E3, since: at(2) })).toEqual(['d', 'c']);
      // A month is `since` its start and `before` the next: the end is not in it.
      expect(await ids({ since: at(2), before: at(4) })).toEqual(['c', 'b']);
      expect(await ids({ before: at(2) })).toEqual(['a']);
    });
  });
}
