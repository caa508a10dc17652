import { describe, expect, it } from 'vitest';
import { lookUpGroup } from '../../../src/app/views/group-view.ts';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { E3 } from './fixtures.ts';

function groupWithErrors(count: number): MemoryDirectory {
  const users: DirectoryUser[] = Array.from({ length: count }, (_, i) => ({
    id: `u${i}`,
    displayName: `Person ${i}`,
    userPrincipalName: `p${i}@contoso.com`,
    licenseAssignmentStates: [
      {
        skuId: E3.skuId,
        disabledPlans: [],
        assignedByGroup: 'g',
        state: 'Error',
        error: 'CountViolation',
        lastUpdatedDateTime: null,
      },
    ],
  }));
  return new MemoryDirectory({
    skus: [E3],
    users,
    groups: [
      {
        id: 'g',
        displayName: 'Everyone',
        assignedLicenses: [{ skuId: E3.skuId, disabledPlans: [] }],
      },
    ],
    members: { g: users.map((u) => u.id) },
  });
}

describe('group members in error, paged', () => {
  it('pages twenty at a time and a page past the end gives the last one', async () => {
    const directory = groupWithErrors(45);
    const first = await lookUpGroup(directory, { id: 'g' }, 1);
    const last = await lookUpGroup(directory, { id: 'g' }, 9);
    expect(first).toMatchObject({
      kind: 'found',
      view: { errorCount: 45, membersInError: { page: 1, pageCount: 3, hasNext: true } },
    });
    expect(first.kind === 'found' && first.view.membersInError.items).toHaveLength(20);
    expect(last).toMatchObject({
      kind: 'found',
      view: { membersInError: { page: 3, hasNext: false, hasPrevious: true } },
    });
    expect(
      last.kind === 'found' && last.view.membersInError.items.map((m) => m.userPrincipalName),
    ).toEqual([
      'p40@contoso.com',
      'p41@contoso.com',
      'p42@contoso.com',
      'p43@contoso.com',
      'p44@contoso.com',
    ]);
  });

  it('says when there are more members in error than one card reads', async () => {
    const found = await lookUpGroup(groupWithErrors(520), 'Everyone');
    expect(found).toMatchObject({
      kind: 'found',
      view: { errorCount: 500, errorCountCapped: true, memberCount: 520 },
    });
  });
});
