import { afterEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src/simulator/tenant/tenant.ts';
import { smallTenant } from './fixture.ts';

let tenant: Tenant;
afterEach(() => tenant.dispose());

describe('updating a user', () => {
  it('sets usageLocation from an ISO 3166-1 alpha-2 code in any case', () => {
    tenant = smallTenant();
    expect(tenant.updateUser('cy', { usageLocation: 'gb' })).toMatchObject({
      ok: true,
      value: { usageLocation: 'GB' },
    });
  });

  it('refuses a usageLocation that is not a country code', () => {
    tenant = smallTenant();
    for (const usageLocation of ['XX', 'USA', 'U', 42]) {
      expect(tenant.updateUser('cy', { usageLocation })).toEqual({
        ok: false,
        error: {
          status: 400,
          code: 'Request_BadRequest',
          message: "Invalid value specified for property 'usageLocation' of resource 'User'.",
        },
      });
    }
    expect(tenant.findUser('cy')!.usageLocation).toBeNull();
  });

  it('turns a member into a guest and back (userType Member or Guest only)', () => {
    tenant = smallTenant();
    expect(tenant.updateUser('cy', { userType: 'Guest' })).toMatchObject({
      ok: true,
      value: { userType: 'Guest' },
    });
    expect(tenant.updateUser('cy', { userType: 'Visitor' })).toMatchObject({
      ok: false,
      error: { status: 400, message: expect.stringContaining("'userType'") },
    });
    expect(tenant.updateUser('cy', { userType: 'Member' })).toMatchObject({
      ok: true,
      value: { userType: 'Member' },
    });
  });

  it('refuses unknown and read-only properties, changing nothing', () => {
    tenant = smallTenant();
    expect(tenant.updateUser('ann', { department: 'IT', favouriteColour: 'blue' })).toMatchObject({
      ok: false,
      error: { status: 400, message: expect.stringContaining("'favouriteColour'") },
    });
    expect(tenant.updateUser('ann', { id: 'other' })).toMatchObject({ ok: false });
    expect(tenant.findUser('ann')!.department).toBeNull();
  });

  it('updates other writable properties with their types checked', () => {
    tenant = smallTenant();
    expect(tenant.updateUser('ann', { jobTitle: 'IT Manager', accountEnabled: false }).ok).toBe(
      true,
    );
    expect(tenant.findUser('ann')).toMatchObject({ jobTitle: 'IT Manager', accountEnabled: false });
    expect(tenant.updateUser('ann', { accountEnabled: 'no' }).ok).toBe(false);
  });

  it('lets a user without usage location be licensed once it is set', () => {
    tenant = smallTenant();
    tenant.updateUser('cy', { usageLocation: 'US' });
    const body = {
      addLicenses: [{ skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', disabledPlans: [] }],
      removeLicenses: [],
    };
    expect(tenant.assignUserLicense('cy', body).ok).toBe(true);
  });
});
