import type { AlertFinding } from '../../domain/alerts/alert.ts';
import {
  groupErrorReasons,
  groupErrorsFingerprint,
} from '../../domain/alerts/group-error-reasons.ts';
import type { DirectoryUser } from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import { licenseErrorReason } from '../views/license-error-reason.ts';

/** Members in error read per group at most: the count says "at least" past it. */
export const MEMBERS_READ_PER_GROUP = 1_000;

const members = (count: number) => `${count} member${count === 1 ? '' : 's'}`;

/**
 * Groups with members in license errors (`hasMembersWithLicenseErrors`), each with how many
 * members fail and why (`membersWithLicenseErrors`), as one alert per group.
 */
export async function groupErrorFindings(directory: Directory): Promise<AlertFinding[]> {
  const findings: AlertFinding[] = [];
  for (const group of await directory.listGroupsWithLicenseErrors()) {
    const failing: DirectoryUser[] = [];
    for await (const user of directory.listMembersWithLicenseErrors(group.id, {
      limit: MEMBERS_READ_PER_GROUP,
    })) {
      failing.push(user);
    }
    if (failing.length === 0) {
      // Graph's filter and the member list disagree for a moment while Entra processes.
      continue;
    }
    const reasons = groupErrorReasons(group.id, failing);
    const atLeast = failing.length >= MEMBERS_READ_PER_GROUP ? ' or more' : '';
    findings.push({
      id: `group-errors:${group.id}`,
      kind: 'group-errors',
      fingerprint: groupErrorsFingerprint(failing.length, reasons),
      title: `Group "${group.displayName}": ${members(failing.length)}${atLeast} without their licenses`,
      users: failing.length,
      reason: reasons
        .map((r) => `${members(r.users)}: ${licenseErrorReason(r.error) ?? r.error}`)
        .join('\n'),
      fix: { kind: 'group', groupId: group.id },
    });
  }
  return findings;
}
