/**
 * Which properties Graph returns for a resource: its default set when there is no `$select`,
 * exactly the selected ones otherwise. Some properties (licenses, usage location, department…)
 * are returned only when selected, as on graph.microsoft.com.
 */
export interface ResourceShape {
  /** OData type name, e.g. 'user' (for `#microsoft.graph.user` and error messages). */
  type: string;
  /** Every property a client may `$select`, in Graph's casing, with its value when absent. */
  properties: Readonly<Record<string, unknown>>;
  /** The properties returned without `$select`, in Graph's order. */
  defaults: readonly string[];
  /** Selectable but never returned (e.g. a group's `hasMembersWithLicenseErrors`). */
  neverReturned?: readonly string[];
}

const nullable = null;

/** Graph v1.0 user: the default set is the eleven documented properties. */
export const userShape: ResourceShape = {
  type: 'user',
  properties: {
    id: nullable,
    businessPhones: [],
    displayName: nullable,
    givenName: nullable,
    jobTitle: nullable,
    mail: nullable,
    mobilePhone: nullable,
    officeLocation: nullable,
    preferredLanguage: nullable,
    surname: nullable,
    userPrincipalName: nullable,
    accountEnabled: nullable,
    assignedLicenses: [],
    assignedPlans: [],
    licenseAssignmentStates: [],
    usageLocation: nullable,
    department: nullable,
    city: nullable,
    country: nullable,
    companyName: nullable,
    createdDateTime: nullable,
    employeeId: nullable,
    mailNickname: nullable,
    onPremisesExtensionAttributes: nullable,
    otherMails: [],
    postalCode: nullable,
    proxyAddresses: [],
    state: nullable,
    streetAddress: nullable,
    userType: 'Member',
  },
  defaults: [
    'businessPhones',
    'displayName',
    'givenName',
    'jobTitle',
    'mail',
    'mobilePhone',
    'officeLocation',
    'preferredLanguage',
    'surname',
    'userPrincipalName',
    'id',
  ],
};

/** Graph v1.0 group: the default set of Microsoft's List groups example; licenses and processing state only with `$select`. */
export const groupShape: ResourceShape = {
  type: 'group',
  properties: {
    id: nullable,
    deletedDateTime: nullable,
    classification: nullable,
    createdDateTime: nullable,
    creationOptions: [],
    description: nullable,
    displayName: nullable,
    expirationDateTime: nullable,
    groupTypes: [],
    isAssignableToRole: nullable,
    mail: nullable,
    mailEnabled: nullable,
    mailNickname: nullable,
    membershipRule: nullable,
    membershipRuleProcessingState: nullable,
    onPremisesLastSyncDateTime: nullable,
    onPremisesSecurityIdentifier: nullable,
    onPremisesSyncEnabled: nullable,
    preferredDataLocation: nullable,
    preferredLanguage: nullable,
    proxyAddresses: [],
    renewedDateTime: nullable,
    resourceBehaviorOptions: [],
    resourceProvisioningOptions: [],
    securityEnabled: nullable,
    theme: nullable,
    visibility: nullable,
    onPremisesProvisioningErrors: [],
    assignedLicenses: [],
    licenseProcessingState: nullable,
    hasMembersWithLicenseErrors: nullable,
  },
  defaults: [
    'id',
    'deletedDateTime',
    'classification',
    'createdDateTime',
    'creationOptions',
    'description',
    'displayName',
    'expirationDateTime',
    'groupTypes',
    'isAssignableToRole',
    'mail',
    'mailEnabled',
    'mailNickname',
    'membershipRule',
    'membershipRuleProcessingState',
    'onPremisesLastSyncDateTime',
    'onPremisesSecurityIdentifier',
    'onPremisesSyncEnabled',
    'preferredDataLocation',
    'preferredLanguage',
    'proxyAddresses',
    'renewedDateTime',
    'resourceBehaviorOptions',
    'resourceProvisioningOptions',
    'securityEnabled',
    'theme',
    'visibility',
    'onPremisesProvisioningErrors',
  ],
  neverReturned: ['hasMembersWithLicenseErrors'],
};

const deviceProperties: Readonly<Record<string, unknown>> = {
  id: nullable,
  deletedDateTime: nullable,
  accountEnabled: nullable,
  approximateLastSignInDateTime: nullable,
  complianceExpirationDateTime: nullable,
  deviceId: nullable,
  deviceOwnership: nullable,
  displayName: nullable,
  isCompliant: nullable,
  isManaged: nullable,
  manufacturer: nullable,
  model: nullable,
  operatingSystem: nullable,
  operatingSystemVersion: nullable,
  physicalIds: [],
  profileType: nullable,
  registrationDateTime: nullable,
  systemLabels: [],
  trustType: nullable,
};

/** Graph v1.0 device (a member of groups, never a user): every property by default. */
export const deviceShape: ResourceShape = {
  type: 'device',
  properties: deviceProperties,
  defaults: Object.keys(deviceProperties),
};

const orgContactProperties: Readonly<Record<string, unknown>> = {
  id: nullable,
  deletedDateTime: nullable,
  addresses: [],
  companyName: nullable,
  department: nullable,
  displayName: nullable,
  givenName: nullable,
  jobTitle: nullable,
  mail: nullable,
  mailNickname: nullable,
  onPremisesLastSyncDateTime: nullable,
  onPremisesSyncEnabled: nullable,
  phones: [],
  proxyAddresses: [],
  surname: nullable,
};

/** Graph v1.0 orgContact (an organisational contact): every property by default. */
export const orgContactShape: ResourceShape = {
  type: 'orgContact',
  properties: orgContactProperties,
  defaults: Object.keys(orgContactProperties),
};

/** Graph v1.0 licenseDetails (`GET /users/{id}/licenseDetails`). */
export const licenseDetailsShape: ResourceShape = {
  type: 'licenseDetails',
  properties: { id: nullable, skuId: nullable, skuPartNumber: nullable, servicePlans: [] },
  defaults: ['id', 'skuId', 'skuPartNumber', 'servicePlans'],
};

/** A `$select` resolved against one or more shapes: Graph-cased names, in the client's order. */
export type Selection = readonly string[] | undefined;

/**
 * Resolves `$select` names case-insensitively against the shapes. Returns the unknown name
 * instead when one is not a property of any shape (Graph answers 400 for it).
 */
export function resolveSelect(
  raw: string | undefined,
  shapes: readonly ResourceShape[],
): { ok: true; selection: Selection } | { ok: false; unknown: string; type: string } {
  if (raw === undefined || raw.trim() === '') {
    return { ok: true, selection: undefined };
  }
  const names: string[] = [];
  for (const part of raw.split(',')) {
    const wanted = part.trim();
    if (wanted === '' || wanted === '*') {
      continue;
    }
    const canonical = canonicalName(wanted, shapes);
    if (canonical === undefined) {
      return { ok: false, unknown: wanted, type: shapes[0]?.type ?? 'entity' };
    }
    if (!names.includes(canonical)) {
      names.push(canonical);
    }
  }
  return { ok: true, selection: names.length > 0 ? names : undefined };
}

function canonicalName(wanted: string, shapes: readonly ResourceShape[]): string | undefined {
  const lower = wanted.toLowerCase();
  for (const shape of shapes) {
    const found = Object.keys(shape.properties).find((name) => name.toLowerCase() === lower);
    if (found !== undefined) {
      return found;
    }
  }
  return undefined;
}

/**
 * The JSON Graph returns for one resource: only the selected properties (or the default set),
 * absent values as the shape's default, never-returned properties dropped.
 */
export function project(
  resource: Readonly<Record<string, unknown>>,
  shape: ResourceShape,
  selection: Selection,
): Record<string, unknown> {
  const names = selection ?? shape.defaults;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (shape.neverReturned?.includes(name) || !(name in shape.properties)) {
      continue;
    }
    const value = resource[name];
    out[name] = value === undefined ? shape.properties[name] : value;
  }
  return out;
}
