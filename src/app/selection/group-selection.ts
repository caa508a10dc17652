import type { DirectoryGroup } from '../../domain/licensing.ts';
import { isObjectId } from '../../domain/object-ids.ts';
import type { Directory } from '../ports/directory.ts';
import type { OpenedResult, SelectionResult, SkippedMembers } from './selected-users.ts';
import { oncePerUser, readAll } from './read-together.ts';

/** Graph's largest page: a 50,000-member group is 51 reads. */
const PAGE_SIZE = 999;

/** The one group a typed name (or object id) means, or why there is not exactly one. */
async function findOneGroup(
  directory: Directory,
  typed: string,
): Promise<{ ok: true; group: DirectoryGroup } | { ok: false; message: string }> {
  if (isObjectId(typed, 'guid')) {
    const group = await directory.findGroup(typed);
    if (group) {
      return { ok: true, group };
    }
  }
  const found = await directory.searchGroups(typed, { limit: 6 });
  const exact = found.filter((group) => group.displayName.toLowerCase() === typed.toLowerCase());
  const only = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : undefined;
  if (only) {
    return { ok: true, group: only };
  }
  if (found.length === 0) {
    return {
      ok: false,
      message: `I can't find a group named "${typed}". Check the name in Entra ID, or give the group's object id.`,
    };
  }
  const names = (exact.length > 1 ? exact : found).slice(0, 5).map((group) => group.displayName);
  return {
    ok: false,
    message:
      exact.length > 1
        ? `${exact.length} groups are named "${typed}": give the group's object id instead.`
        : `Several groups start with "${typed}": ${names.map((name) => `"${name}"`).join(', ')}. Say which one, in quotes.`,
  };
}

/**
 * A group ready to read: its users, nested groups' members included (transitive membership
 * covers dynamic groups too), read page by page with what planning needs; devices and contacts
 * are counted and skipped.
 */
export async function openGroupMembers(directory: Directory, typed: string): Promise<OpenedResult> {
  const found = await findOneGroup(directory, typed);
  if (!found.ok) {
    return { ok: false, message: found.message };
  }
  const groupId = found.group.id;
  return {
    ok: true,
    value: {
      label: `group "${found.group.displayName}"`,
      rowProblems: [],
      read: async (taken) => {
        // A user in two nested groups is listed once by Graph; a stand-in may not: take them once.
        const take = oncePerUser(taken);
        const skippedMembers: SkippedMembers = { devices: 0, contacts: 0, other: 0 };
        for await (const user of directory.listGroupMembers(groupId, {
          transitive: true,
          pageSize: PAGE_SIZE,
          fields: 'licensing',
          onOtherMember: (kind) => {
            if (kind === 'device') {
              skippedMembers.devices += 1;
            } else if (kind === 'contact') {
              skippedMembers.contacts += 1;
            } else if (kind !== 'group') {
              skippedMembers.other += 1;
            }
          },
        })) {
          take(user, 0);
        }
        return skippedMembers;
      },
    },
  };
}

/** A group's users read into one list (see `openGroupMembers`). */
export async function selectGroupMembers(
  directory: Directory,
  typed: string,
): Promise<SelectionResult> {
  const opened = await openGroupMembers(directory, typed);
  return opened.ok ? readAll(opened.value) : opened;
}
