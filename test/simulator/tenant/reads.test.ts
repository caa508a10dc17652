import { afterEach, describe, expect, it } from 'vitest';
import { memberId, type Tenant } from '../../../src/simulator/tenant/tenant.ts';
import { PLANS, SKUS, add, smallSeed, smallTenant } from './fixture.ts';

let tenant: Tenant;
afterEach(() => tenant.dispose());

describe('reading the tenant', () => {
  it('shows subscribedSkus with consumed units counted from users and Success plans', () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    const e3 = tenant.subscribedSkus().find((sku) => sku.skuPartNumber === 'SPE_E3')!;
    expect(e3).toMatchObject({
      id: `tenant-1_${SKUS.SPE_E3}`,
      consumedUnits: 1,
      prepaidUnits: { enabled: 2, warning: 0, suspended: 0, lockedOut: 0 },
      capabilityStatus: 'Enabled',
    });
    expect(e3.servicePlans.every((plan) => plan.provisioningStatus === 'Success')).toBe(true);
  });

  it('lists licenseDetails with disabled plans marked Disabled', () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3, [PLANS.SWAY]));
    const details = tenant.licenseDetails('ann');
    expect(details.ok && details.value[0]).toMatchObject({
      skuId: SKUS.SPE_E3,
      skuPartNumber: 'SPE_E3',
    });
    const plans = details.ok ? details.value[0]!.servicePlans : [];
    expect(plans.find((plan) => plan.servicePlanId === PLANS.SWAY)?.provisioningStatus).toBe(
      'Disabled',
    );
    expect(plans.find((plan) => plan.servicePlanId === PLANS.TEAMS1)?.provisioningStatus).toBe(
      'Success',
    );
  });

  it('shows assignedPlans for enabled plans only', () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3, [PLANS.SWAY]));
    const plans = tenant.userResource(tenant.findUser('ann')!).assignedPlans as {
      servicePlanId: string;
    }[];
    expect(plans.map((plan) => plan.servicePlanId)).toContain(PLANS.TEAMS1);
    expect(plans.map((plan) => plan.servicePlanId)).not.toContain(PLANS.SWAY);
  });

  it('lists memberOf directly or transitively', () => {
    tenant = smallTenant();
    const names = (outcome: ReturnType<Tenant['memberOf']>) =>
      outcome.ok ? outcome.value.map((group) => group.id) : [];
    expect(names(tenant.memberOf('dee', false))).toEqual(['inner']);
    expect(names(tenant.memberOf('dee', true))).toEqual(['licensing', 'inner']);
    expect(tenant.memberOf('nobody', false)).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('lists group members directly or transitively, users and groups once each', () => {
    tenant = smallTenant();
    const ids = (outcome: ReturnType<Tenant['groupMembers']>) =>
      outcome.ok ? outcome.value.map(memberId) : [];
    expect(ids(tenant.groupMembers('licensing', false))).toEqual(['ann', 'bob', 'cy', 'inner']);
    expect(ids(tenant.groupMembers('licensing', true))).toEqual([
      'ann',
      'bob',
      'cy',
      'inner',
      'dee',
    ]);
  });

  it('holds devices and contacts as members, named by memberIds or by their memberOf', () => {
    const seed = smallSeed();
    seed.groups.find((g) => g.id === 'inner')!.memberIds.push('kiosk');
    seed.devices = [
      {
        id: 'kiosk',
        displayName: 'Kiosk',
        deviceId: 'd-1',
        operatingSystem: 'Windows',
        accountEnabled: true,
      },
    ];
    seed.orgContacts = [
      { id: 'partner', displayName: 'Partner', mail: 'p@fabrikam.com', memberOf: ['licensing'] },
    ];
    tenant = smallTenant(seed);
    const kinds = (outcome: ReturnType<Tenant['groupMembers']>) =>
      outcome.ok ? outcome.value.map((m) => `${m.kind}:${memberId(m)}`) : [];
    expect(kinds(tenant.groupMembers('licensing', false))).toEqual([
      'user:ann',
      'user:bob',
      'user:cy',
      'group:inner',
      'orgContact:partner',
    ]);
    expect(kinds(tenant.groupMembers('licensing', true))).toEqual([
      'user:ann',
      'user:bob',
      'user:cy',
      'group:inner',
      'user:dee',
      'device:kiosk',
      'orgContact:partner',
    ]);
    // Never users, and their memberOf is a relationship, not a stored property.
    expect(tenant.users().map((u) => u.id)).toEqual(['ann', 'bob', 'cy', 'dee']);
    expect(tenant.orgContacts()[0]).not.toHaveProperty('memberOf');
    expect(tenant.deviceResource(tenant.findDevice('kiosk')!)).toMatchObject({ deviceId: 'd-1' });
    // The seed is left as it was: a reset starts afresh.
    expect(seed.groups.find((g) => g.id === 'licensing')!.memberIds).not.toContain('partner');
  });

  it('adds a new device or contact to a group, and an existing one to another group', () => {
    tenant = smallTenant();
    const device = tenant.addDeviceToGroup('inner', { displayName: 'Kiosk' });
    const contact = tenant.addOrgContactToGroup('inner', { displayName: 'Partner', mail: null });
    expect(device).toMatchObject({
      ok: true,
      value: { displayName: 'Kiosk', operatingSystem: 'Windows', accountEnabled: true },
    });
    expect(contact).toMatchObject({ ok: true, value: { displayName: 'Partner', mail: null } });
    expect(tenant.addDeviceToGroup('missing', { displayName: 'x' })).toMatchObject({
      ok: false,
      error: { status: 404 },
    });
    const deviceId = device.ok ? device.value.id : '';
    expect(tenant.addGroupMember('unified', deviceId)).toEqual({ ok: true, value: undefined });
    expect(tenant.addGroupMember('unified', deviceId)).toMatchObject({ ok: false });
    const members = tenant.groupMembers('unified', false);
    expect(members.ok && members.value.map((m) => m.kind)).toEqual(['user', 'device']);
    expect(tenant.removeGroupMember('inner', deviceId)).toEqual({ ok: true, value: undefined });
    const inner = tenant.groupMembers('inner', false);
    expect(inner.ok && inner.value.map((m) => m.kind)).toEqual(['user', 'orgContact']);
  });

  it('hides members from the group resource', () => {
    tenant = smallTenant();
    expect(tenant.groupResource(tenant.findGroup('inner')!)).not.toHaveProperty('memberIds');
  });

  it('keeps the seed untouched so a reset starts afresh', () => {
    const seed = smallSeed();
    tenant = smallTenant(seed);
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    expect(seed.users[0]!.licenseAssignmentStates).toEqual([]);
  });

  it('refuses a negative seat count and an unknown SKU when setting prepaid units', () => {
    tenant = smallTenant();
    expect(tenant.setPrepaidUnits(SKUS.SPE_E3, -1)).toMatchObject({
      ok: false,
      error: { status: 400 },
    });
    expect(tenant.setPrepaidUnits(SKUS.SPE_F1, 5)).toMatchObject({
      ok: false,
      error: { status: 404 },
    });
  });
});
