import type { Directory } from '../ports/directory.ts';
import type { ReasonMember } from './group-error-reasons.ts';
import { groupErrorReasons } from './group-error-reasons.ts';
import { groupInError } from './reprocess-members.ts';

/** Members of a group whose direct license of one product clashes with the group's. */
export interface ConflictingDirect {
  groupName: string;
  partNumber: string;
  productName: string;
  members: ReasonMember[];
}

/**
 * Who of a group's members in conflict (mutually exclusive plans, a missing dependency) holds
 * `skuId` directly, read now: what a removal request for them names, or why there is none.
 */
export async function conflictingDirect(
  directory: Directory,
  groupId: string,
  skuId: string,
): Promise<ConflictingDirect | { message: string }> {
  const found = await groupInError(directory, groupId);
  if (!found.ok) {
    return { message: found.message };
  }
  const reasons = groupErrorReasons(groupId, found.members, await directory.listSkus());
  const holders = new Map<string, ReasonMember>();
  let product: { partNumber: string; name: string } | undefined;
  for (const reason of reasons) {
    for (const conflict of reason.directConflicts.filter((c) => c.skuId === skuId)) {
      product = { partNumber: conflict.partNumber, name: conflict.name };
      for (const member of conflict.members) {
        holders.set(member.id, member);
      }
    }
  }
  if (product === undefined) {
    return {
      message: `No member of "${found.group.displayName}" is in conflict because of that license now.`,
    };
  }
  return {
    groupName: found.group.displayName,
    partNumber: product.partNumber,
    productName: product.name,
    members: [...holders.values()],
  };
}
