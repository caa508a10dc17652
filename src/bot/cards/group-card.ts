import type { GroupView } from '../../app/views/group-view.ts';
import type { GroupCardData } from './card-data.ts';
import { pagerOf } from './pager.ts';

/** The `group` card's data from a group's licensing view. */
export function groupCardData(view: GroupView): GroupCardData {
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
    membersInError: view.membersInError.items,
    pager: pagerOf(view.membersInError, 'members in error'),
  };
}
