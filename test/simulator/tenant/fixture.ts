import { emptyExtensionAttributes } from '../../../src/simulator/seed/demo-users.ts';
import { PLANS, PLAN_RULES, SKUS, demoSku } from '../../../src/simulator/seed/demo-skus.ts';
import { Tenant } from '../../../src/simulator/tenant/tenant.ts';
import type { SimGroup, SimSku, SimUser, TenantSeed } from '../../../src/simulator/tenant/types.ts';

export { PLANS, SKUS };

/** A SKU that applies to the company, which Graph refuses to assign to users. */
export const COMPANY_SKU = '9b1f4a8c-2d3e-4f50-8a6b-7c8d9e0f1a2b';

export function user(id: string, usageLocation: string | null = 'US'): SimUser {
  return {
    id,
    userPrincipalName: `${id}@contoso.onmicrosoft.com`,
    displayName: id,
    givenName: id,
    surname: null,
    mail: null,
    department: null,
    jobTitle: null,
    city: null,
    country: null,
    officeLocation: null,
    usageLocation,
    accountEnabled: true,
    createdDateTime: '2024-01-01T00:00:00.000Z',
    onPremisesExtensionAttributes: emptyExtensionAttributes(),
    managerId: null,
    licenseAssignmentStates: [],
  };
}

export function group(id: string, memberIds: string[], securityEnabled = true): SimGroup {
  return {
    id,
    displayName: id,
    description: null,
    mailNickname: id,
    mailEnabled: !securityEnabled,
    securityEnabled,
    groupTypes: securityEnabled ? [] : ['Unified'],
    createdDateTime: '2024-01-01T00:00:00.000Z',
    assignedLicenses: [],
    licenseProcessingState: null,
    memberIds,
  };
}

/**
 * A small tenant: E3 with 2 seats, E5 with 1, Exchange Plan 1 with 5, a company-wide SKU; users
 * ann, bob (US), cy (no usage location), dee (FR); groups: "licensing" (ann, bob, cy and the
 * nested "inner" holding dee), "unified" (a Microsoft 365 group, not security-enabled).
 */
export function smallSeed(): TenantSeed {
  const company: SimSku = {
    ...demoSku('STANDARDPACK', 10),
    skuId: COMPANY_SKU,
    skuPartNumber: 'COMPANY_WIDE',
    appliesTo: 'Company',
  };
  return {
    organization: {
      id: 'tenant-1',
      displayName: 'Contoso',
      countryLetterCode: 'US',
      verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: true, isInitial: true }],
    },
    skus: [
      demoSku('SPE_E3', 2),
      demoSku('SPE_E5', 1),
      demoSku('EXCHANGESTANDARD', 5),
      demoSku('POWER_BI_PRO', 5),
      company,
    ],
    users: [user('ann'), user('bob'), user('cy', null), user('dee', 'FR')],
    groups: [
      group('licensing', ['ann', 'bob', 'cy', 'inner']),
      group('inner', ['dee']),
      group('unified', ['ann'], false),
    ],
    planRules: PLAN_RULES,
    monthlyPrices: {},
  };
}

export function smallTenant(seed: TenantSeed = smallSeed()): Tenant {
  return new Tenant(seed, {
    groupProcessingDelayMs: 5,
    now: () => new Date('2026-11-23T10:00:00.000Z'),
  });
}

/** Graph's add-only body. */
export const add = (skuId: string, disabledPlans: string[] = []) => ({
  addLicenses: [{ skuId, disabledPlans }],
  removeLicenses: [],
});
