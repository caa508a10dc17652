import type { DirectoryUser, LicenseAssignmentErrorName, ObjectId } from '../licensing.ts';

/** How many of a group's members in error fail for one reason. */
export interface ErrorReasonCount {
  error: Exclude<LicenseAssignmentErrorName, 'None' | 'Others'>;
  users: number;
}

/**
 * The reasons a group's members in error fail for, most users first: each user counted once per
 * reason among the group's assignments to them (`Others`, the older spelling, read as `Other`;
 * a member Graph lists in error with no error on the group's assignments counts as `Other`).
 */
export function groupErrorReasons(
  groupId: ObjectId,
  members: readonly Pick<DirectoryUser, 'licenseAssignmentStates'>[],
): ErrorReasonCount[] {
  const counts = new Map<ErrorReasonCount['error'], number>();
  for (const member of members) {
    const reasons = new Set<ErrorReasonCount['error']>();
    for (const state of member.licenseAssignmentStates ?? []) {
      if (state.assignedByGroup !== groupId || state.error === null || state.error === 'None') {
        continue;
      }
      reasons.add(state.error === 'Others' ? 'Other' : state.error);
    }
    if (reasons.size === 0) {
      reasons.add('Other');
    }
    for (const reason of reasons) {
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([error, users]) => ({ error, users }))
    .sort((a, b) => b.users - a.users || a.error.localeCompare(b.error));
}

/** A fingerprint of a group's errors: how many members, and how many for each reason. */
export function groupErrorsFingerprint(
  users: number,
  reasons: readonly ErrorReasonCount[],
): string {
  return `users=${users};${reasons.map((r) => `${r.error}=${r.users}`).join(',')}`;
}
