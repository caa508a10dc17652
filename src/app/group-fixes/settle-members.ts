import type { DirectoryUser, ObjectId } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import { DEFAULT_SETTLE, type GroupFixDependencies } from './group-fix-deps.ts';

/** Members still in error once Entra settled (or when the wait ended), and whether it settled. */
export interface SettledMembers {
  stillInError: DirectoryUser[];
  settled: boolean;
}

// A fix reads at most this many members in error of a group; past that, it says so.
export const MAX_MEMBERS = 500;

const isBusy = (state: string | null | undefined): boolean =>
  state === 'QueuedForProcessing' || state === 'ProcessingInProgress';

const inErrorFrom = (user: DirectoryUser, groupId: ObjectId | undefined): boolean =>
  (user.licenseAssignmentStates ?? []).some(
    (s) =>
      (s.state === 'Error' || s.state === 'ActiveWithError') &&
      (groupId === undefined ? s.assignedByGroup !== null : s.assignedByGroup === groupId),
  );

/** The reprocessed users still in error now, and whether the group is still being processed. */
async function readOnce(
  directory: Directory,
  groupId: ObjectId | undefined,
  userIds: readonly ObjectId[],
): Promise<{ inError: DirectoryUser[]; busy: boolean }> {
  if (groupId === undefined) {
    const users = await directory.findUsers(userIds);
    return {
      inError: [...users.values()].filter((user) => inErrorFrom(user, undefined)),
      busy: false,
    };
  }
  const wanted = new Set(userIds);
  const inError: DirectoryUser[] = [];
  const [group] = await Promise.all([
    directory.findGroup(groupId),
    (async () => {
      // Every page: a reprocessed member listed past the first MAX_MEMBERS is still in error.
      for await (const member of directory.listMembersWithLicenseErrors(groupId)) {
        if (wanted.has(member.id)) {
          inError.push(member);
        }
      }
    })(),
  ]);
  return { inError, busy: isBusy(group?.licenseProcessingState) };
}

const signature = (users: readonly DirectoryUser[]): string =>
  users
    .map((u) =>
      [
        u.id,
        ...(u.licenseAssignmentStates ?? []).map((s) => `${s.skuId}:${s.state}:${s.error ?? ''}`),
      ].join('|'),
    )
    .sort()
    .join(';');

/**
 * Waits until Entra has processed what was reprocessed: nobody left in error, or (Graph has no
 * per-user processing state) the group no longer processing and two reads in a row the same.
 * At the end of the wait it answers what it saw, with `settled` false.
 */
export async function waitUntilSettled(
  deps: Pick<GroupFixDependencies, 'clock' | 'settle'>,
  directory: Directory,
  groupId: ObjectId | undefined,
  userIds: readonly ObjectId[],
): Promise<SettledMembers> {
  const { timeoutMs, intervalMs } = { ...DEFAULT_SETTLE, ...deps.settle };
  const deadline = deps.clock.now().getTime() + timeoutMs;
  let previous: string | undefined;
  for (;;) {
    const { inError, busy } = await readOnce(directory, groupId, userIds);
    const now = signature(inError);
    if (!busy && (inError.length === 0 || now === previous)) {
      return { stillInError: inError, settled: true };
    }
    if (deps.clock.now().getTime() + intervalMs > deadline) {
      return { stillInError: inError, settled: false };
    }
    previous = busy ? undefined : now;
    await deps.clock.sleep(intervalMs);
  }
}
