import { closestMatch } from '../text/closest.ts';
import { extensionNumbers, type ExtensionAttributeName } from './rule-user.ts';

/** A user property a rule may name after `user.`, as Entra spells it. */
export type ScalarPropertyName =
  | 'department'
  | 'jobTitle'
  | 'city'
  | 'country'
  | 'usageLocation'
  | 'accountEnabled'
  | 'userPrincipalName'
  | 'mail'
  | 'displayName'
  | 'companyName'
  | 'state'
  | 'userType'
  | ExtensionAttributeName;

/** The multi-valued properties, read with `-any` and `-all`. */
export type CollectionPropertyName = 'assignedPlans' | 'proxyAddresses';

export interface RuleProperty {
  name: ScalarPropertyName | CollectionPropertyName;
  type: 'string' | 'boolean' | 'collection';
  /** The property to ask Graph for (`$select`). */
  graphField: string;
  /** A value for examples in messages. */
  example: string;
}

const text = (name: ScalarPropertyName, example: string): RuleProperty => ({
  name,
  type: 'string',
  graphField: name,
  example,
});

/**
 * The user properties previews read, from Microsoft's "Dynamic membership rules for groups in
 * Microsoft Entra ID": strings, the one boolean, the extension attributes (stored under
 * `onPremisesExtensionAttributes`), and the two collections.
 */
export const ruleProperties: readonly RuleProperty[] = [
  text('department', 'Sales'),
  text('jobTitle', 'Engineer'),
  text('city', 'London'),
  text('country', 'United Kingdom'),
  text('usageLocation', 'GB'),
  { name: 'accountEnabled', type: 'boolean', graphField: 'accountEnabled', example: 'true' },
  text('userPrincipalName', 'megan@contoso.com'),
  text('mail', 'megan@contoso.com'),
  text('displayName', 'Megan Bowen'),
  text('companyName', 'Contoso'),
  text('state', 'WA'),
  text('userType', 'Member'),
  ...extensionNumbers.map((n): RuleProperty => ({
    name: `extensionAttribute${n}`,
    type: 'string',
    graphField: 'onPremisesExtensionAttributes',
    example: 'E3 All',
  })),
  {
    name: 'assignedPlans',
    type: 'collection',
    graphField: 'assignedPlans',
    example: 'assignedPlan.capabilityStatus -eq "Enabled"',
  },
  {
    name: 'proxyAddresses',
    type: 'collection',
    graphField: 'proxyAddresses',
    example: '_ -startsWith "smtp:"',
  },
];

const byName = new Map(ruleProperties.map((property) => [property.name, property]));
const byLowerName = new Map(
  ruleProperties.map((property) => [property.name.toLowerCase(), property]),
);

/**
 * Properties Entra knows that previews do not read: named as such rather than called unknown.
 * Lower case, for comparing.
 */
const otherEntraProperties = new Set(
  [
    'dirSyncEnabled',
    'employeeHireDate',
    'employeeId',
    'facsimileTelephoneNumber',
    'givenName',
    'mailNickName',
    'memberOf',
    'mobile',
    'objectId',
    'onPremisesDistinguishedName',
    'onPremisesSecurityIdentifier',
    'otherMails',
    'passwordPolicies',
    'physicalDeliveryOfficeName',
    'postalCode',
    'preferredLanguage',
    'sipProxyAddress',
    'streetAddress',
    'surname',
    'telephoneNumber',
  ].map((name) => name.toLowerCase()),
);

const MAX_EDITS = 3;

/** What a word after `user.` names: a property, the same in the wrong case, or nothing known. */
export type PropertyLookup =
  | { kind: 'found'; property: RuleProperty }
  | { kind: 'wrongCase'; property: RuleProperty }
  | { kind: 'notPreviewed' }
  | { kind: 'unknown'; suggestion?: string };

/** Entra reads property names as written: `user.Department` is not `user.department`. */
export function lookUpProperty(word: string): PropertyLookup {
  const exact = byName.get(word as RuleProperty['name']);
  if (exact !== undefined) {
    return { kind: 'found', property: exact };
  }
  const lower = word.toLowerCase();
  const other = byLowerName.get(lower);
  if (other !== undefined) {
    return { kind: 'wrongCase', property: other };
  }
  if (otherEntraProperties.has(lower) || lower.startsWith('extension_')) {
    return { kind: 'notPreviewed' };
  }
  // Names whose length differs by more than the largest distance cannot match: not compared.
  const near = ruleProperties
    .map((property) => property.name)
    .filter((name) => Math.abs(name.length - word.length) <= MAX_EDITS);
  const suggestion = closestMatch(word, near, { maxDistance: MAX_EDITS });
  return suggestion === undefined ? { kind: 'unknown' } : { kind: 'unknown', suggestion };
}

/** The property a parsed rule names. */
export function ruleProperty(name: RuleProperty['name']): RuleProperty {
  return byName.get(name) as RuleProperty;
}
