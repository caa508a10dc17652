import { describe, expect, it } from 'vitest';
import {
  approvalPolicySchema,
  defaultApprovalPolicy,
} from '../../../src/domain/policy/approval-policy.ts';
import {
  decideApproval,
  mayDecide,
  type ApprovalQuestion,
} from '../../../src/domain/policy/decide-approval.ts';

const ask = (question: Partial<ApprovalQuestion>) =>
  decideApproval(
    { kind: 'assign', role: 'approver', changeCount: 1, leavesShort: false, ...question },
    defaultApprovalPolicy,
  );

describe('policy', () => {
  it("runs an approver's own single-user assign at once", () => {
    expect(ask({})).toEqual({ decision: 'runNow' });
  });

  it("runs an approver's own single-user modify at once", () => {
    expect(ask({ kind: 'modify' })).toEqual({ decision: 'runNow' });
  });

  it("needs approval for an approver's own assign to several users", () => {
    expect(ask({ changeCount: 2 })).toEqual({
      decision: 'needsApproval',
      approversNeeded: 1,
      reasons: ["An approver's own request for more than 1 user needs a second approver."],
    });
  });

  it('says users in the plural when the limit is more than one', () => {
    const policy = approvalPolicySchema.parse({ approverRunsAtOnceMaxUsers: 5 });
    expect(
      decideApproval(
        { kind: 'assign', role: 'approver', changeCount: 6, leavesShort: false },
        policy,
      ),
    ).toMatchObject({
      reasons: ["An approver's own request for more than 5 users needs a second approver."],
    });
  });

  it("always needs approval for a requester's operation", () => {
    expect(ask({ role: 'requester' })).toEqual({
      decision: 'needsApproval',
      approversNeeded: 1,
      reasons: ['Requests from people who are not license approvers need an approver.'],
    });
  });

  it('always needs approval for transfers and removals, even an approver’s own', () => {
    expect(ask({ kind: 'transfer' })).toEqual({
      decision: 'needsApproval',
      approversNeeded: 1,
      reasons: ['Every transfer needs an approver.'],
    });
    expect(ask({ kind: 'remove' })).toMatchObject({ decision: 'needsApproval' });
  });

  it('needs approval for anything that would leave a SKU short', () => {
    expect(ask({ leavesShort: true })).toEqual({
      decision: 'needsApproval',
      approversNeeded: 1,
      reasons: ['It would leave a license without enough seats.'],
    });
  });

  it('refuses someone who is neither requester nor approver', () => {
    expect(ask({ role: 'none' })).toMatchObject({ decision: 'refused' });
  });

  it('follows a policy configured as data', () => {
    const relaxed = approvalPolicySchema.parse({
      requesterOperationsNeedApproval: false,
      alwaysNeedApproval: [],
      shortfallNeedsApproval: false,
      approverRunsAtOnce: ['assign'],
    });
    const question = {
      kind: 'remove' as const,
      role: 'requester' as const,
      changeCount: 10,
      leavesShort: true,
    };
    expect(decideApproval(question, relaxed)).toEqual({ decision: 'runNow' });
    expect(decideApproval({ ...question, role: 'approver' }, relaxed)).toEqual({
      decision: 'needsApproval',
      approversNeeded: 1,
      reasons: ["An approver's own remove needs a second approver."],
    });
  });

  it('has issue 4’s defaults', () => {
    expect(defaultApprovalPolicy).toEqual({
      requesterOperationsNeedApproval: true,
      approverRunsAtOnce: ['assign', 'modify'],
      approverRunsAtOnceMaxUsers: 1,
      alwaysNeedApproval: ['transfer', 'remove'],
      shortfallNeedsApproval: true,
      expiresAfterHours: 72,
      confirmSelectionAbove: 500,
      twoApproversAboveUsers: 1000,
    });
  });

  it('refuses a malformed policy', () => {
    expect(approvalPolicySchema.safeParse({ alwaysNeedApproval: ['delete'] }).success).toBe(false);
  });
});

describe('mayDecide', () => {
  const operation = { state: 'pending', requester: { userId: 'u-megan' } };

  it('shows the buttons to an approver who did not ask', () => {
    expect(mayDecide(operation, { userId: 'u-adele', isApprover: true })).toBe(true);
  });

  it('never to the requester, to a non-approver, or once decided', () => {
    expect(mayDecide(operation, { userId: 'u-megan', isApprover: true })).toBe(false);
    expect(mayDecide(operation, { userId: 'u-lynne', isApprover: false })).toBe(false);
    expect(
      mayDecide({ ...operation, state: 'approved' }, { userId: 'u-adele', isApprover: true }),
    ).toBe(false);
  });
});

describe('two approvers and bulk requests', () => {
  const base = { kind: 'assign' as const, role: 'approver' as const, leavesShort: false };

  it('sends every bulk request to an approver, even an approver’s own small one', () => {
    expect(decideApproval({ ...base, changeCount: 1, bulk: true }, defaultApprovalPolicy)).toEqual({
      decision: 'needsApproval',
      reasons: ['Bulk requests (a group, a filter or a file) need an approver.'],
      approversNeeded: 1,
    });
  });

  it('needs two different approvers past the size, or past the cost rise when one is set', () => {
    const big = decideApproval({ ...base, changeCount: 1001 }, defaultApprovalPolicy);
    expect(big).toMatchObject({ decision: 'needsApproval', approversNeeded: 2 });
    expect(big.decision === 'needsApproval' && big.reasons).toEqual([
      "An approver's own request for more than 1 user needs a second approver.",
      'It changes more than 1,000 users: two different approvers must approve it.',
    ]);
    const costly = { ...defaultApprovalPolicy, twoApproversAboveMonthlyCost: 5000 };
    expect(
      decideApproval({ ...base, changeCount: 1, monthlyCostRise: 5000.01 }, costly),
    ).toMatchObject({
      approversNeeded: 2,
      reasons: [
        'It raises the monthly cost by more than 5,000: two different approvers must approve it.',
      ],
    });
    expect(decideApproval({ ...base, changeCount: 1, monthlyCostRise: 4999 }, costly)).toEqual({
      decision: 'runNow',
    });
    expect(decideApproval({ ...base, changeCount: 1 }, costly)).toEqual({ decision: 'runNow' });
  });

  it('keeps the buttons from an approver who approved already', () => {
    const waiting = {
      state: 'pending',
      requester: { userId: 'alex' },
      approvals: [{ by: { userId: 'megan' } }],
    };
    expect(mayDecide(waiting, { userId: 'megan', isApprover: true })).toBe(false);
    expect(mayDecide(waiting, { userId: 'patti', isApprover: true })).toBe(true);
  });
});
