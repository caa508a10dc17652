import type { LicenseLedger } from './license-ledger.ts';
import type {
  GraphLicenseDetails,
  GraphServicePlanInfo,
  GraphSubscribedSku,
  SimDevice,
  SimGroup,
  SimOrgContact,
  SimSku,
  SimUser,
} from './types.ts';

function planInfos(sku: SimSku, disabled: readonly string[] = []): GraphServicePlanInfo[] {
  return sku.servicePlans.map((plan) => ({
    servicePlanId: plan.servicePlanId,
    servicePlanName: plan.servicePlanName,
    provisioningStatus: disabled.includes(plan.servicePlanId) ? 'Disabled' : 'Success',
    appliesTo: plan.appliesTo,
  }));
}

/** `GET /subscribedSkus`: ids are `{tenantId}_{skuId}` as Graph builds them. */
export function subscribedSkuView(ledger: LicenseLedger, tenantId: string): GraphSubscribedSku[] {
  return ledger.skus().map((sku) => ({
    id: `${tenantId}_${sku.skuId}`,
    skuId: sku.skuId,
    skuPartNumber: sku.skuPartNumber,
    appliesTo: sku.appliesTo,
    capabilityStatus: sku.capabilityStatus,
    consumedUnits: ledger.consumedUnits(sku.skuId),
    prepaidUnits: { ...sku.prepaidUnits },
    servicePlans: planInfos(sku),
  }));
}

/** A user as Graph shows it: the stored fields plus the derived license views. */
export function userView(ledger: LicenseLedger, user: SimUser): Record<string, unknown> {
  const assignedLicenses = ledger.assignedLicenses(user.licenseAssignmentStates);
  const enabled = ledger.enabledPlans(user.licenseAssignmentStates);
  const assignedPlans = assignedLicenses.flatMap((license) =>
    (ledger.sku(license.skuId)?.servicePlans ?? [])
      .filter((plan) => enabled.has(plan.servicePlanId))
      .map((plan) => ({
        assignedDateTime: user.createdDateTime,
        capabilityStatus: 'Enabled',
        service: plan.servicePlanName,
        servicePlanId: plan.servicePlanId,
      })),
  );
  // Every simulated account is a member account: Graph never leaves userType empty, and
  // `$filter=userType eq 'Member'` must find them.
  return { userType: 'Member', ...user, assignedLicenses, assignedPlans };
}

/** `GET /users/{id}/licenseDetails`: one entry per assigned SKU with each plan's status. */
export function licenseDetailsView(ledger: LicenseLedger, user: SimUser): GraphLicenseDetails[] {
  return ledger.assignedLicenses(user.licenseAssignmentStates).flatMap((license) => {
    const sku = ledger.sku(license.skuId);
    return sku
      ? [
          {
            id: `${user.id}_${sku.skuId}`,
            skuId: sku.skuId,
            skuPartNumber: sku.skuPartNumber,
            servicePlans: planInfos(sku, license.disabledPlans),
          },
        ]
      : [];
  });
}

/** A group as Graph shows it (members are a relationship, not a property). */
export function groupView(group: SimGroup): Record<string, unknown> {
  const { memberIds: _members, ...resource } = group;
  return { ...resource, assignedLicenses: group.assignedLicenses.map((l) => ({ ...l })) };
}

/** A device as Graph shows it (its groups are a relationship, not a property). */
export function deviceView(device: SimDevice): Record<string, unknown> {
  return { ...device };
}

/** An organisational contact as Graph shows it. */
export function orgContactView(contact: SimOrgContact): Record<string, unknown> {
  return { ...contact };
}
