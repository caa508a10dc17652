import { sameTenantId } from '../../domain/object-ids.ts';
import type {
  CustomerTenant,
  TenantCredential,
  TenantPolicy,
} from '../../domain/tenants/tenant.ts';
import type { AccessSettings } from '../identity/access-settings.ts';

/**
 * A tenant as License Desk serves it: the operator's own (configured) or a customer's (from the
 * registry), with who may use it and its approval rules.
 */
export interface ServedTenant {
  tenantId: string;
  /** The short name admins type (`fabrikam`); the operator's is `home`. */
  name: string;
  displayName: string;
  /** The deployment's own tenant, whose approvers may also act on the others. */
  operator: boolean;
  /** Only an active tenant's users are served and its Graph is called. */
  active: boolean;
  /** Why an inactive tenant is not served, in an admin's words. */
  inactiveReason?: string;
  /** Registered, but its admin has not consented yet (or it was not checked since). */
  awaitingConsent?: true;
  access: AccessSettings;
  policy: TenantPolicy;
  /** How to sign in to its Graph; absent for the operator's (the configured credential). */
  credential?: TenantCredential;
}

/** The name the operator's own tenant answers to in `in <tenant>: …`. */
export const OPERATOR_TENANT_NAME = 'home';

/** A registered customer tenant as served. */
export function servedCustomer(tenant: CustomerTenant): ServedTenant {
  return {
    tenantId: tenant.tenantId,
    name: tenant.name,
    displayName: tenant.displayName,
    operator: false,
    active: tenant.state === 'active',
    ...(tenant.state === 'active' ? {} : { inactiveReason: inactiveReason(tenant) }),
    ...(tenant.state === 'awaitingConsent' ? { awaitingConsent: true as const } : {}),
    access: {
      tenantId: tenant.tenantId,
      approverGroupIds: tenant.approverGroupIds,
      requesterGroupIds: tenant.requesterGroupIds,
      allowGuests: tenant.allowGuests,
    },
    policy: tenant.policy,
    credential: tenant.credential,
  };
}

function inactiveReason(tenant: CustomerTenant): string {
  return tenant.state === 'awaitingConsent'
    ? `${tenant.displayName} is registered with License Desk, but its admin has not consented yet. ` +
        'Ask them to open the admin-consent link the operator was given, then the operator checks it with `tenant check`.'
    : `License Desk's service to ${tenant.displayName} is suspended by its operator.`;
}

/** Whether `tenant` is the one with id `tenantId`, however it is spelled. */
export function isTenant(tenant: ServedTenant, tenantId: string): boolean {
  return sameTenantId(tenant.tenantId, tenantId);
}
