import {
  advancedText,
  flag,
  startsWith,
  text,
  type CollectionProperty,
  type FilterSchema,
  type Ops,
  type ScalarProperty,
} from './schema-types.ts';

/**
 * Users, from the per-property table of Microsoft's "Advanced query capabilities on Microsoft
 * Entra ID objects" (eq, startsWith, ge, le, null) and its general rules: `in` goes with `eq`;
 * `ne` and `not` only in advanced queries; `endsWith` only on mail, otherMails,
 * userPrincipalName and proxyAddresses, advanced. String lists come from the user resource page.
 * Properties the simulator does not hold read as null.
 */

/** A list of strings (`proxyAddresses`): filtered through `any(p: p eq …)` or `startswith(p, …)`. */
function strings(operators: Ops): CollectionProperty {
  return {
    kind: 'collection',
    any: 'default',
    not: 'advanced',
    count: 'advanced',
    element: { '': { kind: 'scalar', type: 'string', operators } },
  };
}

const advancedGuid: ScalarProperty = {
  kind: 'scalar',
  type: 'guid',
  operators: { eq: 'advanced' },
};
const advancedString: ScalarProperty = {
  kind: 'scalar',
  type: 'string',
  operators: { eq: 'advanced' },
};

const extensionAttributes = Object.fromEntries(
  Array.from({ length: 15 }, (_, i) => [
    `onPremisesExtensionAttributes/extensionAttribute${i + 1}`,
    advancedText({}),
  ]),
);

export const userFilterSchema: FilterSchema = {
  resource: 'User',
  entityType: 'microsoft.graph.user',
  properties: {
    id: text({}, null),
    accountEnabled: flag(),
    userPrincipalName: text({ ...startsWith, endsWith: 'advanced' }, null),
    displayName: text(startsWith),
    givenName: text(startsWith),
    surname: text(startsWith),
    mail: text({ ...startsWith, endsWith: 'advanced' }),
    mailNickname: text(startsWith),
    department: text(startsWith),
    jobTitle: text(startsWith),
    city: text(startsWith),
    state: text(startsWith),
    country: text(startsWith),
    usageLocation: text(startsWith),
    userType: text(),
    employeeId: text(),
    creationType: text({}, null),
    onPremisesImmutableId: text({}, null),
    onPremisesSyncEnabled: flag('advanced'),
    companyName: advancedText(),
    officeLocation: advancedText(),
    mobilePhone: advancedText(),
    faxNumber: advancedText(),
    postalCode: advancedText(),
    streetAddress: advancedText(),
    preferredLanguage: advancedText(),
    onPremisesSamAccountName: advancedText(undefined, null),
    employeeType: advancedText({}, null),
    createdDateTime: {
      kind: 'scalar',
      type: 'dateTime',
      operators: {
        eq: 'advanced',
        ne: 'advanced',
        not: 'advanced',
        in: 'advanced',
        ge: 'advanced',
        le: 'advanced',
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
      any: 'advanced',
      not: 'advanced',
      element: {
        servicePlanId: advancedGuid,
        capabilityStatus: advancedString,
        service: advancedString,
      },
    },
    proxyAddresses: strings({ eq: 'default', startsWith: 'default', endsWith: 'advanced' }),
    otherMails: strings({ eq: 'default', startsWith: 'default', endsWith: 'advanced' }),
    imAddresses: strings({ eq: 'default', startsWith: 'default' }),
    businessPhones: strings({ eq: 'default' }),
  },
  unfilterable: [
    'licenseAssignmentStates',
    'onPremisesExtensionAttributes',
    'onPremisesSecurityIdentifier',
    'onPremisesUserPrincipalName',
    'passwordPolicies',
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
