import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTable, TABLE_FILE } from '../../../scripts/product-names/read-table.ts';
import { DEMO_PEOPLE, createDemoTenantSeed } from '../../../src/simulator/seed/demo-tenant.ts';
import {
  createFabrikamTenantSeed,
  FABRIKAM_PEOPLE,
  FABRIKAM_TENANT_ID,
} from '../../../src/simulator/seed/fabrikam-tenant.ts';
import { Tenant } from '../../../src/simulator/tenant/tenant.ts';
import type { TenantSeed } from '../../../src/simulator/tenant/types.ts';

const fabrikam = createFabrikamTenantSeed();
const demo = createDemoTenantSeed();
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const allIds = (seed: TenantSeed) => [
  seed.organization.id,
  ...seed.users.map((u) => u.id),
  ...seed.groups.map((g) => g.id),
];
const seats = (seed: TenantSeed, partNumber: string) =>
  seed.skus.find((sku) => sku.skuPartNumber === partNumber)?.prepaidUnits.enabled;

describe('the Fabrikam demo tenant', () => {
  it('is Fabrikam Ltd with 300 people by default, every UPN in fabrikam.example', () => {
    expect(fabrikam.organization).toMatchObject({
      id: FABRIKAM_TENANT_ID,
      displayName: 'Fabrikam Ltd',
      verifiedDomains: [{ name: 'fabrikam.example', isDefault: true, isInitial: true }],
    });
    expect(fabrikam.users).toHaveLength(300);
    expect(createFabrikamTenantSeed({ size: 50 }).users).toHaveLength(50);
    expect(fabrikam.users.every((u) => u.userPrincipalName.endsWith('@fabrikam.example'))).toBe(
      true,
    );
  });

  it('shares no id with the home demo tenant, even drawn from the same seed, and uses GUIDs', () => {
    const ids = allIds(fabrikam);
    expect(ids.every((id) => guid.test(id))).toBe(true);
    const home = new Set([...allIds(demo), ...DEMO_PEOPLE.map((p) => p.id)]);
    expect(ids.filter((id) => home.has(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same for the same seed and size', () => {
    expect(createFabrikamTenantSeed({ seed: 7, size: 80 })).toEqual(
      createFabrikamTenantSeed({ seed: 7, size: 80 }),
    );
  });

  it('has its named people: Fiona Admin among the License Admins, Felix and Freya', () => {
    const names = FABRIKAM_PEOPLE.map((p) => p.displayName);
    expect(names).toEqual(['Fiona Admin', 'Felix Moreau', 'Freya Lind']);
    for (const person of FABRIKAM_PEOPLE) {
      expect(fabrikam.users.find((u) => u.id === person.id)?.userPrincipalName).toBe(
        person.userPrincipalName,
      );
    }
    const group = (name: string) => fabrikam.groups.find((g) => g.displayName === name);
    expect(group('Fabrikam License Admins')?.memberIds).toEqual([FABRIKAM_PEOPLE[0]!.id]);
    expect(group('Fabrikam Sales')?.memberIds).toContain(FABRIKAM_PEOPLE[1]!.id);
  });

  it('holds E3 and E5 on other seat counts than the demo, and Visio Plan 2 of its own', () => {
    expect(fabrikam.skus.map((s) => s.skuPartNumber)).toEqual(['SPE_E3', 'SPE_E5', 'VISIOCLIENT']);
    expect(seats(fabrikam, 'SPE_E3')).not.toBe(seats(demo, 'SPE_E3'));
    expect(seats(fabrikam, 'SPE_E5')).not.toBe(seats(demo, 'SPE_E5'));
    expect(demo.skus.some((s) => s.skuPartNumber === 'VISIOCLIENT')).toBe(false);
    expect(Object.keys(fabrikam.monthlyPrices).sort()).toEqual(
      fabrikam.skus.map((s) => s.skuId).sort(),
    );
  });

  it('uses no more seats than it bought, and every assignment is active', () => {
    const tenant = new Tenant(fabrikam);
    try {
      for (const sku of tenant.subscribedSkus()) {
        expect(sku.consumedUnits).toBeLessThanOrEqual(sku.prepaidUnits.enabled);
        expect(sku.consumedUnits).toBeGreaterThan(0);
      }
      const states = fabrikam.users.flatMap((u) => u.licenseAssignmentStates);
      expect(states.filter((s) => s.state !== 'Active')).toEqual([]);
    } finally {
      tenant.dispose();
    }
  });

  it("lists for Visio Plan 2 only plans Microsoft's licensing table gives it", () => {
    const table = readTable(readFileSync(TABLE_FILE));
    const visio = fabrikam.skus.find((s) => s.skuPartNumber === 'VISIOCLIENT')!;
    const listed = table
      .filter((r) => r.partNumber === 'VISIOCLIENT' && r.skuId === visio.skuId)
      .map((r) => `${r.servicePlanId} ${r.planName}`);
    const plans = visio.servicePlans.map((p) => `${p.servicePlanId} ${p.servicePlanName}`);
    expect(plans.filter((plan) => !listed.includes(plan))).toEqual([]);
  });
});
