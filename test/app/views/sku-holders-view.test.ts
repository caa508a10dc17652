import { describe, expect, it } from 'vitest';
import type { ListOptions } from '../../../src/app/ports/directory.ts';
import type { SkuHolders } from '../../../src/app/ports/sku-holders.ts';
import { readSkuHolders } from '../../../src/app/views/sku-holders-view.ts';
import type { DirectoryUser } from '../../../src/domain/licensing.ts';
import { e5 } from '../../domain/fixtures/tenant.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

const GROUP = 'g-exec';

function holder(i: number, enabled: boolean, from: (string | null)[] = [null]): DirectoryUser {
  return {
    id: `u-${enabled ? 'on' : 'off'}-${i}`,
    userPrincipalName: `${enabled ? 'on' : 'off'}${i}@contoso.com`,
    displayName: `${enabled ? 'Enabled' : 'Disabled'} ${i}`,
    accountEnabled: enabled,
    licenseAssignmentStates: from.map((group) => ({
      skuId: e5.skuId,
      disabledPlans: [],
      assignedByGroup: group,
      state: 'Active',
      error: null,
      lastUpdatedDateTime: null,
    })),
  };
}

/** The port over a list, recording what was asked of it. */
class MemorySkuHolders implements SkuHolders {
  readonly asked: string[] = [];
  readonly #users: DirectoryUser[];

  constructor(users: DirectoryUser[]) {
    this.#users = users;
  }

  #of(enabled: boolean) {
    return this.#users.filter((user) => user.accountEnabled === enabled);
  }

  async *listHolders(_skuId: string, enabled: boolean, options?: ListOptions) {
    this.asked.push(`list ${enabled} ${options?.limit}`);
    for (const user of this.#of(enabled).slice(0, options?.limit)) {
      yield await Promise.resolve(user);
    }
  }

  countHolders(_skuId: string, enabled: boolean): Promise<number> {
    return Promise.resolve(this.#of(enabled).length);
  }
}

function setUp(disabled: number, enabled: number) {
  const users = [
    ...Array.from({ length: enabled }, (_, i) => holder(i, true, i === 0 ? [GROUP] : [null])),
    ...Array.from({ length: disabled }, (_, i) => holder(i, false)),
  ];
  const directory = new MemoryDirectory({
    skus: [e5],
    groups: [{ id: GROUP, displayName: 'Executive Team' }],
  });
  return { directory, skuHolders: new MemorySkuHolders(users) };
}

describe('who holds a SKU', () => {
  it('lists disabled accounts first, then the rest, 20 a page, with the seat counts', async () => {
    const deps = setUp(3, 30);
    const view = await readSkuHolders(deps, e5.skuId, 1);
    expect(view).toMatchObject({
      name: 'Microsoft 365 E5',
      partNumber: 'SPE_E5',
      total: 500,
      used: 423,
      available: 77,
      disabledCount: 3,
      enabledCount: 30,
      page: 1,
      pageCount: 2,
    });
    expect(view!.holders.map((line) => line.displayName)).toEqual([
      'Disabled 0',
      'Disabled 1',
      'Disabled 2',
      ...Array.from({ length: 17 }, (_, i) => `Enabled ${i}`),
    ]);
  });

  it('goes on with the enabled accounts where the first page stopped', async () => {
    const deps = setUp(3, 30);
    const view = await readSkuHolders(deps, e5.skuId, 2);
    expect(view!.holders.map((line) => line.displayName)).toEqual(
      Array.from({ length: 13 }, (_, i) => `Enabled ${i + 17}`),
    );
    expect(deps.skuHolders.asked).toEqual(['list true 30']);
  });

  it('crosses from disabled to enabled accounts within a page', async () => {
    const deps = setUp(25, 10);
    const view = await readSkuHolders(deps, e5.skuId, 2);
    expect(view!.holders.map((line) => line.displayName)).toEqual([
      ...Array.from({ length: 5 }, (_, i) => `Disabled ${i + 20}`),
      ...Array.from({ length: 10 }, (_, i) => `Enabled ${i}`),
    ]);
  });

  it('says direct or from which group, by name', async () => {
    const view = await readSkuHolders(setUp(0, 2), e5.skuId, 1);
    expect(view!.holders).toEqual([
      {
        displayName: 'Enabled 0',
        userPrincipalName: 'on0@contoso.com',
        accountEnabled: true,
        direct: false,
        groups: ['Executive Team'],
      },
      {
        displayName: 'Enabled 1',
        userPrincipalName: 'on1@contoso.com',
        accountEnabled: true,
        direct: true,
        groups: [],
      },
    ]);
  });

  it('gives the last page for a page past the end, and nothing for a SKU the tenant lacks', async () => {
    const deps = setUp(1, 1);
    expect((await readSkuHolders(deps, e5.skuId, 9))!.page).toBe(1);
    expect(await readSkuHolders(deps, 'f0000000-0000-0000-0000-000000000000', 1)).toBeNull();
  });
});
