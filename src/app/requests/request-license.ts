import type { LicensingFailure } from '../../domain/errors.ts';
import type { Caller } from '../identity/caller.ts';
import type { LicenseCommand } from '../../domain/commands/license-command.ts';
import { resolveCommand } from '../../domain/commands/resolve-command.ts';
import type { DirectoryUser, Sku, SkuId } from '../../domain/licensing.ts';
import { newOperation, type PlannedItem } from '../../domain/operations/new-operation.ts';
import { transition } from '../../domain/operations/state-machine.ts';
import type { Impact, SeatPrice } from '../../domain/planning/impact.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import { describeChange } from '../../domain/planning/describe-change.ts';
import { planOperation } from '../../domain/planning/plan-operation.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import type { UserPlan } from '../../domain/planning/license-change.ts';
import { decideApproval } from '../../domain/policy/decide-approval.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import { ConcurrencyConflictError, type Versioned } from '../ports/stores.ts';
import { findUsers } from './find-users.ts';
import type { RequestDependencies } from './request-deps.ts';

/** What became of a typed request, for the bot to word. */
export type RequestOutcome =
  | { kind: 'problem'; message: string; failure?: LicensingFailure }
  | { kind: 'chooseUser'; typed: string; matches: DirectoryUser[] }
  | { kind: 'chooseLicense'; typed: string; choices: string[]; message: string }
  | { kind: 'nothingToDo'; message: string }
  | { kind: 'pending'; operation: Versioned<StoredOperation>; impact: Impact; reasons: string[] }
  | { kind: 'runNow'; operation: Versioned<StoredOperation>; impact: Impact }
  /** Asked for before under the same id (a second click, a redelivery): that request, as is. */
  | { kind: 'alreadyAsked'; operation: Versioned<StoredOperation> };

export interface RequestOptions {
  /**
   * The new operation's id, made from what the request was asked with (the message or the clicked
   * card, and the caller) instead of a new one: asked again, the id is taken, and the request is
   * not made twice (nor run twice, when it may run at once).
   */
  operationId?: string;
}

/** A license change as typed or picked on the form (`request` itself only opens the form). */
export type ChangeCommand = Exclude<LicenseCommand, { kind: 'request' }>;

function plannedItem(user: DirectoryUser, plan: UserPlan): PlannedItem {
  const base = {
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    displayName: user.displayName,
  };
  switch (plan.outcome) {
    case 'change':
      return {
        ...base,
        body: plan.body,
        ...(plan.setUsageLocation ? { setUsageLocation: plan.setUsageLocation } : {}),
      };
    case 'noop':
      return { ...base, body: { addLicenses: [], removeLicenses: [] }, skipReason: plan.reason };
    case 'blocked':
      return {
        ...base,
        body: { addLicenses: [], removeLicenses: [] },
        skipReason: `Not possible: ${plan.failure.message}`,
      };
  }
}

async function seatPrices(deps: RequestDependencies, tenantId: string) {
  const prices = await deps.prices.list(tenantId);
  return new Map<SkuId, SeatPrice>(
    prices.map((price) => [
      price.skuId,
      { monthlyAmount: price.monthlyAmount, currency: price.currency },
    ]),
  );
}

function skusOf(user: DirectoryUser | undefined, skus: readonly Sku[]): Sku[] {
  const held = new Set((user?.assignedLicenses ?? []).map((license) => license.skuId));
  return skus.filter((sku) => held.has(sku.skuId));
}

/** The request asked for before under the same id, if there is one. */
async function alreadyAsked(
  deps: RequestDependencies,
  caller: Caller,
  options: RequestOptions,
): Promise<RequestOutcome | undefined> {
  if (options.operationId === undefined) {
    return undefined;
  }
  const found = await deps.operations.get(caller.tenantId, options.operationId);
  return found ? { kind: 'alreadyAsked', operation: found } : undefined;
}

/**
 * Turns a license command into a stored operation: finds the users, resolves the license words
 * against the tenant, plans each user's exact change and its impact, saves the operation and its
 * items **before** anything is sent to Graph, and asks the policy whether it may run at once.
 */
export async function requestLicenseChange(
  deps: RequestDependencies,
  caller: Caller,
  command: ChangeCommand,
  justification?: string,
  options: RequestOptions = {},
): Promise<RequestOutcome> {
  const asked = await alreadyAsked(deps, caller, options);
  if (asked) {
    return asked;
  }
  const found = await findUsers(deps.directory.forTenant(caller.tenantId), command.users);
  if (found.kind === 'none') {
    return {
      kind: 'problem',
      message: `I found nobody matching "${found.typed}". Use their email address, e.g. adele@contoso.com.`,
    };
  }
  if (found.kind === 'several') {
    return { kind: 'chooseUser', typed: found.typed, matches: found.matches };
  }
  const [skus, stored] = await Promise.all([
    deps.directory.forTenant(caller.tenantId).listSkus(),
    deps.templates.list(caller.tenantId),
  ]);
  const resolved = resolveCommand(command, {
    skus,
    templates: stored.map((entry) => entry.value),
    userSkus: skusOf(found.users[0], skus),
  });
  if (!resolved.ok) {
    const problem = resolved.failure;
    return problem.kind === 'ambiguous'
      ? {
          kind: 'chooseLicense',
          typed: problem.word,
          choices: problem.choices,
          message: problem.message,
        }
      : { kind: 'problem', message: problem.message };
  }
  const prices = await seatPrices(deps, caller.tenantId);
  const ctx = {
    skus,
    rules: defaultPlanRules,
    ...(command.kind === 'assign' && command.usageLocation
      ? { usageLocation: command.usageLocation }
      : {}),
  };
  const plan = planOperation(found.users, resolved.value, ctx, prices);
  const blocked = plan.plans.flatMap((entry) => (entry.outcome === 'blocked' ? [entry] : []));
  if (plan.impact.changeCount === 0) {
    const failure = blocked[0]?.failure;
    if (failure) {
      return { kind: 'problem', message: failure.message, failure };
    }
    const why =
      plan.plans.flatMap((entry) => (entry.outcome === 'noop' ? [entry.reason] : []))[0] ??
      'Nothing would change.';
    return { kind: 'nothingToDo', message: why };
  }
  const decision = decideApproval(
    {
      kind: command.kind,
      role: caller.role,
      changeCount: plan.impact.changeCount,
      leavesShort: plan.impact.leavesShort,
    },
    deps.policy,
  );
  if (decision.decision === 'refused') {
    return { kind: 'problem', message: decision.reason };
  }
  const byId = new Map(found.users.map((user) => [user.id, user]));
  const now = deps.clock.now();
  const { operation, items } = newOperation({
    id: options.operationId ?? deps.newId(),
    tenantId: caller.tenantId,
    kind: command.kind,
    requester: { userId: caller.userId, displayName: caller.displayName },
    summary: describeChange(resolved.value, plan.impact.changeCount),
    ...(justification ? { justification } : {}),
    items: plan.plans.map((entry) => plannedItem(byId.get(entry.userId)!, entry)),
    impact: recordImpact(
      plan.impact,
      decision.decision === 'needsApproval' ? decision.reasons : [],
    ),
    now,
    expiresAfterMs: deps.policy.expiresAfterHours * 3_600_000,
  });
  // The users' items first (an item already there is left as it is), then the operation that
  // names them: a crash between the two leaves items nobody refers to, never an operation
  // without its users. Saved before anything else: never a silent change.
  await deps.operationItems.createAll(caller.tenantId, operation.id, items);
  let saved: Versioned<StoredOperation>;
  try {
    saved = await deps.operations.create(operation);
  } catch (error) {
    // Of two asks under one id at once (two clicks, two deliveries), the first create wins; the
    // other shows its request.
    const first =
      error instanceof ConcurrencyConflictError && (await alreadyAsked(deps, caller, options));
    if (first) {
      return first;
    }
    throw error;
  }
  if (decision.decision === 'needsApproval') {
    return { kind: 'pending', operation: saved, impact: plan.impact, reasons: decision.reasons };
  }
  const approved = transition(saved.value, { type: 'autoApprove' }, { kind: 'system' }, now);
  if (approved.ok) {
    saved = await deps.operations.transition(
      caller.tenantId,
      operation.id,
      saved.etag,
      approved.value,
    );
  }
  return { kind: 'runNow', operation: saved, impact: plan.impact };
}
