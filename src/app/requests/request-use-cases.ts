import type { Sku } from '../../domain/licensing.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import type { Caller } from '../identity/caller.ts';
import type { ApprovalChannel } from '../ports/approval-channel-store.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { decideRequest, type Decision, type DecisionOutcome } from './decide-request.ts';
import { expirePendingRequests, type ExpirySweep } from './expire-pending-requests.ts';
import { findUsers, type FoundUsers } from './find-users.ts';
import type { RequestDependencies } from './request-deps.ts';
import { judgeRequest } from './plan-request.ts';
import {
  requestLicenseChange,
  type ChangeCommand,
  type RequestOptions,
  type RequestOutcome,
} from './request-license.ts';
import type { PreviewOutcome, SelectionReport } from './request-outcome.ts';
import type { BulkSelection } from '../../domain/selection/user-selection.ts';
import { countSelected } from '../selection/count-selected.ts';
import { type SentCsv } from '../selection/selected-users.ts';

/** What a request may name, read from the tenant now: its SKUs and its license templates. */
export interface RequestChoices {
  skus: Sku[];
  templates: LicenseTemplate[];
}

/** Asking for license changes, deciding on them, and expiring the undecided. */
export interface RequestUseCases {
  /**
   * Plans a license change for the caller and stores it: pending (its approvers' copies are
   * posted after the answer, by the notifier), or approved to run at once (`runs.start`).
   */
  ask(
    caller: Caller,
    command: ChangeCommand,
    justification?: string,
    options?: RequestOptions,
  ): Promise<RequestOutcome>;
  /**
   * Plans a change as `ask` would, and stores nothing: the count, the impact and what the policy
   * will ask for, for the requester to review before submitting.
   */
  preview(
    caller: Caller,
    command: ChangeCommand,
    options?: RequestOptions,
  ): Promise<PreviewOutcome>;
  /**
   * Counts whom a selection names, read from Graph now, before any change is chosen: how many,
   * without usage location, disabled, a sample, and a file's rows left out.
   */
  count(
    caller: Caller,
    selection: BulkSelection,
    file?: SentCsv,
  ): Promise<{ ok: true; value: SelectionReport } | { ok: false; message: string }>;
  /** Approve, reject, cancel or stop, as `decideRequest` rules. */
  decide(caller: Caller, operationId: string, decision: Decision): Promise<DecisionOutcome>;
  /** A request of the tenant by id, as stored now. */
  find(tenantId: string, operationId: string): Promise<StoredOperation | undefined>;
  /** The people typed, each found once, or the word that was not. */
  findUsers(tenantId: string, typed: readonly string[]): Promise<FoundUsers>;
  choices(tenantId: string): Promise<RequestChoices>;
  /** The organisation's country: a starting value for a missing usage location. */
  organizationCountry(tenantId: string): Promise<string>;
  expire(tenantIds: readonly string[]): Promise<ExpirySweep>;
  /** Where the tenant's approval cards go, when an approver has said (`approvals here`). */
  approvalChannel(tenantId: string): Promise<ApprovalChannel | null>;
  /** Makes a conversation the tenant's approvers' channel, as `caller` says. */
  setApprovalChannel(caller: Caller, conversationId: string): Promise<void>;
}

/** The request use cases over `deps`, wired once by the composition root. */
export function requestUseCases(deps: RequestDependencies): RequestUseCases {
  return {
    ask: async (caller, command, justification, options) => {
      const outcome = await requestLicenseChange(deps, caller, command, justification, options);
      if (outcome.kind === 'pending') {
        // Posted alongside the answer, claimed on the request's change notice: the job posts
        // them instead if this process dies first, and never a second set.
        await deps.notifier.asked?.(outcome.operation.value, {
          impact: outcome.impact,
          reasons: outcome.reasons,
        });
      }
      return outcome;
    },
    preview: async (caller, command, options = {}) => {
      const planned = await judgeRequest(deps, caller, command, options);
      if (!planned.ok) {
        return planned.outcome;
      }
      const { plan, decision, selection } = planned.value;
      return {
        kind: 'preview',
        summary: plan.summary,
        impact: plan.impact,
        reasons: decision.decision === 'needsApproval' ? decision.reasons : [],
        approversNeeded: decision.decision === 'needsApproval' ? decision.approversNeeded : 0,
        ...(selection
          ? { selection: { count: selection.count, rowProblems: selection.rowProblems } }
          : {}),
      };
    },
    count: async (caller, selection, file) => {
      const directory = deps.directory.forTenant(caller.tenantId);
      return countSelected(directory, selection, await directory.listSkus(), file);
    },
    decide: (caller, operationId, decision) => decideRequest(deps, caller, operationId, decision),
    find: async (tenantId, operationId) =>
      (await deps.operations.get(tenantId, operationId))?.value,
    findUsers: (tenantId, typed) => findUsers(deps.directory.forTenant(tenantId), typed),
    choices: async (tenantId) => {
      const [skus, templates] = await Promise.all([
        deps.directory.forTenant(tenantId).listSkus(),
        deps.templates.list(tenantId),
      ]);
      return { skus, templates: templates.map((entry) => entry.value) };
    },
    organizationCountry: async (tenantId) =>
      (await deps.directory.forTenant(tenantId).getOrganization()).countryLetterCode,
    expire: (tenantIds) => expirePendingRequests(deps, tenantIds),
    approvalChannel: async (tenantId) => (await deps.approvalChannels.get(tenantId))?.value ?? null,
    setApprovalChannel: async (caller, conversationId) => {
      const current = await deps.approvalChannels.get(caller.tenantId);
      await deps.approvalChannels.set(
        {
          tenantId: caller.tenantId,
          conversationId,
          setBy: { userId: caller.userId, displayName: caller.displayName },
          setAt: deps.clock.now().toISOString(),
        },
        current?.etag,
      );
    },
  };
}
