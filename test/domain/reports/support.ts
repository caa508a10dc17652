import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';

const requester = { userId: 'u-megan', displayName: 'Megan Bowen' };

/** A succeeded history line in January 2026, changed as `overrides` say. */
export function line(overrides: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    id: `line-${Math.random()}`,
    tenantId: 't1',
    operationId: 'op-1',
    at: '2026-01-10T10:00:00.000Z',
    change: 'added',
    userId: 'u-adele',
    userPrincipalName: 'adele@contoso.com',
    skuId: 'sku-e3',
    requester,
    result: 'succeeded',
    ...overrides,
  };
}

export const group = { id: 'g-sales', displayName: 'Sales' };
