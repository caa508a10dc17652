import { z } from 'zod';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseAssignmentState,
  Organization,
  Sku,
} from '../domain/licensing.ts';
import type { UserLicenseDetail } from '../app/ports/directory.ts';
import { readUserFast, type TextPool } from './user-record.ts';

/** The user fields License Desk reads: nothing else is asked of Graph (`$select`). */
export const USER_FIELDS = [
  'id',
  'userPrincipalName',
  'displayName',
  'mail',
  'department',
  'jobTitle',
  'city',
  'country',
  'usageLocation',
  'accountEnabled',
  'userType',
  'assignedLicenses',
  'licenseAssignmentStates',
] as const;

/** What planning a license change reads of a user: a bulk selection asks Graph for no more. */
export const LICENSING_FIELDS = [
  'id',
  'userPrincipalName',
  'displayName',
  // A user without usage location gets one from their country (`usage-location-plan.ts`).
  'country',
  'usageLocation',
  'accountEnabled',
  'userType',
  'assignedLicenses',
  'licenseAssignmentStates',
] as const;

export const GROUP_FIELDS = [
  'id',
  'displayName',
  'description',
  'securityEnabled',
  'assignedLicenses',
  'licenseProcessingState',
] as const;

const text = z.string().nullable().optional();
const assignedLicense = z.object({
  skuId: z.string(),
  disabledPlans: z.array(z.string()).default([]),
});

const licenseState = z.object({
  skuId: z.string(),
  disabledPlans: z.array(z.string()).default([]),
  assignedByGroup: z.string().nullable().default(null),
  state: z.enum(['Active', 'ActiveWithError', 'Disabled', 'Error']),
  // Graph has said both `Other` and `Others`, and `None` for no error: keep what it says.
  error: z.string().nullable().default(null),
  lastUpdatedDateTime: z.string().nullable().default(null),
});

const userRecord = z.object({
  id: z.string(),
  userPrincipalName: z.string().default(''),
  displayName: z.string().nullable().default(''),
  mail: text,
  department: text,
  jobTitle: text,
  city: text,
  country: text,
  usageLocation: text,
  accountEnabled: z.boolean().optional(),
  userType: text,
  assignedLicenses: z.array(assignedLicense).optional(),
  licenseAssignmentStates: z.array(licenseState).optional(),
});

const processingState = z.object({ state: z.string().nullable().optional() }).nullable().optional();

const groupRecord = z.object({
  id: z.string(),
  displayName: z.string().nullable().default(''),
  description: text,
  securityEnabled: z.boolean().optional(),
  assignedLicenses: z.array(assignedLicense).optional(),
  licenseProcessingState: processingState,
});

const skuRecord = z.object({
  skuId: z.string(),
  skuPartNumber: z.string(),
  appliesTo: z.string().default('User'),
  capabilityStatus: z.enum(['Enabled', 'Warning', 'Suspended', 'Deleted', 'LockedOut']),
  consumedUnits: z.number().default(0),
  prepaidUnits: z.object({
    enabled: z.number().default(0),
    warning: z.number().default(0),
    suspended: z.number().default(0),
    lockedOut: z.number().default(0),
  }),
  servicePlans: z
    .array(
      z.object({
        servicePlanId: z.string(),
        servicePlanName: z.string(),
        provisioningStatus: z.string().optional(),
        appliesTo: z.string().optional(),
      }),
    )
    .default([]),
});

const organizationRecord = z.object({
  id: z.string(),
  displayName: z.string().nullable().default(''),
  countryLetterCode: z.string().nullable().default(''),
});

const licenseDetailRecord = z.object({
  skuId: z.string(),
  skuPartNumber: z.string(),
  servicePlans: z
    .array(
      z.object({
        servicePlanId: z.string(),
        servicePlanName: z.string(),
        provisioningStatus: z.string().default('Success'),
      }),
    )
    .default([]),
});

/** A page of a Graph collection. */
export interface CollectionPage {
  value: unknown[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

/** Thrown when Graph answers 2xx with a body License Desk cannot read: a broken dependency. */
export class UnexpectedGraphResponseError extends Error {
  override readonly name = 'UnexpectedGraphResponseError';
  readonly code = 'GRAPH_UNEXPECTED_RESPONSE';
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new UnexpectedGraphResponseError(
      `Graph returned an unreadable ${what}: ${parsed.error.message}`,
    );
  }
  return parsed.data;
}

/**
 * A page of a Graph collection (its items unread): checked by hand, as a schema would copy a
 * page of 999 items only to look at two fields.
 */
export function toCollectionPage(body: unknown): CollectionPage {
  const page = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const value = page['value'];
  const nextLink = page['@odata.nextLink'];
  const count = page['@odata.count'];
  if (
    !Array.isArray(value) ||
    (nextLink !== undefined && typeof nextLink !== 'string') ||
    (count !== undefined && typeof count !== 'number')
  ) {
    throw new UnexpectedGraphResponseError(
      'Graph returned an unreadable collection page: it needs a value array, and a nextLink ' +
        'and count, when given, as a string and a number',
    );
  }
  return page as unknown as CollectionPage;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A user from Graph's JSON; a body that is not one is an `UnexpectedGraphResponseError`. A
 * listing passes one `pool` for all its users, so they share their repeated texts.
 */
export function toUser(value: unknown, pool?: TextPool): DirectoryUser {
  return readUserFast(value, pool) ?? toUserBySchema(value);
}

function toUserBySchema(value: unknown): DirectoryUser {
  const user = parse(userRecord, value, 'user');
  return dropUndefined({
    ...user,
    displayName: user.displayName ?? '',
    licenseAssignmentStates: user.licenseAssignmentStates?.map(toLicenseState),
  });
}

export function toLicenseState(state: z.infer<typeof licenseState>): LicenseAssignmentState {
  return { ...state, error: state.error as LicenseAssignmentState['error'] };
}

export function toLicenseStates(value: unknown): LicenseAssignmentState[] {
  return parse(z.array(licenseState), value, 'license state list').map(toLicenseState);
}

export function toGroup(value: unknown): DirectoryGroup {
  const group = parse(groupRecord, value, 'group');
  const state = group.licenseProcessingState?.state;
  return dropUndefined({
    ...group,
    displayName: group.displayName ?? '',
    licenseProcessingState:
      group.licenseProcessingState === undefined
        ? undefined
        : ((state ?? null) as DirectoryGroup['licenseProcessingState']),
  });
}

export function toSku(value: unknown): Sku {
  return parse(skuRecord, value, 'subscribed SKU');
}

export function toOrganization(value: unknown): Organization {
  const org = parse(organizationRecord, value, 'organization');
  return {
    tenantId: org.id,
    displayName: org.displayName ?? '',
    countryLetterCode: org.countryLetterCode ?? '',
  };
}

export function toLicenseDetail(value: unknown): UserLicenseDetail {
  return parse(licenseDetailRecord, value, 'license detail');
}

/** Whether a directory object in a mixed collection (members, memberOf) is of this type. */
export function isOfType(value: unknown, type: 'user' | 'group'): boolean {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const odataType = (value as Record<string, unknown>)['@odata.type'];
  // Without an @odata.type the collection was already cast to one type.
  return odataType === undefined || odataType === `#microsoft.graph.${type}`;
}
