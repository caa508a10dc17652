/**
 * Which properties Entra ID lets `$filter` use, with which operators, and whether each works by
 * default or only as an *advanced query* (`ConsistencyLevel: eventual` and `$count=true`).
 * Source: Microsoft's "Advanced query capabilities on Microsoft Entra ID objects" property table
 * and the user/group resource pages. Where the two disagree the resource page wins, since it is
 * the newer text (e.g. `jobTitle` supports `startsWith`).
 */

export type Support = 'default' | 'advanced';
export type ScalarOperator = 'eq' | 'ne' | 'not' | 'in' | 'ge' | 'le' | 'startsWith' | 'endsWith';
export type ScalarType = 'string' | 'boolean' | 'guid' | 'dateTime';

export interface ScalarProperty {
  kind: 'scalar';
  type: ScalarType;
  operators: Partial<Record<ScalarOperator, Support>>;
  /** `eq null` / `ne null`; absent when the property cannot be filtered on null. */
  nullValues?: Support;
  /** Graph refuses this property in a request that carries the advanced query parameters. */
  rejectsAdvancedQuery?: boolean;
}

export interface CollectionProperty {
  kind: 'collection';
  /** `prop/any(x: …)`. */
  any: Support;
  /** `not prop/any(x: …)`. */
  not: Support;
  /** `prop/$count eq n`; absent when counting is not supported. */
  count?: Support;
  /** Filterable properties of each element; the key `''` is the element itself (string lists). */
  element: Record<string, ScalarProperty>;
}

export interface FilterSchema {
  /** The resource name Graph uses in its errors: `User`, `Group`. */
  resource: string;
  /** The OData type Graph names when a property is unknown: `microsoft.graph.user`. */
  entityType: string;
  properties: Record<string, ScalarProperty | CollectionProperty>;
  /** Real properties of the resource that `$filter` cannot use (unsupported, not unknown). */
  unfilterable: readonly string[];
}

type Ops = Partial<Record<ScalarOperator, Support>>;

/** Directory strings: `eq`, `in` and `startsWith` by default, negations only as advanced queries. */
const text = (extra: Ops = {}, nullValues: Support | null = 'advanced'): ScalarProperty => ({
  kind: 'scalar',
  type: 'string',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default', ...extra },
  ...(nullValues ? { nullValues } : {}),
});
const ordered: Ops = { ge: 'default', le: 'default', startsWith: 'default' };
const flag = (extra: Ops = {}): ScalarProperty => ({
  kind: 'scalar',
  type: 'boolean',
  operators: { eq: 'default', ne: 'advanced', not: 'advanced', in: 'default', ...extra },
});
const allAdvanced: Ops = { eq: 'advanced', ne: 'advanced', not: 'advanced', in: 'advanced' };

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
    officeLocation: {
      kind: 'scalar',
      type: 'string',
      operators: { ...allAdvanced, ge: 'advanced', le: 'advanced', startsWith: 'advanced' },
      nullValues: 'advanced',
    },
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
    'businessPhones',
    'preferredLanguage',
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

export const groupFilterSchema: FilterSchema = {
  resource: 'Group',
  entityType: 'microsoft.graph.group',
  properties: {
    id: text({}, null),
    displayName: text(ordered),
    description: text(ordered),
    mailNickname: text(ordered),
    mail: text({ ...ordered, endsWith: 'advanced' }),
    securityEnabled: flag(),
    mailEnabled: flag(),
    hasMembersWithLicenseErrors: {
      kind: 'scalar',
      type: 'boolean',
      operators: { eq: 'default' },
      rejectsAdvancedQuery: true,
    },
    groupTypes: {
      kind: 'collection',
      any: 'default',
      not: 'advanced',
      count: 'advanced',
      element: { '': { kind: 'scalar', type: 'string', operators: { eq: 'default' } } },
    },
  },
  // Graph documents createdDateTime as filterable on groups, yet answers "Unsupported" even in an
  // advanced query (the advanced-queries page shows exactly that response).
  unfilterable: ['createdDateTime', 'assignedLicenses', 'licenseProcessingState', 'visibility'],
};
