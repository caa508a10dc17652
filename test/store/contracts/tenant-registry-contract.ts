import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CustomerTenant } from '../../../src/domain/tenants/tenant.ts';
import { ConcurrencyConflictError } from '../../../src/app/ports/stores.ts';
import type { Versioned } from '../../../src/app/ports/stores.ts';
import { TenantAlreadyRegisteredError } from '../../../src/app/ports/tenant-registry.ts';
import type { TenantRegistry } from '../../../src/app/ports/tenant-registry.ts';
import { approver } from '../support/operation-fixtures.ts';

const SYSTEM_FIELDS = ['id', '_rid', '_ts', '_self', '_etag', '_attachments'];

/** A tenant id (a GUID, lower-case) and a short name no other test uses. */
const fresh = (prefix = 'fabrikam'): { tenantId: string; name: string } => ({
  tenantId: randomUUID(),
  name: `${prefix}-${randomUUID().slice(0, 8)}`,
});

/** A customer tenant, fresh unless told otherwise. */
export const aTenant = (overrides: Partial<CustomerTenant> = {}): CustomerTenant => ({
  ...fresh(),
  displayName: 'Fabrikam, Inc.',
  credential: { kind: 'multiTenantApp' },
  approverGroupIds: ['8a2b1c3d-0000-4000-8000-000000000001'],
  requesterGroupIds: [],
  allowGuests: false,
  policy: { approvalExpiryHours: 48, twoApproversAboveUsers: 50 },
  state: 'awaitingConsent',
  onboardedBy: approver,
  onboardedAt: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

const names = (found: Versioned<CustomerTenant>[]): string[] =>
  found.map((item) => item.value.name);

const conflict = (promise: Promise<unknown>): Promise<void> =>
  expect(promise).rejects.toBeInstanceOf(ConcurrencyConflictError);

const clash = async (promise: Promise<unknown>, field: 'tenantId' | 'name'): Promise<void> => {
  const error: unknown = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TenantAlreadyRegisteredError);
  expect((error as TenantAlreadyRegisteredError).field).toBe(field);
};

/**
 * What every `TenantRegistry` must do, whatever keeps the data. The Cosmos one shares its
 * container between tests, so each test uses fresh ids and names and looks only at its own.
 */
export function tenantRegistryContract(name: string, makeRegistry: () => TenantRegistry): void {
  describe(`${name} as a tenant registry`, () => {
    it('adds a tenant and reads it back by id and by name, with an ETag', async () => {
      const registry = makeRegistry();
      const tenant = aTenant({
        credential: { kind: 'certificate', clientId: 'client-1', certificatePath: '/certs/f.pem' },
        changedBy: approver,
        changedAt: '2026-12-02T09:00:00.000Z',
      });
      const added = await registry.add(tenant);
      expect(added.value).toEqual(tenant);
      expect(added.etag).toEqual(expect.any(String));
      expect(await registry.get(tenant.tenantId)).toEqual(added);
      expect(await registry.findByName(tenant.name)).toEqual(added);
    });

    it('compares tenant ids without case and keeps them lower-cased', async () => {
      const registry = makeRegistry();
      const tenant = aTenant();
      const added = await registry.add({ ...tenant, tenantId: tenant.tenantId.toUpperCase() });
      expect(added.value).toEqual(tenant);
      expect(await registry.get(tenant.tenantId)).toEqual(added);
      expect(await registry.get(tenant.tenantId.toUpperCase())).toEqual(added);
      const other = { ...aTenant(), tenantId: tenant.tenantId.toUpperCase() };
      await clash(registry.add(other), 'tenantId');
    });

    it('finds nothing for an id or a name nobody registered', async () => {
      const registry = makeRegistry();
      await registry.add(aTenant());
      const { tenantId, name: unknownName } = fresh();
      expect(await registry.get(tenantId)).toBeNull();
      expect(await registry.findByName(unknownName)).toBeNull();
    });

    it('finds a name typed in capitals', async () => {
      const registry = makeRegistry();
      const added = await registry.add(aTenant());
      expect(await registry.findByName(added.value.name.toUpperCase())).toEqual(added);
    });

    it('lists every tenant by name', async () => {
      const registry = makeRegistry();
      const suffix = randomUUID().slice(0, 8);
      const [zulu, alpha, mike] = ['zulu', 'alpha', 'mike'].map((word) =>
        aTenant({ name: `${word}-${suffix}` }),
      );
      for (const tenant of [zulu!, alpha!, mike!]) {
        await registry.add(tenant);
      }
      const listed = await registry.list();
      const all = names(listed);
      expect(all).toEqual([...all].sort());
      const mine = listed.filter((item) => item.value.name.endsWith(suffix));
      expect(mine.map((item) => item.value)).toEqual([alpha, mike, zulu]);
      expect(mine[0]).toEqual(await registry.get(alpha!.tenantId));
    });

    it('refuses a tenant whose id is registered, naming the id', async () => {
      const registry = makeRegistry();
      const tenant = aTenant();
      await registry.add(tenant);
      await clash(registry.add(tenant), 'tenantId');
      await clash(registry.add({ ...aTenant(), tenantId: tenant.tenantId }), 'tenantId');
      expect((await registry.get(tenant.tenantId))?.value).toEqual(tenant);
    });

    it('refuses a second tenant with a taken name, naming the name', async () => {
      const registry = makeRegistry();
      const first = aTenant();
      await registry.add(first);
      const second = aTenant({ name: first.name });
      await clash(registry.add(second), 'name');
      expect(await registry.get(second.tenantId)).toBeNull();
      expect((await registry.findByName(first.name))?.value).toEqual(first);
    });

    it('refuses a name that is not a short name', async () => {
      const registry = makeRegistry();
      await expect(registry.add(aTenant({ name: 'Fabrikam Inc' }))).rejects.toThrow();
    });

    it('replaces with the current ETag and hands back a new one', async () => {
      const registry = makeRegistry();
      const added = await registry.add(aTenant());
      const next: CustomerTenant = {
        ...added.value,
        state: 'active',
        changedBy: approver,
        changedAt: '2026-12-03T09:00:00.000Z',
      };
      const replaced = await registry.replace(next, added.etag);
      expect(replaced.value).toEqual(next);
      expect(replaced.etag).not.toBe(added.etag);
      expect(await registry.get(next.tenantId)).toEqual(replaced);
    });

    it('renames a tenant, but not onto another tenant’s name', async () => {
      const registry = makeRegistry();
      const taken = await registry.add(aTenant());
      const added = await registry.add(aTenant());
      const renamed = await registry.replace(
        { ...added.value, name: fresh('contoso').name },
        added.etag,
      );
      expect(await registry.findByName(added.value.name)).toBeNull();
      expect(await registry.findByName(renamed.value.name)).toEqual(renamed);
      await clash(
        registry.replace({ ...renamed.value, name: taken.value.name }, renamed.etag),
        'name',
      );
      expect(await registry.get(added.value.tenantId)).toEqual(renamed);
    });

    it('refuses a replace with a stale ETag, or of a tenant removed meanwhile', async () => {
      const registry = makeRegistry();
      const added = await registry.add(aTenant());
      const replaced = await registry.replace({ ...added.value, state: 'active' }, added.etag);
      await conflict(registry.replace({ ...added.value, state: 'suspended' }, added.etag));
      expect(await registry.get(added.value.tenantId)).toEqual(replaced);
      await registry.remove(added.value.tenantId, replaced.etag);
      await conflict(registry.replace({ ...added.value, state: 'suspended' }, replaced.etag));
      expect(await registry.get(added.value.tenantId)).toBeNull();
    });

    it('removes with the current ETag, refuses a stale one, and finds a missing one gone', async () => {
      const registry = makeRegistry();
      const added = await registry.add(aTenant());
      const { tenantId, name: tenantName } = added.value;
      const replaced = await registry.replace({ ...added.value, state: 'active' }, added.etag);
      await conflict(registry.remove(tenantId, added.etag));
      expect(await registry.get(tenantId)).toEqual(replaced);
      expect(await registry.remove(tenantId.toUpperCase(), replaced.etag)).toBe(true);
      expect(await registry.get(tenantId)).toBeNull();
      expect(await registry.findByName(tenantName)).toBeNull();
      expect(names(await registry.list())).not.toContain(tenantName);
      expect(await registry.remove(tenantId, replaced.etag)).toBe(false);
      // A removed tenant's id and name are free again.
      await registry.add(aTenant({ tenantId, name: tenantName }));
    });

    it('hands values back without the document id or Cosmos system fields', async () => {
      const registry = makeRegistry();
      const added = await registry.add(aTenant());
      const replaced = await registry.replace({ ...added.value, state: 'active' }, added.etag);
      const values = [
        added.value,
        replaced.value,
        (await registry.get(added.value.tenantId))?.value,
        (await registry.findByName(added.value.name))?.value,
        (await registry.list()).find((item) => item.value.tenantId === added.value.tenantId)?.value,
      ];
      for (const value of values) {
        expect(value).toBeDefined();
        for (const field of SYSTEM_FIELDS) {
          expect(value).not.toHaveProperty(field);
        }
      }
    });
  });
}
