import { describe, expect, it } from 'vitest';
import { historyEventSchema } from '../../../src/domain/history/history-event-schema.ts';

const line = {
  id: 'op-1:user-1:added:sku-1',
  tenantId: 'tenant-1',
  operationId: 'op-1',
  at: '2026-12-06T10:00:00.000Z',
  change: 'added',
  userId: 'user-1',
  userPrincipalName: 'adele@contoso.com',
  skuId: 'sku-1',
  requester: { userId: 'manager-1', displayName: 'Miriam Graham' },
  result: 'succeeded',
};

describe('a history line, as stored and shown', () => {
  it('reads a license added, dropping what is not part of it', () => {
    expect(historyEventSchema.parse({ ...line, _etag: '"1"' })).toEqual(line);
  });

  it('refuses a change history does not know', () => {
    expect(historyEventSchema.safeParse({ ...line, change: 'borrowed' }).success).toBe(false);
  });
});
