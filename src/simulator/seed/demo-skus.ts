import type { PlanRule, SimServicePlan, SimSku, TenantSeed } from '../tenant/types.ts';

/**
 * Service plans with the ids of Microsoft's "Product names and service plan identifiers for
 * licensing" list. Product plan lists are trimmed to the plans admins talk about; a test holds
 * every id, part number and plan name here to the copy of that list in data/.
 */
export const PLANS = {
  EXCHANGE_S_STANDARD: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  EXCHANGE_S_ENTERPRISE: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  EXCHANGE_S_DESKLESS: '4a82b400-a79f-41a4-b4e2-e94f5787b113',
  EXCHANGE_S_FOUNDATION: '113feb6c-3fe4-4440-bddc-54d774bf0318',
  SHAREPOINTSTANDARD: 'c7699d2e-19aa-44de-8edf-1736da088ca1',
  SHAREPOINTENTERPRISE: '5dbe027f-2339-4123-9542-606e4d348a72',
  SHAREPOINTDESKLESS: '902b47e5-dcb2-4fdc-858b-c63a90a2bdb9',
  SHAREPOINTWAC: 'e95bec33-7c88-4a70-8e19-b10bd9d0c014',
  TEAMS1: '57ff2da0-773e-42df-b2af-ffb7a2317929',
  MCOSTANDARD: '0feaeb32-d00e-4d66-bd5a-43b5b83db82c',
  MCOIMP: 'afc06cb0-b4f4-4473-8286-d644f70d8faf',
  MCOEV: '4828c8ec-dc2e-4779-b502-87ac9ce28ab7',
  MCOMEETADV: '3e26ee1f-8a5f-4d52-aee2-b81ce45c8f40',
  OFFICESUBSCRIPTION: '43de0ff5-c92c-492b-9116-175376d08c38',
  OFFICE_BUSINESS: '094e7854-93fc-4d55-b2c0-3ab5369ebdc1',
  INTUNE_A: 'c1ec4a95-1f05-45b3-a911-aa3fa01094f5',
  AAD_PREMIUM: '41781fb2-bc02-4b7c-bd55-b576c07bb09d',
  AAD_PREMIUM_P2: 'eec0eb4f-6444-4f95-aba0-50c24d67f998',
  MFA_PREMIUM: '8a256a2b-b617-496d-b51b-e76466e88db0',
  RMS_S_ENTERPRISE: 'bea4c11e-220a-4e6d-8eb8-8ea15d019f90',
  RMS_S_PREMIUM: '6c57d4b6-3b23-47a5-9bc9-69f17b4947b3',
  BI_AZURE_P2: '70d33638-9c74-4d01-bfd3-562de28bd4ba',
  THREAT_INTELLIGENCE: '8e0c0a52-6a6c-4d40-8370-dd62790dcd70',
  WINDEFATP: '871d91ec-ec1a-452b-a83f-bd76c7d770ef',
  FORMS_PLAN_E1: '159f4cd6-e380-449f-a816-af1a9ef76344',
  FORMS_PLAN_E3: '2789c901-c14e-48ab-a76a-be334d9d793a',
  FORMS_PLAN_E5: 'e212cbc7-0961-4c40-9825-01117710dcb1',
  SWAY: 'a23b959c-7ce8-4e57-9140-b90eb88a9e97',
  YAMMER_ENTERPRISE: '7547a3fe-08ee-4ccb-b430-5077c5041653',
  PROJECTWORKMANAGEMENT: 'b737dad2-2f6c-4c65-90e3-ca563267e8b9',
  PROJECT_PROFESSIONAL: '818523f5-016b-4355-9be8-ed6944946ea7',
  SHAREPOINT_PROJECT: 'fe71d6c3-a2ea-4499-9778-da042bf08063',
  VISIO_CLIENT_SUBSCRIPTION: '663a804f-1c30-4ff0-9915-9db84f0d1cea',
} as const;

type PlanName = keyof typeof PLANS;

/** The products the demo tenants subscribe to, by part number. */
export const SKUS = {
  SPE_E3: '05e9a617-0261-4cee-bb44-138d3ef5d965',
  SPE_E5: '06ebc4ee-1bb5-47dd-8120-11324bc54e06',
  ENTERPRISEPACK: '6fd2c87f-b296-42f0-b197-1e91e994b900',
  ENTERPRISEPREMIUM: 'c7df2760-2c81-4ef7-b578-5b5392b571df',
  STANDARDPACK: '18181a46-0d4e-45cd-891e-60aabd171b4e',
  EXCHANGESTANDARD: '4b9405b0-7788-4568-add1-99614e613b69',
  EXCHANGEENTERPRISE: '19ec0d23-8335-4cbd-94ac-6050e30712fa',
  POWER_BI_PRO: 'f8a1db68-be16-40ed-86d5-cb42ce701560',
  SPE_F1: '66b55226-6b4f-492c-910c-a3b7a3c9d993',
  PROJECTPROFESSIONAL: '53818b1b-4a27-454b-8896-0dba576410e6',
  SPB: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46',
  /** Visio Plan 2: Fabrikam's, not the demo's. */
  VISIOCLIENT: 'c5928f49-12ba-48f7-ada3-0d743a3601d5',
} as const;

export type SkuName = keyof typeof SKUS;

const O365_E3: PlanName[] = [
  'EXCHANGE_S_ENTERPRISE',
  'SHAREPOINTENTERPRISE',
  'SHAREPOINTWAC',
  'TEAMS1',
  'MCOSTANDARD',
  'OFFICESUBSCRIPTION',
  'RMS_S_ENTERPRISE',
  'FORMS_PLAN_E3',
  'SWAY',
  'YAMMER_ENTERPRISE',
  'PROJECTWORKMANAGEMENT',
];
const E5_EXTRAS: PlanName[] = ['MCOEV', 'MCOMEETADV', 'BI_AZURE_P2', 'THREAT_INTELLIGENCE'];
const EMS_E3: PlanName[] = ['INTUNE_A', 'AAD_PREMIUM', 'MFA_PREMIUM'];
const swapForms = (plans: PlanName[]) =>
  plans.map((plan): PlanName => (plan === 'FORMS_PLAN_E3' ? 'FORMS_PLAN_E5' : plan));

const PRODUCT_PLANS: Record<SkuName, PlanName[]> = {
  SPE_E3: [...O365_E3, ...EMS_E3],
  SPE_E5: [
    ...swapForms(O365_E3),
    ...EMS_E3,
    'AAD_PREMIUM_P2',
    'RMS_S_PREMIUM',
    'WINDEFATP',
    ...E5_EXTRAS,
  ],
  ENTERPRISEPACK: O365_E3,
  ENTERPRISEPREMIUM: [...swapForms(O365_E3), ...E5_EXTRAS],
  STANDARDPACK: [
    'EXCHANGE_S_STANDARD',
    'SHAREPOINTSTANDARD',
    'SHAREPOINTWAC',
    'TEAMS1',
    'MCOSTANDARD',
    'FORMS_PLAN_E1',
    'SWAY',
    'YAMMER_ENTERPRISE',
    'PROJECTWORKMANAGEMENT',
  ],
  EXCHANGESTANDARD: ['EXCHANGE_S_STANDARD'],
  EXCHANGEENTERPRISE: ['EXCHANGE_S_ENTERPRISE'],
  POWER_BI_PRO: ['BI_AZURE_P2', 'EXCHANGE_S_FOUNDATION'],
  SPE_F1: [
    'EXCHANGE_S_DESKLESS',
    'SHAREPOINTDESKLESS',
    'SHAREPOINTWAC',
    'TEAMS1',
    'MCOIMP',
    'INTUNE_A',
    'AAD_PREMIUM',
    'SWAY',
  ],
  PROJECTPROFESSIONAL: ['PROJECT_PROFESSIONAL', 'SHAREPOINT_PROJECT', 'EXCHANGE_S_FOUNDATION'],
  SPB: [
    'EXCHANGE_S_STANDARD',
    'SHAREPOINTSTANDARD',
    'SHAREPOINTWAC',
    'TEAMS1',
    'MCOSTANDARD',
    'OFFICE_BUSINESS',
    'INTUNE_A',
    'AAD_PREMIUM',
  ],
  VISIOCLIENT: ['VISIO_CLIENT_SUBSCRIPTION', 'EXCHANGE_S_FOUNDATION'],
};

/** A SKU as the tenant holds it, with `enabled` seats bought. */
export function demoSku(name: SkuName, enabled: number): SimSku {
  return {
    skuId: SKUS[name],
    skuPartNumber: name,
    appliesTo: 'User',
    capabilityStatus: 'Enabled',
    prepaidUnits: { enabled, warning: 0, suspended: 0, lockedOut: 0 },
    servicePlans: PRODUCT_PLANS[name].map((plan): SimServicePlan => ({
      servicePlanId: PLANS[plan],
      servicePlanName: plan,
      appliesTo: 'User',
    })),
  };
}

/** USD list prices per user per month (annual commitment), for cost previews. */
export const MONTHLY_PRICES: TenantSeed['monthlyPrices'] = Object.fromEntries(
  (
    [
      ['SPE_E3', 36],
      ['SPE_E5', 57],
      ['ENTERPRISEPACK', 23],
      ['ENTERPRISEPREMIUM', 38],
      ['STANDARDPACK', 10],
      ['EXCHANGESTANDARD', 4],
      ['EXCHANGEENTERPRISE', 8],
      ['POWER_BI_PRO', 14],
      ['SPE_F1', 8],
      ['PROJECTPROFESSIONAL', 30],
      ['SPB', 22],
    ] as const
  ).map(([name, amount]) => [SKUS[name], { amount, currency: 'USD' }]),
);

/**
 * Conflicts and dependencies as data (Microsoft keeps no machine-readable list): Exchange standard
 * variants exclude each other; Office for the web needs a SharePoint plan; Audio Conferencing and
 * Teams Phone need Skype for Business Online.
 */
export const PLAN_RULES: PlanRule[] = [
  { kind: 'mutuallyExclusive', planIds: [PLANS.EXCHANGE_S_STANDARD, PLANS.EXCHANGE_S_ENTERPRISE] },
  { kind: 'mutuallyExclusive', planIds: [PLANS.EXCHANGE_S_DESKLESS, PLANS.EXCHANGE_S_ENTERPRISE] },
  { kind: 'mutuallyExclusive', planIds: [PLANS.EXCHANGE_S_DESKLESS, PLANS.EXCHANGE_S_STANDARD] },
  {
    kind: 'dependsOn',
    planId: PLANS.SHAREPOINTWAC,
    requiresAnyOf: [PLANS.SHAREPOINTENTERPRISE, PLANS.SHAREPOINTSTANDARD, PLANS.SHAREPOINTDESKLESS],
  },
  { kind: 'dependsOn', planId: PLANS.MCOMEETADV, requiresAnyOf: [PLANS.MCOSTANDARD] },
  { kind: 'dependsOn', planId: PLANS.MCOEV, requiresAnyOf: [PLANS.MCOSTANDARD] },
];
