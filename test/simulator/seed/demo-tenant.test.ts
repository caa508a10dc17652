import { describe, expect, it } from 'vitest';
import {
  DEMO_PEOPLE,
  DEMO_TENANT_ID,
  createDemoTenantSeed,
} from '../../../src/simulator/seed/demo-tenant.ts';
import { Tenant } from '../../../src/simulator/tenant/tenant.ts';

const demo = () => new Tenant(createDemoTenantSeed(), { groupProcessingDelayMs: 1 });
const byName = (tenant: Tenant, name: string) =>
  tenant.groups().find((group) => group.displayName === name)!;
const sku = (tenant: Tenant, part: string) =>
  tenant.subscribedSkus().find((s) => s.skuPartNumber === part)!;

describe('the demo tenant', () => {
  it('is identical for the same seed and size, and differs for another seed', () => {
    expect(JSON.stringify(createDemoTenantSeed({ seed: 7, size: 500 }))).toBe(
      JSON.stringify(createDemoTenantSeed({ seed: 7, size: 500 })),
    );
    expect(JSON.stringify(createDemoTenantSeed({ seed: 8, size: 500 }))).not.toBe(
      JSON.stringify(createDemoTenantSeed({ seed: 7, size: 500 })),
    );
  });

  it('scales linearly to 10,000 users, with unique ids and UPNs', () => {
    // Measured against 1,000 users on the same machine in the same moment, not a fixed budget: a
    // linear seed takes about 10× as long (8× here), a quadratic one 100×. Rounds interleave the
    // sizes and the fastest of each counts, so a burst of load elsewhere skews neither.
    const millisFor = (size: number) => {
      const started = performance.now();
      createDemoTenantSeed({ size });
      return performance.now() - started;
    };
    millisFor(1_000); // warm-up: the first run also compiles the code.
    let small = Infinity;
    let large = Infinity;
    for (let round = 0; round < 4; round += 1) {
      small = Math.min(small, millisFor(1_000));
      large = Math.min(large, millisFor(10_000));
    }
    expect(large).toBeLessThan(30 * small);
    const seed = createDemoTenantSeed({ size: 10_000 });
    expect(seed.users).toHaveLength(10_000);
    expect(new Set(seed.users.map((u) => u.id)).size).toBe(10_000);
    expect(new Set(seed.users.map((u) => u.userPrincipalName.toLowerCase())).size).toBe(10_000);
  });

  it('has the Test Tool cast with their ids, names and UPNs', () => {
    const tenant = demo();
    expect(tenant.organization().id).toBe(DEMO_TENANT_ID);
    for (const person of DEMO_PEOPLE) {
      expect(tenant.findUser(person.id)).toMatchObject({
        displayName: person.displayName,
        userPrincipalName: person.userPrincipalName,
      });
    }
    tenant.dispose();
  });

  it('makes Alex Wilber a licensed manager with direct reports', () => {
    const tenant = demo();
    const alex = tenant.findUser(DEMO_PEOPLE[0]!.id)!;
    expect(alex.jobTitle).toBe('Sales Manager');
    expect(tenant.users().filter((u) => u.managerId === alex.id).length).toBeGreaterThanOrEqual(3);
    expect(tenant.userResource(alex).assignedLicenses).not.toEqual([]);
    tenant.dispose();
  });

  it('has the licensing groups, a nested group and the License Approvers', () => {
    const tenant = demo();
    const approvers = byName(tenant, 'License Approvers');
    expect(approvers.memberIds.sort()).toEqual([DEMO_PEOPLE[1]!.id, DEMO_PEOPLE[4]!.id].sort());
    const license = (name: string) => byName(tenant, name).assignedLicenses.map((l) => l.skuId);
    expect(license('All Employees')).toEqual([sku(tenant, 'ENTERPRISEPACK').skuId]);
    expect(license('Executive Team')).toEqual([sku(tenant, 'SPE_E5').skuId]);
    expect(license('Contractors')).toEqual([sku(tenant, 'EXCHANGESTANDARD').skuId]);
    expect(byName(tenant, 'Sales').memberIds).toContain(byName(tenant, 'Sales EMEA').id);
    tenant.dispose();
  });

  it('puts kiosk devices and a partner contact in "Sales", never among the users', () => {
    const tenant = demo();
    const sales = byName(tenant, 'Sales');
    const members = tenant.groupMembers(sales.id, false);
    const kinds = members.ok ? members.value.map((m) => m.kind) : [];
    expect(kinds.filter((kind) => kind === 'device')).toHaveLength(2);
    expect(kinds.filter((kind) => kind === 'orgContact')).toHaveLength(1);
    expect(tenant.devices().map((d) => d.displayName)).toEqual([
      'Sales kiosk 01',
      'Sales kiosk 02',
    ]);
    expect(tenant.orgContacts()[0]).toMatchObject({ mail: 'rob.young@fabrikam.com' });
    const objectIds = new Set([...tenant.devices(), ...tenant.orgContacts()].map((o) => o.id));
    expect(tenant.users().some((u) => objectIds.has(u.id))).toBe(false);
    // The seed's memberIds stay people and groups; the devices name their group themselves.
    const seed = createDemoTenantSeed();
    const seedSales = seed.groups.find((g) => g.displayName === 'Sales')!;
    expect(seedSales.memberIds.some((id) => objectIds.has(id))).toBe(false);
    expect(seed.devices?.every((d) => d.memberOf?.includes(seedSales.id))).toBe(true);
    expect(createDemoTenantSeed({ size: 6000 }).devices).toHaveLength(4);
    tenant.dispose();
  });

  it('uses seats as the issue describes, counted from actual assignments', () => {
    const tenant = demo();
    const used = (part: string) => [
      sku(tenant, part).consumedUnits,
      sku(tenant, part).prepaidUnits.enabled,
    ];
    expect(used('SPE_E5')).toEqual([423, 500]);
    expect(used('SPE_E3')).toEqual([324, 400]);
    const [pbiUsed, pbiBought] = used('POWER_BI_PRO');
    expect(pbiBought! - pbiUsed!).toBeLessThanOrEqual(2);
    const [projectUsed, projectBought] = used('PROJECTPROFESSIONAL');
    expect(projectUsed).toBeGreaterThan(projectBought!);
    const holders = tenant
      .users()
      .filter((u) =>
        (tenant.userResource(u).assignedLicenses as { skuId: string }[]).some(
          (l) => l.skuId === sku(tenant, 'SPE_E5').skuId,
        ),
      );
    expect(holders).toHaveLength(423);
    tenant.dispose();
  });

  it('has Contractors members in error for every reason an admin can fix', () => {
    const tenant = demo();
    const contractors = byName(tenant, 'Contractors');
    expect(tenant.hasMembersWithLicenseErrors(contractors.id)).toBe(true);
    const reasons = tenant
      .users()
      .flatMap((u) => u.licenseAssignmentStates)
      .filter((s) => s.assignedByGroup === contractors.id && s.state === 'Error')
      .map((s) => s.error);
    expect(new Set(reasons)).toEqual(
      new Set([
        'CountViolation',
        'MutuallyExclusiveViolation',
        'ProhibitedInUsageLocationViolation',
        'UniquenessViolation',
      ]),
    );
    expect(reasons.filter((r) => r === 'CountViolation')).toHaveLength(4);
    // Seats were bought after the failures and nobody reprocessed: three are free now.
    const exchange = sku(tenant, 'EXCHANGESTANDARD');
    expect(exchange.prepaidUnits.enabled - exchange.consumedUnits).toBe(3);
    expect(tenant.hasMembersWithLicenseErrors(byName(tenant, 'All Employees').id)).toBe(false);
    tenant.dispose();
  });

  it('has a dynamic group of enabled Engineering people, unlicensed', () => {
    const tenant = demo();
    const engineering = byName(tenant, 'All Engineering (dynamic)');
    expect(engineering).toMatchObject({
      groupTypes: ['DynamicMembership'],
      membershipRule: '(user.department -eq "Engineering") -and (user.accountEnabled -eq true)',
      membershipRuleProcessingState: 'On',
      assignedLicenses: [],
    });
    const expected = tenant
      .users()
      .filter((u) => u.department === 'Engineering' && u.accountEnabled)
      .map((u) => u.id);
    expect(expected.length).toBeGreaterThan(100);
    expect(engineering.memberIds).toEqual(expected);
    tenant.dispose();
  });

  it('has subscriptions behind its SKUs: one expiring within 30 days, one in Warning', () => {
    const started = Date.now();
    const tenant = demo();
    const subscriptions = tenant.subscriptions();
    for (const s of tenant.subscribedSkus()) {
      const mine = subscriptions.filter((sub) => sub.skuId === s.skuId);
      const units = (status: string) =>
        mine.filter((sub) => sub.status === status).reduce((n, sub) => n + sub.totalLicenses, 0);
      expect(s.prepaidUnits.enabled).toBe(units('Enabled'));
      expect(s.prepaidUnits.warning).toBe(units('Warning'));
    }
    const days = (iso: string | null) => (Date.parse(iso ?? '') - started) / 86_400_000;
    const soon = subscriptions.filter(
      (s) => s.status === 'Enabled' && days(s.nextLifecycleDateTime) <= 30,
    );
    expect(soon.map((s) => s.skuId)).toEqual([sku(tenant, 'ENTERPRISEPREMIUM').skuId]);
    const warning = subscriptions.filter((s) => s.status === 'Warning');
    expect(warning.map((s) => s.skuId)).toEqual([sku(tenant, 'SPB').skuId]);
    expect(sku(tenant, 'SPB')).toMatchObject({
      capabilityStatus: 'Warning',
      prepaidUnits: { enabled: 0, warning: 25 },
    });
    tenant.dispose();
  });

  it('has people without a usage location, and extension attributes for E3 flavours', () => {
    const tenant = demo();
    expect(tenant.findUser(DEMO_PEOPLE[5]!.id)!.usageLocation).toBeNull();
    expect(tenant.users().filter((u) => u.usageLocation === null).length).toBeGreaterThan(10);
    const flavours = new Set(
      tenant.users().map((u) => u.onPremisesExtensionAttributes.extensionAttribute10),
    );
    expect(flavours).toContain('E3 All');
    expect(flavours).toContain('E3 with Selected Services');
    expect(tenant.users().some((u) => !u.accountEnabled)).toBe(true);
    tenant.dispose();
  });

  it('gives a price per SKU in USD', () => {
    const tenant = demo();
    const prices = tenant.monthlyPrices();
    for (const s of tenant.subscribedSkus()) {
      expect(prices[s.skuId]).toMatchObject({ currency: 'USD' });
    }
    tenant.dispose();
  });

  it('refuses a direct license to a newcomer without usage location (the demo story)', () => {
    const tenant = demo();
    const outcome = tenant.assignUserLicense(DEMO_PEOPLE[5]!.userPrincipalName, {
      addLicenses: [{ skuId: sku(tenant, 'SPE_E3').skuId, disabledPlans: [] }],
      removeLicenses: [],
    });
    expect(outcome).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('usage location') },
    });
    tenant.dispose();
  });
});
