import { describe, expect, it } from 'vitest';
import { historyEventsForGroup } from '../../../src/domain/history/history-event.ts';
import type { Operation } from '../../../src/domain/operations/operation.ts';

const at = new Date('2026-12-06T10:00:00.000Z');
const base: Operation = {
  id: 'op-1',
  tenantId: 'tenant',
  kind: 'assign',
  state: 'running',
  requester: { userId: 'alex', displayName: 'Alex' },
  summary: 'Add Power BI Pro to the group "Sales"',
  userCount: 3,
  firstUsers: [],
  createdAt: at.toISOString(),
  updatedAt: at.toISOString(),
  expiresAt: at.toISOString(),
  events: [],
};
const group = {
  id: 'group-1',
  displayName: 'Sales',
  body: { addLicenses: [{ skuId: 'sku-a', disabledPlans: ['plan-x'] }], removeLicenses: ['sku-b'] },
  after: [],
};

describe('historyEventsForGroup', () => {
  it('records each SKU added and removed on the group, with the group, requester and approver', () => {
    const events = historyEventsForGroup(
      { ...base, group, decidedBy: { userId: 'megan', displayName: 'Megan' } },
      at,
      { succeeded: true, message: 'Entra processed 3 members' },
    );
    expect(events).toEqual([
      expect.objectContaining({
        id: 'op-1:group-1:added:sku-a',
        change: 'added',
        skuId: 'sku-a',
        disabledPlans: ['plan-x'],
        userId: 'group-1',
        userPrincipalName: 'Sales',
        group: { id: 'group-1', displayName: 'Sales' },
        approver: { userId: 'megan', displayName: 'Megan' },
        result: 'succeeded',
      }),
      expect.objectContaining({
        id: 'op-1:group-1:removed:sku-b',
        change: 'removed',
        skuId: 'sku-b',
      }),
    ]);
  });

  it('records a change of plans as such, and a refused change as failed', () => {
    const [event] = historyEventsForGroup({ ...base, kind: 'modify', group }, at, {
      succeeded: false,
      message: 'refused',
    });
    expect(event).toMatchObject({ change: 'plansChanged', result: 'failed', message: 'refused' });
    expect(event).not.toHaveProperty('approver');
  });

  it('records nothing for an operation on users', () => {
    expect(historyEventsForGroup(base, at, { succeeded: true, message: '' })).toEqual([]);
  });
});
