import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseProcessingState,
} from '../../domain/licensing.ts';
import { groupErrorReasons, type GroupErrorReason } from '../group-fixes/group-error-reasons.ts';
import type { Directory } from '../ports/directory.ts';
import { licenseErrorReason } from './license-error-reason.ts';
import { MAX_CHOICES, type Lookup } from './lookup.ts';
import { pageOf, type Page } from './paging.ts';

/** A product the group hands out, with the plans it leaves off. */
export interface GroupLicense {
  name: string;
  partNumber: string;
  disabledPlans: string;
}

/** A member for whom the group's licenses failed, and why. */
export interface MemberInError {
  id: string;
  displayName: string;
  userPrincipalName: string;
  reasons: string;
}

export interface GroupView {
  /** The group's id: what "next page" sends back. */
  id: string;
  displayName: string;
  description: string;
  processing: string;
  memberCount: number;
  licenses: GroupLicense[];
  errorCount: number;
  /** True when there were more members in error than were read for this card. */
  errorCountCapped: boolean;
  membersInError: Page<MemberInError>;
  /** The members in error grouped by reason, each with its plain words and what fixes it. */
  reasons: GroupErrorReason[];
}

const PAGE_SIZE = 20;
// Reading every member in error of a huge group for one card is not worth it; say how many.
const MAX_MEMBERS_READ = 500;
const LOOKS_LIKE_ID = /^[0-9a-f-]{30,40}$/i;

const processingWords: Record<LicenseProcessingState, string> = {
  QueuedForProcessing: 'Queued: Entra has not started applying the latest change yet',
  ProcessingInProgress: 'In progress: Entra is applying licenses to members',
  ProcessingComplete: 'Complete: every member has been processed',
  ProcessingFailed: 'Failed: Entra could not finish; check the members in error',
};

async function describeGroup(
  directory: Directory,
  group: DirectoryGroup,
  page: number,
): Promise<GroupView> {
  const [skus, memberCount] = await Promise.all([
    directory.listSkus(),
    directory.countGroupMembers(group.id),
  ]);
  const skuById = new Map(skus.map((sku) => [sku.skuId, sku]));
  const licenses = (group.assignedLicenses ?? []).map((license): GroupLicense => {
    const sku = skuById.get(license.skuId);
    const planNames = license.disabledPlans.map((id) => {
      const plan = sku?.servicePlans.find((p) => p.servicePlanId === id);
      return plan ? planDisplayName(plan) : id;
    });
    return {
      name: sku ? skuDisplayName(sku) : license.skuId,
      partNumber: sku?.skuPartNumber ?? license.skuId,
      disabledPlans: planNames.length > 0 ? planNames.join(', ') : 'none',
    };
  });
  const inError: MemberInError[] = [];
  const read: DirectoryUser[] = [];
  for await (const member of directory.listMembersWithLicenseErrors(group.id, {
    limit: MAX_MEMBERS_READ,
  })) {
    read.push(member);
    const reasons = (member.licenseAssignmentStates ?? [])
      .filter((state) => state.assignedByGroup === group.id)
      .flatMap((state) => {
        const reason = licenseErrorReason(state.error, member.usageLocation);
        const sku = skuById.get(state.skuId);
        return reason ? [`${sku ? skuDisplayName(sku) : state.skuId}: ${reason}`] : [];
      });
    inError.push({
      id: member.id,
      displayName: member.displayName,
      userPrincipalName: member.userPrincipalName,
      reasons: reasons.length > 0 ? reasons.join('\n') : 'License error (no reason given by Entra)',
    });
  }
  const state = group.licenseProcessingState;
  return {
    id: group.id,
    displayName: group.displayName,
    description: group.description ?? '',
    processing: state ? processingWords[state] : 'No licenses processed for this group',
    memberCount,
    licenses,
    errorCount: inError.length,
    errorCountCapped: inError.length >= MAX_MEMBERS_READ,
    membersInError: pageOf(inError, page, PAGE_SIZE),
    reasons: groupErrorReasons(group.id, read, skus),
  };
}

/**
 * A group's licenses, processing state, member count and members in error, found by exact
 * name, the start of the name, or id. Several matches give a choice list.
 */
export async function lookUpGroup(
  directory: Directory,
  query: string | { id: string },
  page = 1,
): Promise<Lookup<GroupView>> {
  if (typeof query !== 'string') {
    const picked = await directory.findGroup(query.id);
    return picked
      ? { kind: 'found', view: await describeGroup(directory, picked, page) }
      : { kind: 'none' };
  }
  const text = query.trim();
  if (LOOKS_LIKE_ID.test(text)) {
    const group = await directory.findGroup(text);
    if (group) {
      return { kind: 'found', view: await describeGroup(directory, group, page) };
    }
  }
  const matches = await directory.searchGroups(text, { limit: MAX_CHOICES + 1 });
  const exact = matches.filter((g) => g.displayName.toLowerCase() === text.toLowerCase());
  const only = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
  if (only) {
    return { kind: 'found', view: await describeGroup(directory, only, page) };
  }
  if (matches.length === 0) {
    return { kind: 'none' };
  }
  return {
    kind: 'several',
    more: matches.length > MAX_CHOICES,
    choices: matches.slice(0, MAX_CHOICES).map((group) => ({
      id: group.id,
      title: group.displayName,
      subtitle: group.description ?? '',
    })),
  };
}
