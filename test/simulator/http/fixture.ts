import type {
  TenantSeed,
  SimUser,
  SimGroup,
  ExtensionAttributes,
} from '../../../src/simulator/tenant/types.ts';

export const tenantId = 'aaaaaaaa-0000-4000-8000-000000000001';
export const e3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const e5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';
export const exchangePlan = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
export const teamsPlan = '57ff2da0-773e-42df-b2af-ffb7a2317929';
export const allEmployeesId = 'group-all-employees';
export const contractorsId = 'group-contractors';
export const salesId = 'group-sales';
export const salesEmeaId = 'group-sales-emea';

const departments = ['Sales', 'Finance', 'Engineering', 'Marketing', 'Legal'];

function extensionAttributes(i: number): ExtensionAttributes {
  const attributes: ExtensionAttributes = {};
  for (let n = 1; n <= 15; n++) {
    attributes[`extensionAttribute${n}`] = null;
  }
  attributes.extensionAttribute10 = i % 2 === 0 ? 'E3 All' : 'E3 with Selected Services';
  return attributes;
}

/** User number i: ids are not GUIDs, as with the Teams App Test Tool's users. */
export function userId(i: number): string {
  return `user-${String(i).padStart(4, '0')}`;
}

/**
 * A small tenant whose numbers tests can count on: `userCount` users, five departments in turn,
 * every tenth of the first thousand without usage location, the first 40 holding E3 directly.
 * Group members that the size leaves out are left out of the groups too.
 */
export function smallTenantSeed(userCount = 250): TenantSeed {
  const users: SimUser[] = [];
  for (let i = 0; i < userCount; i++) {
    users.push({
      id: userId(i),
      userPrincipalName: `person${i}@contoso.onmicrosoft.com`,
      displayName: `Person ${i}`,
      givenName: 'Person',
      surname: String(i),
      mail: `person${i}@contoso.onmicrosoft.com`,
      department: departments[i % departments.length] ?? null,
      jobTitle: i % 25 === 0 ? 'Manager' : 'Analyst',
      city: 'Paris',
      country: 'France',
      officeLocation: null,
      usageLocation: i % 10 === 9 && i < 1000 ? null : 'FR',
      accountEnabled: i % 50 !== 49,
      createdDateTime: '2024-01-01T00:00:00Z',
      onPremisesExtensionAttributes: extensionAttributes(i),
      managerId: null,
      licenseAssignmentStates:
        i < 40
          ? [
              {
                skuId: e3,
                disabledPlans: [],
                assignedByGroup: null,
                state: 'Active',
                error: 'None',
                lastUpdatedDateTime: '2024-01-02T00:00:00Z',
              },
            ]
          : [],
    });
  }
  const exists = new Set([...users.map((u) => u.id), salesEmeaId]);
  const group = (id: string, displayName: string, memberIds: string[]): SimGroup => ({
    id,
    displayName,
    description: null,
    mailNickname: displayName.replaceAll(' ', ''),
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    createdDateTime: '2024-01-01T00:00:00Z',
    assignedLicenses: [],
    licenseProcessingState: null,
    memberIds: memberIds.filter((member) => exists.has(member)),
  });
  return {
    organization: {
      id: tenantId,
      displayName: 'Contoso',
      countryLetterCode: 'FR',
      verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: true, isInitial: true }],
    },
    skus: [
      {
        skuId: e3,
        skuPartNumber: 'SPE_E3',
        appliesTo: 'User',
        capabilityStatus: 'Enabled',
        prepaidUnits: { enabled: 100, warning: 0, suspended: 0, lockedOut: 0 },
        servicePlans: [
          {
            servicePlanId: exchangePlan,
            servicePlanName: 'EXCHANGE_S_ENTERPRISE',
            appliesTo: 'User',
          },
          { servicePlanId: teamsPlan, servicePlanName: 'TEAMS1', appliesTo: 'User' },
        ],
      },
      {
        skuId: e5,
        skuPartNumber: 'SPE_E5',
        appliesTo: 'User',
        capabilityStatus: 'Enabled',
        prepaidUnits: { enabled: 5, warning: 0, suspended: 0, lockedOut: 0 },
        servicePlans: [
          {
            servicePlanId: exchangePlan,
            servicePlanName: 'EXCHANGE_S_ENTERPRISE',
            appliesTo: 'User',
          },
        ],
      },
    ],
    users,
    groups: [
      group(
        allEmployeesId,
        'All Employees',
        users.slice(0, 150).map((u) => u.id),
      ),
      group(contractorsId, 'Contractors', [userId(200), userId(201), userId(209)]),
      group(salesId, 'Sales', [userId(0), salesEmeaId]),
      group(salesEmeaId, 'Sales EMEA', [userId(5), userId(10)]),
    ],
    planRules: [],
    monthlyPrices: { [e3]: { amount: 36, currency: 'USD' }, [e5]: { amount: 57, currency: 'USD' } },
  };
}
