/** The extension attributes Entra keeps for each user (`onPremisesExtensionAttributes`). */
export const extensionNumbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] as const;
export type ExtensionAttributeName = `extensionAttribute${(typeof extensionNumbers)[number]}`;

/** One service plan of a user as `assignedPlans` lists it. */
export interface AssignedPlanRecord {
  servicePlanId?: string | null;
  capabilityStatus?: string | null;
  service?: string | null;
}

/**
 * A user as a dynamic membership rule reads them, shaped as Graph returns the user: properties
 * that were not selected are absent, unset ones null.
 */
export interface RuleUser {
  displayName?: string | null;
  userPrincipalName?: string | null;
  mail?: string | null;
  department?: string | null;
  jobTitle?: string | null;
  city?: string | null;
  country?: string | null;
  usageLocation?: string | null;
  companyName?: string | null;
  state?: string | null;
  userType?: string | null;
  accountEnabled?: boolean | null;
  onPremisesExtensionAttributes?: Partial<Record<ExtensionAttributeName, string | null>> | null;
  proxyAddresses?: readonly string[] | null;
  assignedPlans?: readonly AssignedPlanRecord[] | null;
}
