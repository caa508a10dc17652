import {
  allAdvanced,
  flag,
  ordered,
  text,
  type CollectionProperty,
  type FilterSchema,
  type Ops,
  type ScalarProperty,
  type Support,
} from './schema-types.ts';

/**
 * Users, from the property table of "Advanced query capabilities on Microsoft Entra ID objects"
 * and the user resource page. Properties the simulator does not hold read as null.
 */

/** Indexed only in the advanced store: every operator needs the advanced parameters. */
function advancedText(nullValues: Support | null = 'advanced'): ScalarProperty {
  return {
    kind: 'scalar',
    type: 'string',
    operators: { ...allAdvanced, ge: 'advanced', le: 'advanced', startsWith: 'advanced' },
    ...(nullValues ? { nullValues } : {}),
  };
}

/** A list of strings (`proxyAddresses`): filtered through `any(p: p eq …)` or `startswith(p, …)`. */
function strings(operators: Ops): CollectionProperty {
  return {
    kind: 'collection',
    any: 'default',
    not: 'advanced',
    element: { '': { kind: 'scalar', type: 'string', operators } },
  };
}

const searchable: Ops = { eq: 'default', startsWith: 'default' };

const extensionAttributes = Object.fromEntries(
  Array.from({ length: 15 }, (_, i) => [
    `onPremisesExtensionAttributes/extensionAttribute${i + 1}`,
    { kind: 'scalar', type: 'string', operators: allAdvanced } satisfies ScalarProperty,
  ]),
);

export const userFilterSchema: FilterSchema = {
  resource: 'User',
  entityType: 'microsoft.graph.user',
  properties: {
    id: text({ in: 'default' }, null),
    accountEnabled: flag({ ge: 'advanced', le: 'advanced' }),
    city: text(ordered),
    country: text(ordered),
    department: text(ordered),
    displayName: text({ startsWith: 'default' }),
    givenName: text(ordered),
    surname: text(ordered),
    jobTitle: text(ordered),
    mail: text({ ...ordered, endsWith: 'advanced' }),
    mailNickname: text(ordered),
    userPrincipalName: text({ ...ordered, endsWith: 'advanced' }, null),
    usageLocation: text(ordered),
    userType: text(),
    state: text(ordered),
    employeeId: text({ startsWith: 'default', le: 'advanced' }),
    onPremisesUserPrincipalName: text(ordered, null),
    onPremisesSecurityIdentifier: text(),
    onPremisesSyncEnabled: flag(),
    companyName: advancedText(),
    employeeType: advancedText(null),
    mobilePhone: advancedText(),
    postalCode: advancedText(),
    preferredLanguage: advancedText(),
    streetAddress: advancedText(),
    onPremisesSamAccountName: advancedText(null),
    onPremisesImmutableId: { ...advancedText(null), operators: allAdvanced },
    proxyAddresses: strings({ ...searchable, endsWith: 'advanced' }),
    otherMails: strings({ ...searchable, endsWith: 'advanced' }),
    imAddresses: strings(searchable),
    businessPhones: strings({ eq: 'default' }),
    officeLocation: advancedText(),
    createdDateTime: {
      kind: 'scalar',
      type: 'dateTime',
      operators: {
        eq: 'default',
        ne: 'advanced',
        not: 'advanced',
        ge: 'default',
        le: 'default',
        in: 'advanced',
      },
    },
    ...extensionAttributes,
    assignedLicenses: {
      kind: 'collection',
      any: 'default',
      not: 'advanced',
      count: 'advanced',
      element: { skuId: { kind: 'scalar', type: 'guid', operators: { eq: 'default' } } },
    },
    assignedPlans: {
      kind: 'collection',
      any: 'default',
      not: 'advanced',
      element: {
        servicePlanId: { kind: 'scalar', type: 'guid', operators: { eq: 'default' } },
        capabilityStatus: { kind: 'scalar', type: 'string', operators: { eq: 'default' } },
        service: { kind: 'scalar', type: 'string', operators: { eq: 'default' } },
      },
    },
  },
  unfilterable: [
    'licenseAssignmentStates',
    'onPremisesExtensionAttributes',
    'aboutMe',
    'birthday',
    'hireDate',
    'interests',
    'mySite',
    'pastProjects',
    'responsibilities',
    'schools',
    'skills',
  ],
};
