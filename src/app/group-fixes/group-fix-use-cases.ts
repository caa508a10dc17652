import type { Caller } from '../identity/caller.ts';
import { conflictingDirect, type ConflictingDirect } from './conflicting-direct.ts';
import type { GroupFixOutcome } from './fix-result.ts';
import type { GroupFixDependencies } from './group-fix-deps.ts';
import { reprocessMembersInError, reprocessUser } from './reprocess-members.ts';
import { setMemberLocations } from './set-member-locations.ts';

export type { FixResult, GroupFixOutcome } from './fix-result.ts';
export type { ConflictingDirect } from './conflicting-direct.ts';

/** Fixes for group license errors, as approvers click them on the group card or an alert. */
export interface GroupFixUseCases {
  /** Reprocesses every member of the group in error; the result once Entra settled. */
  reprocessGroup(caller: Caller, groupId: string): Promise<GroupFixOutcome>;
  /** Reprocesses one user; `groupId` is the group whose card (or alert) asked. */
  reprocessUser(caller: Caller, userId: string, groupId?: string): Promise<GroupFixOutcome>;
  /** Sets the usage location of the members in error for theirs, then reprocesses them. */
  setUsageLocations(caller: Caller, groupId: string, location: string): Promise<GroupFixOutcome>;
  /** Who holds `skuId` directly against the group's licenses: what a removal request names. */
  conflictingDirect(
    tenantId: string,
    groupId: string,
    skuId: string,
  ): Promise<ConflictingDirect | { message: string }>;
}

/** The group-fix use cases over `deps`, wired once by the composition root. */
export function groupFixUseCases(deps: GroupFixDependencies): GroupFixUseCases {
  return {
    reprocessGroup: (caller, groupId) => reprocessMembersInError(deps, caller, groupId),
    reprocessUser: (caller, userId, groupId) => reprocessUser(deps, caller, userId, groupId),
    setUsageLocations: (caller, groupId, location) =>
      setMemberLocations(deps, caller, groupId, location),
    conflictingDirect: (tenantId, groupId, skuId) =>
      conflictingDirect(deps.directory.forTenant(tenantId), groupId, skuId),
  };
}
