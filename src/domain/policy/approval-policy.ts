import { z } from 'zod';

const operationKind = z.enum(['assign', 'remove', 'modify', 'transfer']);

/**
 * When an operation needs an approver, as data the admins can change. Parse stored or
 * configured policies with it; the defaults are issue 4's.
 */
export const approvalPolicySchema = z.object({
  /** Operations asked for by someone who is not an approver always wait for one. */
  requesterOperationsNeedApproval: z.boolean().default(true),
  /** Kinds an approver may run at once on their own request… */
  approverRunsAtOnce: z.array(operationKind).default(['assign', 'modify']),
  /** …for at most this many users. */
  approverRunsAtOnceMaxUsers: z.number().int().min(0).default(1),
  /** Kinds that always need approval, whoever asks. */
  alwaysNeedApproval: z.array(operationKind).default(['transfer', 'remove']),
  /** An operation that would leave a SKU without enough seats needs approval. */
  shortfallNeedsApproval: z.boolean().default(true),
  /** Hours a pending request waits for a decision before it expires. */
  expiresAfterHours: z.number().positive().default(72),
  /**
   * A bulk selection of more users than this is counted and shown first, and asked for only
   * once the requester confirms it.
   */
  confirmSelectionAbove: z.number().int().min(0).default(500),
  /** Operations changing more users than this need two different approvers. */
  twoApproversAboveUsers: z.number().int().min(1).default(1000),
  /** …or raising the monthly cost by more than this (in any one currency); unset: never. */
  twoApproversAboveMonthlyCost: z.number().positive().optional(),
});

export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Issue 4's defaults. */
export const defaultApprovalPolicy: ApprovalPolicy = approvalPolicySchema.parse({});
