import { normaliseCountryCode } from './country-codes.ts';
import { badRequest, failure, success } from './graph-errors.ts';
import type { Outcome, SimUser } from './types.ts';

type TextProperty =
  | 'displayName'
  | 'givenName'
  | 'surname'
  | 'department'
  | 'jobTitle'
  | 'city'
  | 'country'
  | 'officeLocation'
  | 'mail';

const TEXT: readonly string[] = [
  'displayName',
  'givenName',
  'surname',
  'department',
  'jobTitle',
  'city',
  'country',
  'officeLocation',
  'mail',
] satisfies TextProperty[];

const READ_ONLY: readonly string[] = [
  'id',
  'createdDateTime',
  'assignedLicenses',
  'assignedPlans',
  'licenseAssignmentStates',
  // Graph holds proxy addresses read-only: the admin centre and Exchange change them.
  'proxyAddresses',
];

const invalid = (property: string) =>
  failure<Partial<SimUser>>(
    badRequest(`Invalid value specified for property '${property}' of resource 'User'.`),
  );

/**
 * The changes a `PATCH /users/{id}` body makes, checked like Graph: `usageLocation` must be an
 * ISO 3166-1 alpha-2 code (stored upper case), unknown and read-only properties are refused.
 */
export function parseUserPatch(patch: unknown): Outcome<Partial<SimUser>> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    return failure(badRequest('Empty Payload. JSON content expected.'));
  }
  const changes: Partial<SimUser> = {};
  for (const [property, value] of Object.entries(patch)) {
    if (property === 'usageLocation') {
      if (value === null) {
        changes.usageLocation = null;
      } else {
        const code = typeof value === 'string' ? normaliseCountryCode(value) : undefined;
        if (code === undefined) {
          return invalid(property);
        }
        changes.usageLocation = code;
      }
    } else if (property === 'userType') {
      if (value === 'Member' || value === 'Guest') {
        changes.userType = value === 'Guest' ? 'Guest' : 'Member';
      } else {
        return invalid(property);
      }
    } else if (property === 'accountEnabled') {
      if (typeof value !== 'boolean') {
        return invalid(property);
      }
      changes.accountEnabled = value;
    } else if (TEXT.includes(property)) {
      if (value !== null && typeof value !== 'string') {
        return invalid(property);
      }
      if (property === 'displayName' && (value === null || value === '')) {
        return invalid(property);
      }
      changes[property as TextProperty] = value as string;
    } else if (READ_ONLY.includes(property)) {
      return failure(badRequest(`Property '${property}' is read-only and cannot be set.`));
    } else {
      return failure(
        badRequest(
          `Property '${property}' does not exist as a declared property or extension property.`,
        ),
      );
    }
  }
  return success(changes);
}
