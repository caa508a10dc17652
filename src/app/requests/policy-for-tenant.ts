import type { ApprovalPolicy } from '../../domain/policy/approval-policy.ts';
import type { TenantPolicy } from '../../domain/tenants/tenant.ts';

/** The deployment's approval policy, and each tenant's own rules over it. */
export interface PolicyDependencies {
  policy: ApprovalPolicy;
  /** A customer tenant's own rules (registry); absent or undefined: the deployment's. */
  tenantPolicy?: (tenantId: string) => TenantPolicy | undefined;
}

/** The approval policy a tenant's requests are decided under: its own rules win. */
export function policyForTenant(deps: PolicyDependencies, tenantId: string): ApprovalPolicy {
  const own = deps.tenantPolicy?.(tenantId);
  if (own === undefined) {
    return deps.policy;
  }
  return {
    ...deps.policy,
    ...(own.approvalExpiryHours === undefined
      ? {}
      : { expiresAfterHours: own.approvalExpiryHours }),
    ...(own.bulkConfirmAbove === undefined ? {} : { confirmSelectionAbove: own.bulkConfirmAbove }),
    ...(own.twoApproversAboveUsers === undefined
      ? {}
      : { twoApproversAboveUsers: own.twoApproversAboveUsers }),
    ...(own.twoApproversAboveMonthlyCost === undefined
      ? {}
      : { twoApproversAboveMonthlyCost: own.twoApproversAboveMonthlyCost }),
  };
}
