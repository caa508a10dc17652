import { describe, expect, it } from 'vitest';
import type { RequestDependencies } from '../../../src/app/requests/request-deps.ts';
import { exportHistory } from '../../../src/app/history/export-history.ts';
import type { HistoryEvent } from '../../../src/domain/history/history-event.ts';
import { MemoryHistoryLog } from '../../../src/store/memory/memory-history-log.ts';

const TENANT = 'tenant-1';

function events(count: number): HistoryEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `op:${i}`,
    tenantId: TENANT,
    operationId: 'op',
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    change: 'added' as const,
    userId: `user-${i}`,
    userPrincipalName: `user${i}@contoso.com`,
    requester: { userId: 'alex', displayName: 'Alex Wilber' },
    result: 'succeeded' as const,
  }));
}

async function withHistory(count: number): Promise<RequestDependencies> {
  const history = new MemoryHistoryLog();
  await history.append(events(count));
  return { history } as unknown as RequestDependencies;
}

describe('history export', () => {
  it('reads every line across pages, newest first, when under the limit', async () => {
    const found = await exportHistory(await withHistory(1_200), TENANT, {}, 5_000);
    expect(found.cut).toBe(false);
    expect(found.events).toHaveLength(1_200);
    expect(found.events[0]!.userPrincipalName).toBe('user1199@contoso.com');
    expect(found.events.at(-1)!.userPrincipalName).toBe('user0@contoso.com');
  });

  it('stops at the limit and says the older lines were cut', async () => {
    const found = await exportHistory(await withHistory(1_001), TENANT, {}, 1_000);
    expect(found.cut).toBe(true);
    expect(found.events).toHaveLength(1_000);
    expect(found.events.at(-1)!.userPrincipalName).toBe('user1@contoso.com');
  });

  it('is not cut when the history holds exactly the limit', async () => {
    const found = await exportHistory(await withHistory(1_000), TENANT, {}, 1_000);
    expect(found).toMatchObject({ cut: false });
    expect(found.events).toHaveLength(1_000);
  });
});
