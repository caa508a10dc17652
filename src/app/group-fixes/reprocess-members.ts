import { historyEventId, type HistoryEvent } from '../../domain/history/history-event.ts';
import type { DirectoryGroup, DirectoryUser } from '../../domain/licensing.ts';
import type { Caller } from '../identity/caller.ts';
import type { Directory } from '../ports/directory.ts';
import type { LicenseWrite, LicenseWriteOutcome } from '../ports/license-writer.ts';
import type { FixResult, GroupFixOutcome } from './fix-result.ts';
import type { GroupFixDependencies } from './group-fix-deps.ts';
import { groupErrorReasons, type ReasonMember } from './group-error-reasons.ts';
import { MAX_MEMBERS, waitUntilSettled } from './settle-members.ts';

/** The answer to someone who is not a license approver. */
export const APPROVERS_ONLY: GroupFixOutcome = {
  ok: false,
  message: 'Only license approvers can fix group license errors. Ask one of them.',
};

const memberOf = (user: DirectoryUser): ReasonMember => ({
  id: user.id,
  displayName: user.displayName,
  userPrincipalName: user.userPrincipalName,
  usageLocation: user.usageLocation ?? null,
});

/** Runs writes through the tenant's batch writer (paced, `$batch` of 20): outcomes by key. */
export async function writeAll(
  deps: GroupFixDependencies,
  tenantId: string,
  writes: readonly LicenseWrite[],
): Promise<Map<string, LicenseWriteOutcome>> {
  const outcomes = new Map<string, LicenseWriteOutcome>();
  for await (const outcome of deps.licenses.forTenant(tenantId).writeMany(writes)) {
    outcomes.set(outcome.key, outcome);
  }
  return outcomes;
}

/** One history line per member and fix, under the fix's own id, naming who did it. */
export function fixEvent(
  caller: Caller,
  fixId: string,
  member: ReasonMember,
  at: Date,
  outcome: LicenseWriteOutcome | undefined,
  change: { kind: 'reprocessed'; group?: string } | { kind: 'usageLocationSet'; location: string },
): HistoryEvent {
  const failed = outcome === undefined || !outcome.ok;
  return {
    id: historyEventId(fixId, member.id, change.kind),
    tenantId: caller.tenantId,
    operationId: fixId,
    at: at.toISOString(),
    change: change.kind,
    userId: member.id,
    userPrincipalName: member.userPrincipalName,
    requester: { userId: caller.userId, displayName: caller.displayName },
    result: failed ? 'failed' : 'succeeded',
    ...(change.kind === 'usageLocationSet' ? { usageLocation: change.location } : {}),
    ...(outcome !== undefined && !outcome.ok
      ? { failureCode: outcome.failure.code, message: outcome.failure.message }
      : {
          message:
            change.kind === 'reprocessed'
              ? `Group licenses reprocessed${change.group ? ` (group "${change.group}")` : ''}`
              : `Usage location set to ${change.location} to fix a group license error`,
        }),
    ...(outcome?.ok && outcome.requestId ? { graphRequestId: outcome.requestId } : {}),
  };
}

/**
 * Reprocesses `members` (Graph's `reprocessLicenseAssignment`, in `$batch`es through the tenant's
 * pacer), records each in history, waits for Entra to settle and says who is fixed and who is
 * still in error and why.
 */
export async function reprocessAndSettle(
  deps: GroupFixDependencies,
  caller: Caller,
  directory: Directory,
  group: DirectoryGroup | undefined,
  members: readonly ReasonMember[],
  extra: Pick<FixResult, 'usageLocation' | 'refused' | 'capped'> = { refused: [], capped: false },
): Promise<FixResult> {
  const fixId = `reprocess-${deps.newId()}`;
  const outcomes = await writeAll(
    deps,
    caller.tenantId,
    members.map((m) => ({ key: m.id, kind: 'reprocess', userId: m.id })),
  );
  const at = deps.clock.now();
  await deps.history.append(
    members.map((member) =>
      fixEvent(caller, fixId, member, at, outcomes.get(member.id), {
        kind: 'reprocessed',
        ...(group ? { group: group.displayName } : {}),
      }),
    ),
  );
  const reprocessed = members.filter((m) => outcomes.get(m.id)?.ok === true);
  const refused = members.flatMap((member) => {
    const outcome = outcomes.get(member.id);
    return outcome?.ok === true
      ? []
      : [
          {
            member,
            message:
              outcome?.ok === false ? outcome.failure.message : 'No answer from Microsoft 365.',
          },
        ];
  });
  const settled =
    reprocessed.length === 0
      ? { stillInError: [], settled: true }
      : await waitUntilSettled(
          deps,
          directory,
          group?.id,
          reprocessed.map((m) => m.id),
        );
  const still = new Set(settled.stillInError.map((u) => u.id));
  return {
    ...(group ? { groupId: group.id, groupName: group.displayName } : {}),
    ...(extra.usageLocation ? { usageLocation: extra.usageLocation } : {}),
    reprocessed,
    refused: [...extra.refused, ...refused],
    fixed: reprocessed.filter((m) => !still.has(m.id)),
    stillInError:
      settled.stillInError.length === 0
        ? []
        : groupErrorReasons(group?.id, settled.stillInError, await directory.listSkus()),
    settled: settled.settled,
    capped: extra.capped,
  };
}

/** A group and its members in error now (the first `MAX_MEMBERS`), or why not. */
export async function groupInError(
  directory: Directory,
  groupId: string,
): Promise<
  | { ok: true; group: DirectoryGroup; members: DirectoryUser[]; capped: boolean }
  | { ok: false; message: string }
> {
  const group = await directory.findGroup(groupId);
  if (!group) {
    return { ok: false, message: 'That group no longer exists in your organisation.' };
  }
  const members: DirectoryUser[] = [];
  for await (const member of directory.listMembersWithLicenseErrors(groupId, {
    limit: MAX_MEMBERS,
  })) {
    members.push(member);
  }
  return { ok: true, group, members, capped: members.length >= MAX_MEMBERS };
}

/** Reprocesses every member of a group in error (Graph has no group-level reprocess in v1.0). */
export async function reprocessMembersInError(
  deps: GroupFixDependencies,
  caller: Caller,
  groupId: string,
): Promise<GroupFixOutcome> {
  if (caller.role !== 'approver') {
    return APPROVERS_ONLY;
  }
  const directory = deps.directory.forTenant(caller.tenantId);
  const found = await groupInError(directory, groupId);
  if (!found.ok) {
    return found;
  }
  if (found.members.length === 0) {
    return {
      ok: false,
      message: `No member of "${found.group.displayName}" is in error now: nothing to reprocess.`,
    };
  }
  return {
    ok: true,
    result: await reprocessAndSettle(
      deps,
      caller,
      directory,
      found.group,
      found.members.map(memberOf),
      { refused: [], capped: found.capped },
    ),
  };
}

/** Reprocesses one user's group-based licenses; `groupId` says which group's card asked. */
export async function reprocessUser(
  deps: GroupFixDependencies,
  caller: Caller,
  userId: string,
  groupId?: string,
): Promise<GroupFixOutcome> {
  if (caller.role !== 'approver') {
    return APPROVERS_ONLY;
  }
  const directory = deps.directory.forTenant(caller.tenantId);
  const [user, group] = await Promise.all([
    directory.findUser(userId),
    groupId === undefined ? Promise.resolve(null) : directory.findGroup(groupId),
  ]);
  if (!user) {
    return { ok: false, message: 'That person no longer exists in your organisation.' };
  }
  return {
    ok: true,
    result: await reprocessAndSettle(deps, caller, directory, group ?? undefined, [memberOf(user)]),
  };
}

export { memberOf };
