import { afterEach, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src/simulator/tenant/tenant.ts';
import { COMPANY_SKU, PLANS, SKUS, add, smallSeed, smallTenant } from './fixture.ts';

let tenant: Tenant;
afterEach(() => tenant.dispose());

const badRequest = (message: string | RegExp) => ({
  ok: false,
  error: { status: 400, code: 'Request_BadRequest', message: expect.stringMatching(message) },
});

const skus = (id: string) =>
  (tenant.userResource(tenant.findUser(id)!).assignedLicenses as { skuId: string }[]).map(
    (license) => license.skuId,
  );
const consumed = (skuId: string) =>
  tenant.subscribedSkus().find((sku) => sku.skuId === skuId)!.consumedUnits;

describe('assignLicense on a user', () => {
  it('assigns a SKU and counts its seat', () => {
    tenant = smallTenant();
    const outcome = tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    expect(outcome.ok).toBe(true);
    expect(skus('ann')).toEqual([SKUS.SPE_E3]);
    expect(consumed(SKUS.SPE_E3)).toBe(1);
  });

  it('names the missing parameter when removeLicenses is left out', () => {
    tenant = smallTenant();
    expect(
      tenant.assignUserLicense('ann', { addLicenses: [{ skuId: SKUS.SPE_E3, disabledPlans: [] }] }),
    ).toEqual(
      badRequest(
        /^One or more parameters of the operation 'assignLicense' are missing from the request payload\. The missing parameters are: removeLicenses\.$/,
      ),
    );
  });

  it('names both parameters when the body is empty', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', {})).toEqual(
      badRequest(/The missing parameters are: addLicenses, removeLicenses\.$/),
    );
  });

  it('refuses a call that changes nothing', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', { addLicenses: [], removeLicenses: [] })).toEqual(
      badRequest(/^No license changes provided/),
    );
  });

  it('refuses a skuId that is not a GUID', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add('SPE_E3'))).toEqual(
      badRequest(/^Invalid value specified for property 'skuId' of resource 'AssignedLicense'\.$/),
    );
  });

  it('refuses a SKU the tenant does not subscribe to', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add(SKUS.SPE_F1))).toEqual(
      badRequest(`License ${SKUS.SPE_F1} does not correspond to a valid company License.`),
    );
  });

  it('refuses a SKU that applies to the company, not to users', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add(COMPANY_SKU))).toEqual(
      badRequest(/cannot be assigned to a user/),
    );
  });

  it('refuses a disabled plan that is not part of the SKU', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add(SKUS.SPE_E3, [PLANS.MCOEV]))).toEqual(
      badRequest(/^Invalid value specified for property 'disabledPlans'/),
    );
  });

  it('refuses a second seat when the SKU has none left', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add(SKUS.SPE_E5)).ok).toBe(true);
    expect(tenant.assignUserLicense('bob', add(SKUS.SPE_E5))).toEqual(
      badRequest(`Subscription ${SKUS.SPE_E5} does not have any available licenses.`),
    );
    expect(consumed(SKUS.SPE_E5)).toBe(1);
  });

  it('re-adds a held SKU without a new seat, replacing its disabled plans', () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E5));
    const outcome = tenant.assignUserLicense('ann', add(SKUS.SPE_E5, [PLANS.SWAY]));
    expect(outcome.ok).toBe(true);
    expect(tenant.snapshotUserLicenses('ann')).toMatchObject({
      value: { assignedLicenses: [{ skuId: SKUS.SPE_E5, disabledPlans: [PLANS.SWAY] }] },
    });
    expect(consumed(SKUS.SPE_E5)).toBe(1);
  });

  it('refuses a user without usage location, never borrowing the tenant country', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('cy', add(SKUS.SPE_E3))).toEqual(
      badRequest('License assignment cannot be done for user with invalid usage location.'),
    );
    expect(tenant.findUser('cy')!.usageLocation).toBeNull();
  });

  it('refuses a product in a usage location where it may not be used', () => {
    const seed = smallSeed();
    seed.skus.find((sku) => sku.skuId === SKUS.SPE_E5)!.prohibitedUsageLocations = ['FR'];
    tenant = smallTenant(seed);
    expect(tenant.assignUserLicense('dee', add(SKUS.SPE_E5))).toEqual(
      badRequest('License assignment cannot be done for user with invalid usage location.'),
    );
    expect(tenant.assignUserLicense('ann', add(SKUS.SPE_E5)).ok).toBe(true);
  });

  it('refuses mutually exclusive plans across SKUs', () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    expect(tenant.assignUserLicense('ann', add(SKUS.EXCHANGESTANDARD))).toEqual(
      badRequest(
        `License assignment failed because service plans ${PLANS.EXCHANGE_S_STANDARD},${PLANS.EXCHANGE_S_ENTERPRISE} are mutually exclusive.`,
      ),
    );
  });

  it('refuses a plan whose dependency would be disabled', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ann', add(SKUS.SPE_E3, [PLANS.SHAREPOINTENTERPRISE]))).toEqual(
      badRequest(
        new RegExp(
          `^License assignment failed because service plan ${PLANS.SHAREPOINTWAC} depends on the service plan\\(s\\) `,
        ),
      ),
    );
  });

  it('refuses to remove a SKU the user does not have', () => {
    tenant = smallTenant();
    expect(
      tenant.assignUserLicense('ann', { addLicenses: [], removeLicenses: [SKUS.SPE_E3] }),
    ).toEqual(badRequest('User does not have a corresponding license.'));
  });

  it('swaps SKUs in one call, or changes nothing when the add fails', async () => {
    tenant = smallTenant();
    tenant.assignUserLicense('ann', add(SKUS.SPE_E3));
    tenant.assignUserLicense('bob', add(SKUS.SPE_E5));
    const swap = {
      addLicenses: [{ skuId: SKUS.SPE_E5, disabledPlans: [] }],
      removeLicenses: [SKUS.SPE_E3],
    };
    expect(tenant.assignUserLicense('ann', swap).ok).toBe(false);
    expect(skus('ann')).toEqual([SKUS.SPE_E3]);
    tenant.assignUserLicense('bob', { addLicenses: [], removeLicenses: [SKUS.SPE_E5] });
    expect(tenant.assignUserLicense('ann', swap).ok).toBe(true);
    expect(skus('ann')).toEqual([SKUS.SPE_E5]);
    expect(consumed(SKUS.SPE_E3)).toBe(0);
    await tenant.settle();
  });

  it('answers 404 with Graph message for an unknown user', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('nobody@contoso.com', add(SKUS.SPE_E3))).toEqual({
      ok: false,
      error: {
        status: 404,
        code: 'Request_ResourceNotFound',
        message:
          "Resource 'nobody@contoso.com' does not exist or one of its queried reference-property objects are not present.",
      },
    });
  });

  it('finds users by UPN in any case', () => {
    tenant = smallTenant();
    expect(tenant.assignUserLicense('ANN@Contoso.onmicrosoft.com', add(SKUS.SPE_E3)).ok).toBe(true);
  });
});
