import { badRequest, failure, success } from './graph-errors.ts';
import { isGuid } from './guid.ts';
import type { Outcome, SimAssignedLicense } from './types.ts';

/** An `assignLicense` body once it has Graph's shape. */
export interface LicenseChange {
  addLicenses: SimAssignedLicense[];
  removeLicenses: string[];
}

const invalid = (property: string, resource: string) =>
  failure<LicenseChange>(
    badRequest(`Invalid value specified for property '${property}' of resource '${resource}'.`),
  );

/**
 * Checks an `assignLicense` body the way Graph does before looking at the tenant: both arrays must
 * be present (Graph names the missing ones), every id must be a GUID, and something must change.
 */
export function parseLicenseChange(body: unknown): Outcome<LicenseChange> {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const missing = ['addLicenses', 'removeLicenses'].filter((name) => record[name] === undefined);
  if (missing.length > 0) {
    return failure(
      badRequest(
        `One or more parameters of the operation 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
      ),
    );
  }
  const { addLicenses, removeLicenses } = record;
  if (!Array.isArray(addLicenses)) {
    return invalid('addLicenses', 'assignLicense');
  }
  if (!Array.isArray(removeLicenses)) {
    return invalid('removeLicenses', 'assignLicense');
  }
  const adds: SimAssignedLicense[] = [];
  for (const item of addLicenses as unknown[]) {
    if (typeof item !== 'object' || item === null) {
      return invalid('addLicenses', 'assignLicense');
    }
    const { skuId, disabledPlans = [] } = item as Record<string, unknown>;
    if (!isGuid(skuId)) {
      return invalid('skuId', 'AssignedLicense');
    }
    if (disabledPlans !== null && !Array.isArray(disabledPlans)) {
      return invalid('disabledPlans', 'AssignedLicense');
    }
    const plans = (disabledPlans ?? []) as unknown[];
    if (!plans.every(isGuid)) {
      return invalid('disabledPlans', 'AssignedLicense');
    }
    adds.push({
      skuId: skuId.toLowerCase(),
      disabledPlans: [...new Set(plans.map((plan) => plan.toLowerCase()))],
    });
  }
  if (!(removeLicenses as unknown[]).every(isGuid)) {
    return invalid('removeLicenses', 'assignLicense');
  }
  const removes = (removeLicenses as string[]).map((id) => id.toLowerCase());
  if (adds.length === 0 && removes.length === 0) {
    return failure(
      badRequest(
        'No license changes provided. At least one license to add or remove must be specified.',
      ),
    );
  }
  return success({ addLicenses: adds, removeLicenses: removes });
}
