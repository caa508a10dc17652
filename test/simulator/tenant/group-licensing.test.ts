import { afterEach, describe, expect, it } from 'vitest';
import { Tenant } from '../../../src/simulator/tenant/tenant.ts';
import type { SimLicenseState } from '../../../src/simulator/tenant/types.ts';
import { PLANS, SKUS, add, smallSeed, smallTenant } from './fixture.ts';

let tenant: Tenant;
afterEach(() => tenant.dispose());

const states = (id: string) => tenant.findUser(id)!.licenseAssignmentStates;
const fromGroup = (id: string, groupId: string) =>
  states(id).filter((state) => state.assignedByGroup === groupId);
const consumed = (skuId: string) =>
  tenant.subscribedSkus().find((sku) => sku.skuId === skuId)!.consumedUnits;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('group-based licensing', () => {
  it('answers at once, then goes queued → in progress → complete', async () => {
    tenant = smallTenant();
    expect(tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD))).toEqual({
      ok: true,
      value: undefined,
    });
    const group = tenant.findGroup('licensing')!;
    const seen = [group.licenseProcessingState?.state];
    expect(fromGroup('ann', 'licensing')).toEqual([]);
    while (group.licenseProcessingState?.state !== 'ProcessingComplete') {
      await wait(1);
      if (seen.at(-1) !== group.licenseProcessingState?.state) {
        seen.push(group.licenseProcessingState?.state);
      }
    }
    expect(seen).toEqual(['QueuedForProcessing', 'ProcessingInProgress', 'ProcessingComplete']);
    expect(fromGroup('ann', 'licensing')).toMatchObject([
      { skuId: SKUS.EXCHANGESTANDARD, state: 'Active', error: 'None' },
    ]);
  });

  it('licenses only direct members: nested groups are not expanded', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(fromGroup('bob', 'licensing')).toHaveLength(1);
    expect(states('dee')).toEqual([]);
  });

  it('gives members without usage location the tenant country, never changing one', async () => {
    tenant = smallTenant();
    tenant.findUser('bob')!.usageLocation = 'DE';
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(tenant.findUser('cy')!.usageLocation).toBe('US');
    expect(tenant.findUser('bob')!.usageLocation).toBe('DE');
    expect(fromGroup('cy', 'licensing')[0]!.state).toBe('Active');
  });

  it('refuses groups that are not security-enabled', () => {
    tenant = smallTenant();
    expect(tenant.assignGroupLicense('unified', add(SKUS.EXCHANGESTANDARD))).toMatchObject({
      ok: false,
      error: { status: 400, code: 'Request_BadRequest' },
    });
  });

  it('checks the body now: unknown SKU and foreign plans are refused', () => {
    tenant = smallTenant();
    expect(tenant.assignGroupLicense('licensing', add(SKUS.SPE_F1)).ok).toBe(false);
    expect(tenant.assignGroupLicense('licensing', add(SKUS.SPE_E3, [PLANS.MCOEV])).ok).toBe(false);
    expect(tenant.assignGroupLicense('licensing', { addLicenses: [] })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('removeLicenses') },
    });
    expect(tenant.findGroup('licensing')!.licenseProcessingState).toBeNull();
  });

  it('wants a plan and its dependency enabled in the same group', () => {
    tenant = smallTenant();
    expect(
      tenant.assignGroupLicense('licensing', add(SKUS.SPE_E3, [PLANS.SHAREPOINTENTERPRISE])),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining(`service plan ${PLANS.SHAREPOINTWAC} depends`) },
    });
  });

  it('gives a member none of the group SKUs when one of them has no seat (CountViolation)', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', {
      addLicenses: [
        { skuId: SKUS.POWER_BI_PRO, disabledPlans: [] },
        { skuId: SKUS.SPE_E3, disabledPlans: [] },
      ],
      removeLicenses: [],
    });
    await tenant.settle();
    // E3 has 2 seats for 3 members: the third gets neither E3 nor Power BI.
    expect(fromGroup('cy', 'licensing').map((s) => [s.state, s.error])).toEqual([
      ['Error', 'CountViolation'],
      ['Error', 'CountViolation'],
    ]);
    expect(consumed(SKUS.POWER_BI_PRO)).toBe(2);
    expect(tenant.hasMembersWithLicenseErrors('licensing')).toBe(true);
    expect(tenant.membersWithLicenseErrors('licensing')).toMatchObject({
      ok: true,
      value: [{ id: 'cy' }],
    });
  });

  it('records MutuallyExclusiveViolation for a member whose direct license conflicts', async () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(fromGroup('ann', 'licensing')).toMatchObject([
      { state: 'Error', error: 'MutuallyExclusiveViolation' },
    ]);
    expect(fromGroup('bob', 'licensing')).toMatchObject([{ state: 'Active' }]);
  });

  it('counts one seat for a SKU held directly and from a group', async () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    tenant.assignGroupLicense('licensing', add(SKUS.SPE_E3));
    await tenant.settle();
    expect(states('ann')).toHaveLength(2);
    expect(tenant.userResource(tenant.findUser('ann')!).assignedLicenses).toHaveLength(1);
    expect(consumed(SKUS.SPE_E3)).toBe(2);
  });

  it('unions enabled plans when two sources disable different plans', async () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3, [PLANS.SWAY, PLANS.YAMMER_ENTERPRISE]));
    tenant.assignGroupLicense('licensing', add(SKUS.SPE_E3, [PLANS.SWAY]));
    await tenant.settle();
    expect(tenant.userResource(tenant.findUser('ann')!).assignedLicenses).toEqual([
      { skuId: SKUS.SPE_E3, disabledPlans: [PLANS.SWAY] },
    ]);
  });

  it('refuses to remove directly a license the user inherits from a group', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(
      tenant.assignUserLicense('ann', { addLicenses: [], removeLicenses: [SKUS.EXCHANGESTANDARD] }),
    ).toMatchObject({
      ok: false,
      error: {
        status: 400,
        message:
          'User license is inherited from a group membership and it cannot be removed directly from the user.',
      },
    });
  });

  it('removes the license from members when the group drops it', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    tenant.assignGroupLicense('licensing', {
      addLicenses: [],
      removeLicenses: [SKUS.EXCHANGESTANDARD],
    });
    await tenant.settle();
    expect(states('ann')).toEqual([]);
    expect(consumed(SKUS.EXCHANGESTANDARD)).toBe(0);
  });

  it('licenses a new member and unlicenses a removed one', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(tenant.addGroupMember('licensing', 'dee').ok).toBe(true);
    expect(tenant.removeGroupMember('licensing', 'bob').ok).toBe(true);
    expect(tenant.findGroup('licensing')!.licenseProcessingState?.state).toBe(
      'QueuedForProcessing',
    );
    await tenant.settle();
    expect(fromGroup('dee', 'licensing')).toHaveLength(1);
    expect(states('bob')).toEqual([]);
    expect(consumed(SKUS.EXCHANGESTANDARD)).toBe(3);
  });

  it('refuses adding a member twice and removing a non-member', () => {
    tenant = smallTenant();
    expect(tenant.addGroupMember('licensing', 'ann')).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(tenant.removeGroupMember('licensing', 'dee')).toMatchObject({
      ok: false,
      error: { status: 404 },
    });
  });

  it('makes a member in error Active on reprocess once seats are free', async () => {
    tenant = smallTenant();
    tenant.assignGroupLicense('licensing', add(SKUS.SPE_E3));
    await tenant.settle();
    expect(fromGroup('cy', 'licensing')[0]).toMatchObject({
      state: 'Error',
      error: 'CountViolation',
    });
    expect(tenant.setPrepaidUnits(SKUS.SPE_E3, 3).ok).toBe(true);
    const reprocessed = tenant.reprocessUser('cy');
    expect(reprocessed.ok).toBe(true);
    expect(fromGroup('cy', 'licensing')[0]).toMatchObject<Partial<SimLicenseState>>({
      state: 'Active',
      error: 'None',
      // Graph's directory dates: whole seconds, no fraction.
      lastUpdatedDateTime: '2026-11-23T10:00:00Z',
    });
    expect(tenant.hasMembersWithLicenseErrors('licensing')).toBe(false);
  });

  it('settles at once when nothing is queued, and dispose stops queued work', async () => {
    tenant = smallTenant();
    await tenant.settle();
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    tenant.dispose();
    await tenant.settle();
    expect(states('ann')).toEqual([]);
  });
});

describe('group-based licensing edge cases', () => {
  it('records ProhibitedInUsageLocationViolation when neither user nor tenant has a location', async () => {
    const seed = smallSeed();
    seed.organization.countryLetterCode = '';
    tenant = smallTenant(seed);
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(fromGroup('cy', 'licensing')).toMatchObject([
      { state: 'Error', error: 'ProhibitedInUsageLocationViolation' },
    ]);
  });

  it('records ProhibitedInUsageLocationViolation where the product may not be used', async () => {
    const seed = smallSeed();
    seed.skus.find((sku) => sku.skuId === SKUS.EXCHANGESTANDARD)!.prohibitedUsageLocations = ['FR'];
    tenant = smallTenant(seed);
    tenant.addGroupMember('licensing', 'dee');
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    expect(fromGroup('dee', 'licensing')).toMatchObject([
      { state: 'Error', error: 'ProhibitedInUsageLocationViolation' },
    ]);
    expect(fromGroup('ann', 'licensing')).toMatchObject([{ state: 'Active' }]);
  });

  it('keeps the timestamp of a state that processing left unchanged', async () => {
    let clock = new Date('2026-11-23T10:00:00.000Z');
    tenant = new Tenant(smallSeed(), { groupProcessingDelayMs: 1, now: () => clock });
    tenant.assignGroupLicense('licensing', add(SKUS.EXCHANGESTANDARD));
    await tenant.settle();
    clock = new Date('2026-11-24T10:00:00.000Z');
    tenant.addGroupMember('licensing', 'dee');
    await tenant.settle();
    expect(fromGroup('ann', 'licensing')[0]!.lastUpdatedDateTime).toBe('2026-11-23T10:00:00Z');
    expect(fromGroup('dee', 'licensing')[0]!.lastUpdatedDateTime).toBe('2026-11-24T10:00:00Z');
  });
});
