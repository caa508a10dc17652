import { closestMatch } from '../../text/closest.ts';
import { normaliseText } from '../../text/normalise.ts';

/**
 * Whether Graph takes an operator on a property by default or only as an advanced query
 * (`ConsistencyLevel: eventual` and `$count=true`); absent when Graph refuses it.
 */
export type Support = 'default' | 'advanced';

export interface UserAttribute {
  /** The name admins type and cards show. */
  name: AttributeName;
  /** The property path in Graph's `$filter`. */
  path: string;
  type: 'string' | 'boolean';
  /** `eq` and `in`; `ne` and `not` are advanced for every property. */
  eq: Support;
  startsWith?: Support;
  endsWith?: Support;
  /** A value for examples in error messages. */
  example: string;
}

const extensionNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
type ExtensionAttributeName = `extensionAttribute${(typeof extensionNumbers)[number]}`;

export type AttributeName =
  | 'department'
  | 'usageLocation'
  | 'jobTitle'
  | 'city'
  | 'country'
  | 'accountEnabled'
  | 'companyName'
  | 'officeLocation'
  | 'state'
  | 'userType'
  | 'displayName'
  | 'userPrincipalName'
  | 'mail'
  | ExtensionAttributeName;

const indexed = (name: AttributeName, example: string): UserAttribute => ({
  name,
  path: name,
  type: 'string',
  eq: 'default',
  startsWith: 'default',
  example,
});

const address = (name: AttributeName, example: string): UserAttribute => ({
  ...indexed(name, example),
  endsWith: 'advanced',
});

/** Indexed only in Entra's advanced store: every operator needs an advanced query. */
const advancedOnly = (name: AttributeName, example: string): UserAttribute => ({
  name,
  path: name,
  type: 'string',
  eq: 'advanced',
  startsWith: 'advanced',
  example,
});

/**
 * The user attributes a filter may name, with what Graph supports on each, from the users table
 * of Microsoft's "Advanced query capabilities on Microsoft Entra ID objects": `in` goes with
 * `eq`; `ne` and `not` only in advanced queries; `endsWith` only on mail and userPrincipalName,
 * advanced; companyName, officeLocation and the extension attributes only in advanced queries,
 * and the extension attributes without `startsWith`.
 */
export const userAttributes: readonly UserAttribute[] = [
  indexed('department', 'Sales'),
  indexed('usageLocation', 'GB'),
  indexed('jobTitle', 'Engineer'),
  indexed('city', 'London'),
  indexed('country', 'United Kingdom'),
  {
    name: 'accountEnabled',
    path: 'accountEnabled',
    type: 'boolean',
    eq: 'default',
    example: 'true',
  },
  advancedOnly('companyName', 'Contoso'),
  advancedOnly('officeLocation', 'Building 1'),
  indexed('state', 'WA'),
  { name: 'userType', path: 'userType', type: 'string', eq: 'default', example: 'Member' },
  indexed('displayName', 'Megan Bowen'),
  address('userPrincipalName', 'megan@contoso.com'),
  address('mail', 'megan@contoso.com'),
  ...extensionNumbers.map((n): UserAttribute => ({
    name: `extensionAttribute${n}`,
    path: `onPremisesExtensionAttributes/extensionAttribute${n}`,
    type: 'string',
    eq: 'advanced',
    example: 'E5 All',
  })),
];

const byLowerName = new Map<string, UserAttribute>(
  userAttributes.flatMap((attribute) => [
    [attribute.name.toLowerCase(), attribute],
    [attribute.path.toLowerCase(), attribute],
  ]),
);

/** The attribute a word names, in any case; Graph's path (`onPremisesExtensionAttributes/…`) too. */
export function findAttribute(word: string): UserAttribute | undefined {
  return byLowerName.get(word.toLowerCase());
}

/** The attribute a name from a parsed filter stands for. */
export function attributeOf(name: AttributeName): UserAttribute {
  return findAttribute(name) as UserAttribute;
}

const MAX_EDITS = 3;
const nameLengths = userAttributes.map((attribute) => normaliseText(attribute.name).length);

/**
 * The known attribute closest to a mistyped word, for "did you mean". Names whose length differs
 * by more than `closestMatch`'s largest distance cannot match, so they are not compared at all.
 */
export function closestAttribute(word: string): AttributeName | undefined {
  const length = normaliseText(word).length;
  const near = userAttributes.filter(
    (_, i) => Math.abs((nameLengths[i] as number) - length) <= MAX_EDITS,
  );
  return closestMatch(
    word,
    near.map((attribute) => attribute.name),
    { maxDistance: MAX_EDITS },
  ) as AttributeName | undefined;
}
