import type { OperationKind } from '../operations/operation.ts';
import type { ApprovalPolicy } from './approval-policy.ts';

/** Who is asking, as the bot decided from the activity and the approver/requester groups. */
export type AskerRole = 'approver' | 'requester' | 'none';

/** What the policy needs to know about a planned operation. */
export interface ApprovalQuestion {
  kind: OperationKind;
  role: AskerRole;
  /** Users the operation will change (no-ops and refusals left out). */
  changeCount: number;
  /** Whether the impact shows a SKU left without enough seats. */
  leavesShort: boolean;
  /** Whether it selects people in bulk (a group, a filter or a file). */
  bulk?: boolean;
  /** The largest rise in monthly cost in any one currency (0 or less: none). */
  monthlyCostRise?: number;
}

/** Run now, wait for an approver (and why), or refuse outright. */
export type ApprovalDecision =
  | { decision: 'runNow' }
  | { decision: 'needsApproval'; reasons: string[]; approversNeeded: number }
  | { decision: 'refused'; reason: string };

/**
 * Decides whether an operation may run at once: only an approver's own small assign or modify
 * does; transfers, removals, anything leaving a SKU short and everything a requester asks wait
 * for an approver (who cannot be the one who asked: see the state machine).
 */
export function decideApproval(
  question: ApprovalQuestion,
  policy: ApprovalPolicy,
): ApprovalDecision {
  if (question.role === 'none') {
    return {
      decision: 'refused',
      reason:
        'You are not allowed to request licenses here. Ask your IT team to add you to the requesters.',
    };
  }
  const reasons: string[] = [];
  if (question.role === 'requester' && policy.requesterOperationsNeedApproval) {
    reasons.push('Requests from people who are not license approvers need an approver.');
  }
  if (policy.alwaysNeedApproval.includes(question.kind)) {
    reasons.push(`Every ${question.kind} needs an approver.`);
  }
  if (question.leavesShort && policy.shortfallNeedsApproval) {
    reasons.push('It would leave a license without enough seats.');
  }
  if (question.bulk === true) {
    reasons.push('Bulk requests (a group, a filter or a file) need an approver.');
  }
  const second = secondApproverReason(question, policy);
  if (question.role === 'approver' && reasons.length === 0) {
    if (!policy.approverRunsAtOnce.includes(question.kind)) {
      reasons.push(`An approver's own ${question.kind} needs a second approver.`);
    } else if (question.changeCount > policy.approverRunsAtOnceMaxUsers) {
      reasons.push(
        `An approver's own request for more than ${policy.approverRunsAtOnceMaxUsers} user${policy.approverRunsAtOnceMaxUsers === 1 ? '' : 's'} needs a second approver.`,
      );
    }
  }
  if (second !== undefined) {
    return { decision: 'needsApproval', reasons: [...reasons, second], approversNeeded: 2 };
  }
  return reasons.length === 0
    ? { decision: 'runNow' }
    : { decision: 'needsApproval', reasons, approversNeeded: 1 };
}

/** Why an operation needs a second, different approver: its size or its cost. */
function secondApproverReason(
  question: ApprovalQuestion,
  policy: ApprovalPolicy,
): string | undefined {
  if (question.changeCount > policy.twoApproversAboveUsers) {
    return `It changes more than ${policy.twoApproversAboveUsers.toLocaleString('en-US')} users: two different approvers must approve it.`;
  }
  const limit = policy.twoApproversAboveMonthlyCost;
  if (limit !== undefined && (question.monthlyCostRise ?? 0) > limit) {
    return `It raises the monthly cost by more than ${limit.toLocaleString('en-US')}: two different approvers must approve it.`;
  }
  return undefined;
}

/** Whether a viewer of an approval card gets the Approve and Reject buttons. */
export function mayDecide(
  operation: {
    state: string;
    requester: { userId: string };
    approvals?: readonly { by: { userId: string } }[];
  },
  viewer: { userId: string; isApprover: boolean },
): boolean {
  return (
    operation.state === 'pending' &&
    viewer.isApprover &&
    viewer.userId !== operation.requester.userId &&
    !(operation.approvals ?? []).some((approval) => approval.by.userId === viewer.userId)
  );
}
