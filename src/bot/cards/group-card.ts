import type { GroupErrorReason } from '../../app/group-fixes/group-error-reasons.ts';
import type { GroupView } from '../../app/views/group-view.ts';
import type { GroupCardData, GroupFixButton, GroupReasonCardData } from './card-data.ts';
import { pagerOf } from './pager.ts';

/** How the card is drawn for this viewer, and what a fix just did. */
export interface GroupCardOptions {
  /** Approvers get the fix buttons. */
  canFix: boolean;
  notice?: { text: string; color: GroupCardData['noticeColor'] };
  /** A likely usage location (the organisation's country), shown as a hint only. */
  countryHint?: string;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** "Adele Vance, Alex Wilber and 3 more": the first names of a list. */
export function firstNames(names: readonly string[], shown = 5): string {
  if (names.length <= shown) {
    return names.length <= 1
      ? (names[0] ?? '')
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
  }
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more`;
}

function fixesOf(reason: GroupErrorReason, countryHint: string): GroupFixButton[] {
  switch (reason.kind) {
    case 'CountViolation':
      return reason.products.map((product) => ({
        kind: 'holders',
        title: `Who holds ${product.name}`,
        skuId: product.skuId,
        shortfall: product.shortfall,
      }));
    case 'MutuallyExclusiveViolation':
    case 'DependencyViolation':
      return reason.directConflicts.map((conflict) => ({
        kind: 'removeDirect',
        title: `Remove the conflicting direct license: ${conflict.name} (${plural(conflict.members.length, 'member')})`,
        skuId: conflict.skuId,
      }));
    case 'ProhibitedInUsageLocationViolation':
      return [{ kind: 'location', title: 'Set usage location', placeholder: countryHint }];
    case 'UniquenessViolation':
    case 'Other':
      return reason.members.slice(0, 3).map((member) => ({
        kind: 'reprocessUser',
        title: `Reprocess ${member.displayName}`,
        userId: member.id,
      }));
  }
}

/** One reason on the card: plain words, who, and (for approvers) its fixes. */
export function reasonCardData(reason: GroupErrorReason, countryHint = ''): GroupReasonCardData {
  return {
    heading: `${reason.words.title} · ${plural(reason.members.length, 'member')} (${reason.kind})`,
    happened: reason.words.happened,
    fix: reason.words.fix,
    who: `Who: ${firstNames(reason.members.map((m) => m.displayName))}`,
    active:
      reason.activeCount === 0
        ? ''
        : `${reason.activeCount} of them still have the license working (Entra says "active with error").`,
    fixes: fixesOf(reason, countryHint),
  };
}

/** The `group` card's data from a group's licensing view, for an approver or a requester. */
export function groupCardData(view: GroupView, options: GroupCardOptions): GroupCardData {
  return {
    id: view.id,
    displayName: view.displayName,
    description: view.description,
    memberCountText: String(view.memberCount),
    processing: view.processing,
    errorCount: view.errorCount,
    errorCountText:
      view.errorCount === 0
        ? 'none'
        : view.errorCountCapped
          ? `${view.errorCount} or more (the first ${view.errorCount} are listed)`
          : String(view.errorCount),
    licenses: view.licenses,
    notice: options.notice?.text ?? '',
    noticeColor: options.notice?.color ?? 'Default',
    canFix: options.canFix,
    reprocessAllTitle: `Reprocess all ${plural(view.errorCount, 'member')} in error`,
    reasons: view.reasons.map((reason) => reasonCardData(reason, options.countryHint ?? '')),
    membersInError: view.membersInError.items,
    pager: pagerOf(view.membersInError, 'members in error'),
  };
}
