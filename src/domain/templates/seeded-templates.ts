import type { LicenseTemplate } from './license-template.ts';

/**
 * The templates every tenant starts with. Plans are named by `servicePlanName`, which is the
 * same in every tenant; `seedTemplates` (app) stamps `knownPlans` from the tenant's SKUs.
 */
export const seededTemplates: readonly LicenseTemplate[] = [
  {
    id: 'standard-employee',
    name: 'Standard Employee',
    description:
      'Microsoft 365 E3 with Teams, Exchange, SharePoint and the Office apps, and Power BI Pro.',
    licenses: [
      {
        skuPartNumber: 'SPE_E3',
        enabledPlans: [
          'TEAMS1',
          'EXCHANGE_S_ENTERPRISE',
          'SHAREPOINTENTERPRISE',
          'SHAREPOINTWAC',
          'OFFICESUBSCRIPTION',
          'MCOSTANDARD',
          'INTUNE_A',
          'AAD_PREMIUM',
        ],
      },
      { skuPartNumber: 'POWER_BI_PRO', enabledPlans: 'all' },
    ],
  },
  {
    id: 'executive',
    name: 'Executive',
    description: 'Microsoft 365 E5 and Planner and Project Plan 3, everything on.',
    licenses: [
      { skuPartNumber: 'SPE_E5', enabledPlans: 'all' },
      { skuPartNumber: 'PROJECTPROFESSIONAL', enabledPlans: 'all' },
    ],
  },
  {
    id: 'frontline-worker',
    name: 'Frontline Worker',
    description: 'Microsoft 365 F3.',
    licenses: [{ skuPartNumber: 'SPE_F1', enabledPlans: 'all' }],
  },
  {
    id: 'email-only',
    name: 'Email Only',
    description: 'Exchange Online (Plan 1).',
    licenses: [{ skuPartNumber: 'EXCHANGESTANDARD', enabledPlans: 'all' }],
  },
];
