import type { Person } from '../operations/operation.ts';

/**
 * How License Desk signs in to a customer tenant's Graph. `multiTenantApp`: the deployment's own
 * app registration, consented to by the customer's admin (the same client id and secret or
 * certificate, the customer's authority). `certificate`: an app registration of the customer's
 * own, with a certificate License Desk holds.
 */
export type TenantCredential =
  { kind: 'multiTenantApp' } | { kind: 'certificate'; clientId: string; certificatePath: string };

/**
 * A customer tenant's own approval rules, over the deployment's defaults: what is left out
 * follows the deployment's settings.
 */
export interface TenantPolicy {
  approvalExpiryHours?: number;
  bulkConfirmAbove?: number;
  twoApproversAboveUsers?: number;
  twoApproversAboveMonthlyCost?: number;
}

/**
 * `awaitingConsent`: onboarded, but its admin has not consented yet (Graph refuses the token);
 * `active`: served; `suspended`: kept with its history, but nothing is read or written for it.
 */
export type TenantState = 'awaitingConsent' | 'active' | 'suspended';

/**
 * A tenant served by this deployment besides the operator's own (the configured one): a customer
 * of an MSP, or a sister company. Its users talk to License Desk from their own Teams; the
 * operator's approvers may also act on it (`in <name>: …`).
 */
export interface CustomerTenant {
  /** Entra tenant id (a GUID); compared without case. */
  tenantId: string;
  /** The short name admins type (`fabrikam`): lower-case letters, digits and dashes. */
  name: string;
  /** The organisation's name, as the admin gave it or Graph reports it. */
  displayName: string;
  credential: TenantCredential;
  /** Entra groups of that tenant whose transitive members approve its requests. */
  approverGroupIds: string[];
  /** Entra groups of that tenant whose members may ask; empty means everyone. */
  requesterGroupIds: string[];
  allowGuests: boolean;
  policy: TenantPolicy;
  state: TenantState;
  onboardedBy: Person;
  onboardedAt: string;
  /** Last change of state or settings, by whom and when. */
  changedBy?: Person;
  changedAt?: string;
}

const TENANT_NAME = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Whether `text` can be a tenant's short name. */
export function isTenantName(text: string): boolean {
  return TENANT_NAME.test(text);
}

/**
 * The form a tenant id is stored and compared in: Entra writes the same GUID in either case
 * (token claims, admin input), and the registry must find it either way.
 */
export function tenantIdKey(tenantId: string): string {
  return tenantId.toLowerCase();
}
