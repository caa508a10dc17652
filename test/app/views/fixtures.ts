import type { PriceStore, SkuPrice } from '../../../src/app/ports/stores.ts';
import type { Sku } from '../../../src/domain/licensing.ts';
import { MemoryDirectory } from '../support/memory-directory.ts';

export const E3: Sku = {
  skuId: 'sku-e3',
  skuPartNumber: 'SPE_E3',
  appliesTo: 'User',
  capabilityStatus: 'Enabled',
  consumedUnits: 97,
  prepaidUnits: { enabled: 100, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [
    { servicePlanId: 'p-teams', servicePlanName: 'TEAMS1' },
    { servicePlanId: 'p-exo', servicePlanName: 'EXCHANGE_S_ENTERPRISE' },
    { servicePlanId: 'p-odd', servicePlanName: 'SOME_NEW_PLAN' },
  ],
};
export const PBI: Sku = {
  ...E3,
  skuId: 'sku-pbi',
  skuPartNumber: 'POWER_BI_PRO',
  consumedUnits: 12,
  prepaidUnits: { enabled: 10, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [{ servicePlanId: 'p-bi', servicePlanName: 'BI_AZURE_P2' }],
};
export const ODD: Sku = {
  ...E3,
  skuId: 'sku-odd',
  skuPartNumber: 'CONTOSO_SPECIAL',
  consumedUnits: 1,
  prepaidUnits: { enabled: 500, warning: 0, suspended: 0, lockedOut: 0 },
  servicePlans: [],
};

/** The price table as the views read it: a list per tenant. */
export function priceStore(prices: SkuPrice[]): Pick<PriceStore, 'list'> {
  return {
    list: (tenantId) => Promise.resolve(prices.filter((p) => p.tenantId === tenantId)),
  };
}

/** Adele holds E3 directly (Teams off) and from Sales (all on); Sales' Power BI failed for her. */
export function contoso(): MemoryDirectory {
  return new MemoryDirectory({
    skus: [E3, PBI, ODD],
    users: [
      {
        id: 'u-adele',
        displayName: 'Adele Vance',
        userPrincipalName: 'adele@contoso.com',
        jobTitle: 'Retail Manager',
        department: 'Retail',
        usageLocation: 'US',
        accountEnabled: true,
        licenseAssignmentStates: [
          {
            skuId: 'sku-e3',
            disabledPlans: ['p-teams', 'p-odd'],
            assignedByGroup: null,
            state: 'Active',
            error: 'None',
            lastUpdatedDateTime: null,
          },
          {
            skuId: 'sku-e3',
            disabledPlans: ['p-odd'],
            assignedByGroup: 'g-sales',
            state: 'Active',
            error: 'None',
            lastUpdatedDateTime: null,
          },
          {
            skuId: 'sku-pbi',
            disabledPlans: [],
            assignedByGroup: 'g-sales',
            state: 'Error',
            error: 'CountViolation',
            lastUpdatedDateTime: null,
          },
        ],
      },
      {
        id: 'u-adam',
        displayName: 'Adam Adams',
        userPrincipalName: 'adam@contoso.com',
        usageLocation: null,
      },
      { id: 'u-alex', displayName: 'Alex Wilber', userPrincipalName: 'alex@contoso.com' },
    ],
    groups: [
      {
        id: 'g-sales',
        displayName: 'Sales',
        licenseProcessingState: 'ProcessingComplete',
        assignedLicenses: [
          { skuId: 'sku-e3', disabledPlans: ['p-odd'] },
          { skuId: 'sku-pbi', disabledPlans: [] },
        ],
      },
      { id: 'g-sales-eu', displayName: 'Sales Europe' },
      { id: 'g-sales-us', displayName: 'Sales US' },
      { id: 'g-sales-emea', displayName: 'Sales EMEA', description: 'Europe, Middle East, Africa' },
    ],
    members: { 'g-sales': ['u-adele', 'u-adam'] },
  });
}
