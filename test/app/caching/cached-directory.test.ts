import { describe, expect, it } from 'vitest';
import { CachedDirectory } from '../../../src/app/caching/cached-directory.ts';
import { LicenseWritesClear } from '../../../src/app/caching/license-writes-clear.ts';
import type {
  LicenseWrite,
  LicenseWriter,
  LicenseWriteOutcome,
} from '../../../src/app/ports/license-writer.ts';
import type { AssignLicenseBody, DirectoryUser, Sku } from '../../../src/domain/licensing.ts';
import { E3, PBI } from '../views/fixtures.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';
import { ManualClock } from './manual-clock.ts';

const adele: DirectoryUser = {
  id: 'u-adele',
  displayName: 'Adele Vance',
  userPrincipalName: 'adele@contoso.com',
  usageLocation: 'US',
  accountEnabled: true,
  assignedLicenses: [],
  licenseAssignmentStates: [],
};

/** A tenant whose seats move when licenses are assigned, counting the reads that reach it. */
class CountingTenant extends MemoryDirectory {
  skuReads = 0;
  organizationReads = 0;
  readonly skus: Sku[] = [structuredClone(E3), structuredClone(PBI)];

  constructor() {
    super({ users: [adele] });
  }

  override listSkus(): Promise<Sku[]> {
    this.skuReads += 1;
    return Promise.resolve(structuredClone(this.skus));
  }

  override getOrganization(): ReturnType<MemoryDirectory['getOrganization']> {
    this.organizationReads += 1;
    return super.getOrganization();
  }

  /** Graph's side of an assignment: one more seat used per SKU added. */
  apply(body: AssignLicenseBody): void {
    for (const { skuId } of body.addLicenses) {
      const sku = this.skus.find((s) => s.skuId === skuId);
      if (sku) {
        sku.consumedUnits += 1;
      }
    }
  }
}

/** The writer License Desk would wrap, over the counting tenant. */
function writerFor(tenant: CountingTenant): LicenseWriter {
  return {
    assignUserLicenses: (_userId, body) => {
      tenant.apply(body);
      return Promise.resolve(adele);
    },
    assignGroupLicenses: () => Promise.resolve(),
    setUsageLocation: () => Promise.resolve(),
    reprocessUser: () => Promise.resolve(),
    createDynamicGroup: () => Promise.reject(new Error('not used')),
    async *writeMany(writes): AsyncIterable<LicenseWriteOutcome> {
      for await (const write of writes as AsyncIterable<LicenseWrite>) {
        if (write.kind === 'assignLicense') {
          tenant.apply(write.body);
        }
        yield { key: write.key, ok: true, attempts: 1 };
      }
    },
  };
}

const e3Used = async (directory: CachedDirectory): Promise<number | undefined> =>
  (await directory.listSkus()).find((sku) => sku.skuId === E3.skuId)?.consumedUnits;
const addE3: AssignLicenseBody = {
  addLicenses: [{ skuId: E3.skuId, disabledPlans: [] }],
  removeLicenses: [],
};

describe('directory reads kept for a few seconds', () => {
  it('answers fifty concurrent `licenses` turns with one read of the subscribed SKUs', async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock());
    const all = await Promise.all(Array.from({ length: 50 }, () => directory.listSkus()));
    expect(all.every((skus) => skus.length === 2)).toBe(true);
    expect(tenant.skuReads).toBe(1);
  });

  it('shows seat counts changed elsewhere once the 20 seconds are up', async () => {
    const clock = new ManualClock();
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, clock);
    expect(await e3Used(directory)).toBe(97);
    tenant.apply(addE3); // someone in the Entra admin center
    clock.advance(19_000);
    expect(await e3Used(directory)).toBe(97);
    clock.advance(1_000);
    expect(await e3Used(directory)).toBe(98);
  });

  it("shows License Desk's own assignment at once", async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock());
    const writer = new LicenseWritesClear(writerFor(tenant), () => directory.invalidateLicenses());
    expect(await e3Used(directory)).toBe(97);
    await writer.assignUserLicenses(adele.id, addE3);
    expect(await e3Used(directory)).toBe(98);
  });

  it('shows each write of a bulk run as soon as its outcome is out', async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock());
    const writer = new LicenseWritesClear(writerFor(tenant), () => directory.invalidateLicenses());
    const writes: LicenseWrite[] = ['a', 'b', 'c'].map((key) => ({
      key,
      kind: 'assignLicense',
      userId: adele.id,
      body: addE3,
    }));
    const seen: (number | undefined)[] = [];
    for await (const outcome of writer.writeMany(writes)) {
      expect(outcome.ok).toBe(true);
      seen.push(await e3Used(directory));
    }
    expect(seen).toEqual([98, 99, 100]);
  });

  it('clears the seats even when a write fails (it may have landed)', async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock());
    const failing: LicenseWriter = {
      ...writerFor(tenant),
      assignUserLicenses: (_userId, body) => {
        tenant.apply(body);
        return Promise.reject(new Error('timed out after Graph applied it'));
      },
    };
    const writer = new LicenseWritesClear(failing, () => directory.invalidateLicenses());
    expect(await e3Used(directory)).toBe(97);
    await expect(writer.assignUserLicenses(adele.id, addE3)).rejects.toThrow('timed out');
    expect(await e3Used(directory)).toBe(98);
  });

  it('reads every time when told to keep nothing (tests that change the tenant directly)', async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock(), { skusMs: 0 });
    expect(await e3Used(directory)).toBe(97);
    tenant.apply(addE3);
    expect(await e3Used(directory)).toBe(98);
    expect(tenant.skuReads).toBe(2);
  });

  it("reads a user's licenses straight through every time", async () => {
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, new ManualClock());
    await directory.findUser('adele@contoso.com');
    await directory.findUser('adele@contoso.com');
    expect(tenant.calls.filter((call) => call.startsWith('findUser'))).toHaveLength(2);
  });

  it('keeps the organization for five minutes', async () => {
    const clock = new ManualClock();
    const tenant = new CountingTenant();
    const directory = new CachedDirectory(tenant, clock);
    expect((await directory.getOrganization()).displayName).toBe('Contoso');
    clock.advance(4 * 60_000);
    await directory.getOrganization();
    expect(tenant.organizationReads).toBe(1);
    clock.advance(60_000);
    await directory.getOrganization();
    expect(tenant.organizationReads).toBe(2);
  });

  it('gives each caller its own list, so sorting one leaves the next as read', async () => {
    const directory = new CachedDirectory(new CountingTenant(), new ManualClock());
    const first = await directory.listSkus();
    first.reverse();
    expect((await directory.listSkus()).map((sku) => sku.skuId)).toEqual([E3.skuId, PBI.skuId]);
  });
});
