/** Graph views of a few users, shaped as the tenant's `userResource` returns them. */

export const E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const E5 = '06ebc4ee-1bb5-47dd-8120-11324bc54e06';

function user(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'id',
    userPrincipalName: 'someone@contoso.onmicrosoft.com',
    displayName: 'Someone',
    givenName: null,
    surname: null,
    mail: null,
    department: null,
    jobTitle: null,
    city: null,
    country: null,
    officeLocation: null,
    usageLocation: null,
    accountEnabled: true,
    createdDateTime: '2024-01-15T09:00:00Z',
    onPremisesExtensionAttributes: Object.fromEntries(
      Array.from({ length: 15 }, (_, i) => [`extensionAttribute${i + 1}`, null]),
    ),
    assignedLicenses: [],
    assignedPlans: [],
    ...overrides,
  };
}

export const alex = user({
  id: '00000000-0000-0000-0000-0000000000020',
  userPrincipalName: 'AlexW@contoso.onmicrosoft.com',
  displayName: 'Alex Wilber',
  givenName: 'Alex',
  surname: 'Wilber',
  mail: 'AlexW@contoso.onmicrosoft.com',
  department: 'Sales',
  jobTitle: 'Sales Manager',
  city: 'Seattle',
  country: 'United States',
  usageLocation: 'US',
  onPremisesExtensionAttributes: { extensionAttribute10: 'E3 All' },
  assignedLicenses: [{ skuId: E3, disabledPlans: [] }],
});

export const megan = user({
  id: '00000000-0000-0000-0000-0000000000021',
  userPrincipalName: 'MeganB@contoso.onmicrosoft.com',
  displayName: "Megan O'Bowen",
  mail: 'MeganB@contoso.onmicrosoft.com',
  department: 'IT',
  jobTitle: 'License Administrator',
  city: 'Redmond',
  country: 'United States',
  usageLocation: 'US',
  createdDateTime: '2021-06-01T00:00:00Z',
  assignedLicenses: [
    { skuId: E3, disabledPlans: [] },
    { skuId: E5, disabledPlans: [] },
  ],
});

export const lynne = user({
  id: '00000000-0000-0000-0000-0000000000025',
  userPrincipalName: 'LynneR@contoso.onmicrosoft.com',
  displayName: 'Lynne Robbins',
  department: 'sales',
  jobTitle: 'Intern',
  accountEnabled: false,
  city: 'Paris',
  country: 'France',
});

export const everyone = [alex, megan, lynne];
