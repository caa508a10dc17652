/**
 * The licensing vocabulary, shaped as Microsoft Graph v1.0 returns it, so adapters map little and
 * the domain speaks the admin's words: SKU, service plan, usage location, license assignment.
 */

/** A product's GUID in the tenant (`subscribedSku.skuId`). */
export type SkuId = string;
/** A service plan's GUID (`servicePlanInfo.servicePlanId`). */
export type ServicePlanId = string;
/** An Entra object id (users, groups). Demo ids need not be well-formed GUIDs. */
export type ObjectId = string;

export type CapabilityStatus = 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';

export interface ServicePlan {
  servicePlanId: ServicePlanId;
  servicePlanName: string;
  provisioningStatus?: string;
  appliesTo?: string;
}

export interface PrepaidUnits {
  enabled: number;
  warning: number;
  suspended: number;
  lockedOut: number;
}

/** A subscribed SKU: seats bought (`prepaidUnits.enabled`) and used (`consumedUnits`). */
export interface Sku {
  skuId: SkuId;
  skuPartNumber: string;
  appliesTo: string;
  capabilityStatus: CapabilityStatus;
  consumedUnits: number;
  prepaidUnits: PrepaidUnits;
  servicePlans: ServicePlan[];
}

export interface AssignedLicense {
  skuId: SkuId;
  disabledPlans: ServicePlanId[];
}

export type LicenseAssignmentStateName = 'Active' | 'ActiveWithError' | 'Disabled' | 'Error';

/** Graph's error names for group-based licensing; `Others` is the older spelling of `Other`. */
export type LicenseAssignmentErrorName =
  | 'CountViolation'
  | 'MutuallyExclusiveViolation'
  | 'DependencyViolation'
  | 'ProhibitedInUsageLocationViolation'
  | 'UniquenessViolation'
  | 'Other'
  | 'Others'
  | 'None';

/** One source of one SKU for a user: direct (`assignedByGroup` null) or from a group. */
export interface LicenseAssignmentState {
  skuId: SkuId;
  disabledPlans: ServicePlanId[];
  assignedByGroup: ObjectId | null;
  state: LicenseAssignmentStateName;
  error: LicenseAssignmentErrorName | null;
  lastUpdatedDateTime: string | null;
}

/** The `assignLicense` body, for users and groups alike. */
export interface AssignLicenseBody {
  addLicenses: AssignedLicense[];
  removeLicenses: SkuId[];
}

/** A user as License Desk reads them; fields not selected are absent. */
export interface DirectoryUser {
  id: ObjectId;
  userPrincipalName: string;
  displayName: string;
  mail?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  city?: string | null;
  country?: string | null;
  /** ISO 3166-1 alpha-2, or null when never set. */
  usageLocation?: string | null;
  accountEnabled?: boolean;
  /** `Member` or `Guest` (B2B accounts from other organisations). */
  userType?: string | null;
  assignedLicenses?: AssignedLicense[];
  licenseAssignmentStates?: LicenseAssignmentState[];
}

export type LicenseProcessingState =
  'QueuedForProcessing' | 'ProcessingInProgress' | 'ProcessingComplete' | 'ProcessingFailed';

export interface DirectoryGroup {
  id: ObjectId;
  displayName: string;
  description?: string | null;
  securityEnabled?: boolean;
  assignedLicenses?: AssignedLicense[];
  licenseProcessingState?: LicenseProcessingState | null;
}

export interface Organization {
  tenantId: string;
  displayName: string;
  /** The tenant's country: group-based licensing gives it to members without a usage location. */
  countryLetterCode: string;
}

/** Seats still free; negative when the tenant is over-assigned. */
export function availableSeats(sku: Pick<Sku, 'prepaidUnits' | 'consumedUnits'>): number {
  return sku.prepaidUnits.enabled - sku.consumedUnits;
}
