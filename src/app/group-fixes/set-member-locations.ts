import { isCountryCode } from '../../domain/geo/usage-location.ts';
import type { Caller } from '../identity/caller.ts';
import type { GroupFixOutcome } from './fix-result.ts';
import type { GroupFixDependencies } from './group-fix-deps.ts';
import { groupErrorReasons } from './group-error-reasons.ts';
import {
  APPROVERS_ONLY,
  fixEvent,
  groupInError,
  reprocessAndSettle,
  writeAll,
} from './reprocess-members.ts';

/**
 * Sets the usage location of a group's members in error for their location (the product is not
 * sold there), then reprocesses them. Only the location changes: the group's licenses were
 * already decided, and Entra applies them once the location allows it. Each location set is in
 * history with who set it.
 */
export async function setMemberLocations(
  deps: GroupFixDependencies,
  caller: Caller,
  groupId: string,
  typed: string,
): Promise<GroupFixOutcome> {
  if (caller.role !== 'approver') {
    return APPROVERS_ONLY;
  }
  const location = typed.trim().toUpperCase();
  if (!isCountryCode(location)) {
    return {
      ok: false,
      message: `"${typed.trim()}" is not a country code. Type the two letters of the country where they work, e.g. US, GB or DE.`,
    };
  }
  const directory = deps.directory.forTenant(caller.tenantId);
  const found = await groupInError(directory, groupId);
  if (!found.ok) {
    return found;
  }
  const reasons = groupErrorReasons(groupId, found.members, await directory.listSkus());
  const members =
    reasons.find((r) => r.kind === 'ProhibitedInUsageLocationViolation')?.members ?? [];
  if (members.length === 0) {
    return {
      ok: false,
      message: `No member of "${found.group.displayName}" is in error for their usage location now.`,
    };
  }
  const fixId = `location-${deps.newId()}`;
  const outcomes = await writeAll(
    deps,
    caller.tenantId,
    members.map((m) => ({
      key: m.id,
      kind: 'setUsageLocation',
      userId: m.id,
      usageLocation: location,
    })),
  );
  const at = deps.clock.now();
  await deps.history.append(
    members.map((member) =>
      fixEvent(caller, fixId, member, at, outcomes.get(member.id), {
        kind: 'usageLocationSet',
        location,
      }),
    ),
  );
  const set = members.filter((m) => outcomes.get(m.id)?.ok === true);
  const refused = members.flatMap((member) => {
    const outcome = outcomes.get(member.id);
    return outcome?.ok === false ? [{ member, message: outcome.failure.message }] : [];
  });
  return {
    ok: true,
    result: await reprocessAndSettle(
      deps,
      caller,
      directory,
      found.group,
      set.map((m) => ({ ...m, usageLocation: location })),
      { usageLocation: location, refused, capped: found.capped },
    ),
  };
}
