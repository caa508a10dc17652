/**
 * The simulated tenant's data, shaped like Graph v1.0 resources. The simulator stands alone (it
 * imports nothing of License Desk), so it keeps its own types.
 */

export interface SimServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  /** 'User' or 'Company', as Graph's servicePlanInfo.appliesTo. */
  appliesTo: string;
}

export interface SimPrepaidUnits {
  enabled: number;
  warning: number;
  suspended: number;
  lockedOut: number;
}

/** A subscription the tenant holds. `consumedUnits` is never stored: it is counted from users. */
export interface SimSku {
  skuId: string;
  skuPartNumber: string;
  appliesTo: 'User' | 'Company';
  capabilityStatus: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: SimPrepaidUnits;
  servicePlans: SimServicePlan[];
  /**
   * Usage locations (ISO codes) where this product may not be used: Graph refuses it there, and
   * group-based licensing records ProhibitedInUsageLocationViolation.
   */
  prohibitedUsageLocations?: string[];
}

export interface SimAssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

export interface SimLicenseState {
  skuId: string;
  disabledPlans: string[];
  /** null when assigned directly, else the assigning group's id. */
  assignedByGroup: string | null;
  state: 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';
  error:
    | 'None'
    | 'CountViolation'
    | 'MutuallyExclusiveViolation'
    | 'DependencyViolation'
    | 'ProhibitedInUsageLocationViolation'
    | 'UniquenessViolation'
    | 'Other';
  lastUpdatedDateTime: string;
}

export type ExtensionAttributes = Record<`extensionAttribute${number}`, string | null>;

/**
 * A user. `assignedLicenses` is derived from the states that are active (one entry per SKU, the
 * union of enabled plans across sources), never stored separately.
 */
export interface SimUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  department: string | null;
  jobTitle: string | null;
  city: string | null;
  country: string | null;
  officeLocation: string | null;
  /** Absent reads as null, like Graph's unset properties. */
  companyName?: string | null;
  state?: string | null;
  usageLocation: string | null;
  accountEnabled: boolean;
  /** Absent: a member account (what every seeded user is). */
  userType?: 'Member' | 'Guest';
  createdDateTime: string;
  onPremisesExtensionAttributes: ExtensionAttributes;
  managerId: string | null;
  /**
   * Exchange addresses (`SMTP:` primary, `smtp:` others). Read-only in Graph (the admin centre
   * and Exchange set them); absent reads as []. Two users sharing one is what makes group-based
   * licensing record UniquenessViolation on a SKU that brings a mailbox.
   */
  proxyAddresses?: string[];
  licenseAssignmentStates: SimLicenseState[];
}

export interface SimGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  createdDateTime: string;
  assignedLicenses: SimAssignedLicense[];
  licenseProcessingState: {
    state: 'QueuedForProcessing' | 'ProcessingInProgress' | 'ProcessingComplete';
  } | null;
  /** Direct members: ids of users, groups, devices and organisational contacts. */
  memberIds: string[];
  /** Set when `groupTypes` holds `DynamicMembership`: who belongs is computed from it. */
  membershipRule?: string | null;
  membershipRuleProcessingState?: 'On' | 'Paused' | null;
}

export type SubscriptionStatus = SimSku['capabilityStatus'];

/**
 * A commercial subscription (Graph's companySubscription). A SKU's `prepaidUnits` and
 * `capabilityStatus` are the sum of its subscriptions: units of Enabled ones are `enabled`, of
 * Warning ones `warning`, and so on.
 */
export interface SimSubscription {
  id: string;
  commerceSubscriptionId: string;
  skuId: string;
  status: SubscriptionStatus;
  totalLicenses: number;
  isTrial: boolean;
  createdDateTime: string;
  nextLifecycleDateTime: string | null;
}

/**
 * A subscription as a seed gives it: `nextLifecycleInDays` places the next lifecycle date that
 * many days after the tenant starts (a demo's "expires in 21 days" stays true whenever it runs).
 */
export type SeedSubscription = Omit<SimSubscription, 'nextLifecycleDateTime'> &
  ({ nextLifecycleDateTime: string | null } | { nextLifecycleInDays: number });

/** A device registered in Entra (`#microsoft.graph.device`): a directory object groups may hold. */
export interface SimDevice {
  id: string;
  displayName: string;
  /** The device's own id from registration, not its directory object id. */
  deviceId: string;
  operatingSystem: string | null;
  accountEnabled: boolean;
}

/** An organisational contact (`#microsoft.graph.orgContact`): someone outside, with a mailbox. */
export interface SimOrgContact {
  id: string;
  displayName: string;
  mail: string | null;
}

/**
 * Devices and contacts as a seed carries them: each with the ids of the groups it is a direct
 * member of (Graph's `memberOf`). The tenant adds them to those groups' `memberIds` when it
 * starts, so a seed's `memberIds` may stay users and groups (what readers of a seed expect).
 */
export type SeedMembership = { memberOf?: string[] };

/** Conflict and dependency rules between service plans, held as data the admins can extend. */
export type PlanRule =
  | { kind: 'mutuallyExclusive'; planIds: [string, string] }
  | { kind: 'dependsOn'; planId: string; requiresAnyOf: string[] };

export interface SimOrganization {
  id: string;
  displayName: string;
  countryLetterCode: string;
  verifiedDomains: { name: string; isDefault: boolean; isInitial: boolean }[];
}

/** Everything a tenant starts from; a demo tenant is one of these, made from (seed, size). */
export interface TenantSeed {
  organization: SimOrganization;
  skus: SimSku[];
  users: SimUser[];
  groups: SimGroup[];
  /** Devices, members of groups but never users. */
  devices?: (SimDevice & SeedMembership)[];
  /** Organisational contacts, members of groups but never users. */
  orgContacts?: (SimOrgContact & SeedMembership)[];
  planRules: PlanRule[];
  /**
   * The subscriptions behind the SKUs. Without them each SKU has one subscription holding all its
   * units, in the SKU's status.
   */
  subscriptions?: SeedSubscription[];
  /** Monthly list price per seat, by skuId, for cost previews (served by the control API). */
  monthlyPrices: Record<string, { amount: number; currency: string }>;
}

/** A Graph error as the HTTP layer will serialise it: `{ error: { code, message, innerError } }`. */
export interface GraphError {
  status: number;
  code: string;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: GraphError };

/** A service plan as `GET /subscribedSkus` and `licenseDetails` show it. */
export interface GraphServicePlanInfo {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus: 'Success' | 'Disabled' | 'PendingInput' | 'PendingActivation';
  appliesTo: string;
}

/** Graph's subscribedSku: `consumedUnits` counted from the users who hold the SKU. */
export interface GraphSubscribedSku {
  id: string;
  skuId: string;
  skuPartNumber: string;
  appliesTo: 'User' | 'Company';
  capabilityStatus: SimSku['capabilityStatus'];
  consumedUnits: number;
  prepaidUnits: SimPrepaidUnits;
  servicePlans: GraphServicePlanInfo[];
}

/** Graph's licenseDetails of a user: one per assigned SKU. */
export interface GraphLicenseDetails {
  id: string;
  skuId: string;
  skuPartNumber: string;
  servicePlans: GraphServicePlanInfo[];
}
