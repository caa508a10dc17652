import type { UserView } from '../../app/views/user-view.ts';
import type { UserCardData } from './card-data.ts';
import { pagerOf } from './pager.ts';

/** The `user` card's data from a user's licenses view. */
export function userCardData(view: UserView): UserCardData {
  return {
    id: view.id,
    displayName: view.displayName,
    userPrincipalName: view.userPrincipalName,
    details: view.details === '' ? 'not recorded' : view.details,
    usageLocation: view.usageLocation,
    accountText: view.accountEnabled ? 'enabled' : 'disabled (sign-in blocked)',
    licenseCountText:
      view.licenses.total === 0
        ? 'none'
        : `${view.licenses.total} product${view.licenses.total === 1 ? '' : 's'}`,
    licenses: view.licenses.items.map((license) => ({
      name: license.name,
      partNumber: license.partNumber,
      sources: license.sources.map((source) => ({
        from: source.from,
        state: source.state === 'Active' ? 'working' : source.state,
        problem: source.problem ?? '',
      })),
      enabledPlans: license.enabledPlans,
      disabledPlans: license.disabledPlans,
    })),
    pager: pagerOf(view.licenses, 'products'),
  };
}
