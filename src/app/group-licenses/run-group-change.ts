import { historyEventsForGroup } from '../../domain/history/history-event.ts';
import { LicensingError } from '../../domain/errors.ts';
import type { AssignedLicense } from '../../domain/licensing.ts';
import {
  noItems,
  type DirectAlso,
  type GroupErrorCount,
  type GroupTarget,
  type ItemCounts,
  type OperationOutcome,
} from '../../domain/operations/operation.ts';
import type { DynamicGroupBody } from '../../domain/dynamic-rules/dynamic-group-body.ts';
import { samePlans } from '../../domain/planning/user-licenses.ts';
import type { GroupRunCheckpoint, StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import type { HeldLease } from '../runs/held-lease.ts';
import { moveBySystem } from '../runs/system-move.ts';
import { showProgress } from '../runs/show-progress.ts';
import { licenseErrorReason } from '../views/license-error-reason.ts';

/** How long to wait between reads of the group's processing state: doubling, capped. */
export const PROCESSING_CHECK = { firstMs: 1_000, maxMs: 60_000 } as const;
// A member in error is counted from this many reads; the card names the first few of each reason.
const MEMBERS_IN_ERROR_READ = 1_000;
const NAMES_KEPT = 5;

function sameLicenses(a: readonly AssignedLicense[], b: readonly AssignedLicense[]): boolean {
  return (
    a.length === b.length &&
    a.every((license) =>
      b.some(
        (other) =>
          other.skuId === license.skuId && samePlans(other.disabledPlans, license.disabledPlans),
      ),
    )
  );
}

async function checkpoint(
  deps: RequestDependencies,
  operation: StoredOperation,
  group: GroupRunCheckpoint,
  holder: string,
): Promise<void> {
  try {
    const saved = await deps.operations.saveCheckpoint(operation.tenantId, operation.id, {
      counts: { ...noItems(), planned: operation.userCount },
      runner: holder,
      group,
      at: deps.clock.now().toISOString(),
    });
    showProgress(deps, saved.value);
  } catch (error) {
    deps.logger.warn({ err: error, operationId: operation.id }, 'could not save a checkpoint');
  }
}

/** Members of the group in error for its licenses, by reason, once processing is complete. */
async function membersInError(
  deps: RequestDependencies,
  operation: StoredOperation,
  groupId: string,
): Promise<{ total: number; byReason: GroupErrorCount[] }> {
  const directory = deps.directory.forTenant(operation.tenantId);
  const byError = new Map<string, GroupErrorCount>();
  let total = 0;
  for await (const member of directory.listMembersWithLicenseErrors(groupId, {
    limit: MEMBERS_IN_ERROR_READ,
  })) {
    const state = (member.licenseAssignmentStates ?? []).find(
      (candidate) =>
        candidate.assignedByGroup === groupId &&
        candidate.error !== null &&
        candidate.error !== 'None',
    );
    if (state === undefined) {
      continue;
    }
    total += 1;
    const error = state.error ?? 'Other';
    const entry = byError.get(error) ?? {
      error,
      reason:
        licenseErrorReason(error, member.usageLocation) ?? 'Entra could not apply the license.',
      count: 0,
      names: [],
    };
    entry.count += 1;
    if (entry.names.length < NAMES_KEPT) {
      entry.names.push(member.displayName);
    }
    byError.set(error, entry);
  }
  return { total, byReason: [...byError.values()] };
}

// A removal request names members in its text: the first this many, the rest counted.
const DIRECT_ADDRESSES_KEPT = 100;

/**
 * Members the group now covers who hold the same SKU directly too: their direct license can go
 * (a removal the card offers, approved like any).
 */
async function directAlso(
  deps: RequestDependencies,
  operation: StoredOperation,
  target: GroupTarget,
): Promise<DirectAlso[]> {
  const directory = deps.directory.forTenant(operation.tenantId);
  const skus = await directory.listSkus();
  const found = new Map<string, DirectAlso>();
  for await (const member of directory.listGroupMembers(target.id, {
    transitive: false,
    fields: 'licensing',
  })) {
    for (const license of target.body.addLicenses) {
      const states = (member.licenseAssignmentStates ?? []).filter(
        (state) => state.skuId === license.skuId,
      );
      const covered = states.some(
        (state) => state.assignedByGroup === target.id && state.state === 'Active',
      );
      if (!covered || !states.some((state) => state.assignedByGroup === null)) {
        continue;
      }
      const entry = found.get(license.skuId) ?? {
        skuId: license.skuId,
        skuPartNumber:
          skus.find((sku) => sku.skuId === license.skuId)?.skuPartNumber ?? license.skuId,
        count: 0,
        addresses: [],
      };
      entry.count += 1;
      if (entry.addresses.length < DIRECT_ADDRESSES_KEPT) {
        entry.addresses.push(member.userPrincipalName);
      }
      found.set(license.skuId, entry);
    }
  }
  return [...found.values()];
}

function outcomeOf(
  counts: ItemCounts,
  groupErrors: GroupErrorCount[],
  direct: DirectAlso[] = [],
): OperationOutcome {
  return {
    counts,
    notReached: 0,
    failures: [],
    skips: [],
    otherFailures: 0,
    firstResults: [],
    groupErrors,
    ...(direct.length > 0 ? { directAlso: direct } : {}),
  };
}

async function end(
  deps: RequestDependencies,
  operation: StoredOperation,
  outcome: OperationOutcome,
  message: string,
): Promise<StoredOperation | undefined> {
  const finished = await moveBySystem(deps, operation.tenantId, operation.id, 'finish', () => ({
    type: 'finish',
    outcome,
  }));
  // Deterministic ids: a run resumed after this point writes the same events, not copies.
  await deps.history.append(
    historyEventsForGroup(operation, deps.clock.now(), {
      succeeded: outcome.counts.done > 0 || outcome.counts.failed === 0,
      message,
    }),
  );
  return finished;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * Creates the dynamic group an approver approved, or finds the one a run that died before its
 * checkpoint created (same name and rule): never a second group.
 */
async function createdGroup(
  deps: RequestDependencies,
  operation: StoredOperation,
  body: DynamicGroupBody,
): Promise<string> {
  const directory = deps.directory.forTenant(operation.tenantId);
  const existing = (await directory.searchGroups(body.displayName, { limit: 10 })).find(
    (group) => group.displayName === body.displayName,
  );
  return existing?.id ?? deps.licenses.forTenant(operation.tenantId).createDynamicGroup(body);
}

/**
 * Runs an approved group license change: one `assignLicense` on the group (not sent again when
 * the group already has the licenses it asks for: a run resumed after the call), then Entra's
 * `licenseProcessingState` read with a doubling wait until processing completes, each read a
 * checkpoint its cards show; then members licensed and members in error by reason. A stop
 * leaves it `running` for the next start, which carries on from the checkpoint.
 */
export async function runGroupChange(
  deps: RequestDependencies,
  asRead: StoredOperation,
  lease: HeldLease,
  holder: string,
): Promise<StoredOperation | undefined> {
  let operation = asRead;
  const directory = deps.directory.forTenant(operation.tenantId);
  const stopping = deps.runs?.signal;
  let progress: GroupRunCheckpoint = operation.checkpoint?.group ?? { checks: 0 };
  const asked = operation.group!;
  if (asked.create !== undefined && progress.createdId === undefined) {
    progress = { ...progress, createdId: await createdGroup(deps, operation, asked.create) };
    await checkpoint(deps, operation, progress, holder);
  }
  // From here on the group has its id, and the operation names it (history, outcome).
  const target: GroupTarget = { ...asked, id: progress.createdId ?? asked.id };
  operation = { ...operation, group: target };
  if (progress.sentAt === undefined) {
    const group = await directory.findGroup(target.id);
    if (group === null) {
      const message = `The group "${target.displayName}" no longer exists: nothing was changed.`;
      return end(
        deps,
        operation,
        outcomeOf({ ...noItems(), failed: Math.max(1, operation.userCount) }, [
          { error: 'GROUP_NOT_FOUND', reason: message, count: operation.userCount, names: [] },
        ]),
        message,
      );
    }
    if (!sameLicenses(group.assignedLicenses ?? [], target.after)) {
      try {
        await deps.licenses
          .forTenant(operation.tenantId)
          .assignGroupLicenses(target.id, target.body);
      } catch (error) {
        if (!(error instanceof LicensingError) || error.failure.retryable) {
          throw error;
        }
        const message = `Microsoft 365 refused the change to "${target.displayName}": ${error.failure.message}`;
        return end(
          deps,
          operation,
          outcomeOf({ ...noItems(), failed: Math.max(1, operation.userCount) }, [
            { error: error.failure.code, reason: message, count: operation.userCount, names: [] },
          ]),
          message,
        );
      }
    }
    progress = {
      sentAt: deps.clock.now().toISOString(),
      processing: 'QueuedForProcessing',
      checks: 0,
    };
    await checkpoint(deps, operation, progress, holder);
  }
  let waitMs: number = PROCESSING_CHECK.firstMs;
  for (;;) {
    if (stopping?.aborted === true || !(await lease.held())) {
      return undefined;
    }
    const group = await directory.findGroup(target.id);
    const state = group?.licenseProcessingState ?? 'ProcessingComplete';
    progress = { ...progress, processing: state, checks: progress.checks + 1 };
    await checkpoint(deps, operation, progress, holder);
    if (state === 'ProcessingComplete' || state === 'ProcessingFailed') {
      break;
    }
    await deps.clock.sleep(waitMs, stopping);
    waitMs = Math.min(waitMs * 2, PROCESSING_CHECK.maxMs);
  }
  const members = await directory.countGroupMembers(target.id);
  const errors = await membersInError(deps, operation, target.id);
  const removal = target.body.addLicenses.length === 0;
  const done = Math.max(0, members - errors.total);
  const created = asked.create
    ? `Created the dynamic group "${target.displayName}" (rule ${asked.create.membershipRule}); members join as Entra evaluates the rule, and get the license as they join. `
    : '';
  const message = removal
    ? `Entra removed it from the group's ${plural(members, 'member')}.`
    : `${created}Entra processed ${plural(members, 'member')}: ${done} licensed, ${errors.total} in error.`;
  const direct = removal ? [] : await directAlso(deps, operation, target);
  return end(
    deps,
    operation,
    outcomeOf({ ...noItems(), done, failed: errors.total }, errors.byReason, direct),
    message,
  );
}
