import { planDisplayName, skuDisplayName } from '../../domain/catalogue/display-names.ts';
import type {
  DirectoryUser,
  LicenseAssignmentState,
  LicenseAssignmentStateName,
  Sku,
} from '../../domain/licensing.ts';
import type { Directory } from '../ports/directory.ts';
import { licenseErrorReason } from './license-error-reason.ts';
import { MAX_CHOICES, type Lookup } from './lookup.ts';
import { pageOf, type Page } from './paging.ts';

/** Where one of a user's licenses comes from, and whether it works. */
export interface LicenseSource {
  from: string;
  state: LicenseAssignmentStateName;
  problem?: string;
}

/** One product a user holds, with its plans by friendly name. */
export interface UserLicense {
  name: string;
  partNumber: string;
  sources: LicenseSource[];
  enabledPlans: string;
  disabledPlans: string;
  hasProblem: boolean;
}

export interface UserView {
  /** The user's object id: what "next page" sends back. */
  id: string;
  displayName: string;
  userPrincipalName: string;
  details: string;
  usageLocation: string;
  accountEnabled: boolean;
  licenses: Page<UserLicense>;
}

// Plans are listed in full, so a page holds few products: E5 alone names about 90 plans.
const PAGE_SIZE = 3;
const LOOKS_LIKE_ID = /^[0-9a-f-]{30,40}$/i;

function joinNames(names: string[]): string {
  return names.length === 0 ? 'none' : names.sort((a, b) => a.localeCompare(b)).join(', ');
}

function describeLicense(
  skuId: string,
  states: LicenseAssignmentState[],
  sku: Sku | undefined,
  groupNames: Map<string, string>,
  usageLocation: string | null | undefined,
): UserLicense {
  const sources = states.map((state): LicenseSource => {
    const problem = licenseErrorReason(state.error, usageLocation);
    const group = state.assignedByGroup;
    return {
      from: group === null ? 'Assigned directly' : `From group "${groupNames.get(group) ?? group}"`,
      state: state.state,
      ...(problem ? { problem } : {}),
    };
  });
  // A plan is on when any working source turns it on: sources add up, they never subtract.
  const working = states.filter(
    (state) => state.state === 'Active' || state.state === 'ActiveWithError',
  );
  const plans = sku?.servicePlans ?? [];
  const isOn = (planId: string): boolean =>
    working.some((state) => !state.disabledPlans.includes(planId));
  const applied = working.length > 0;
  return {
    name: sku ? skuDisplayName(sku) : skuId,
    partNumber: sku?.skuPartNumber ?? skuId,
    sources,
    // An errored license gives nothing: listing its plans as "off" would read like a choice.
    enabledPlans: applied
      ? joinNames(plans.filter((p) => isOn(p.servicePlanId)).map(planDisplayName))
      : 'none: the license is not applied',
    disabledPlans: applied
      ? joinNames(plans.filter((p) => !isOn(p.servicePlanId)).map(planDisplayName))
      : 'not applicable',
    hasProblem: sources.some((source) => source.problem !== undefined),
  };
}

async function describeUser(
  directory: Directory,
  user: DirectoryUser,
  page: number,
): Promise<UserView> {
  const [skus, states] = await Promise.all([
    directory.listSkus(),
    user.licenseAssignmentStates ?? directory.getUserLicenseStates(user.id),
  ]);
  const groupIds = [
    ...new Set(states.flatMap((s) => (s.assignedByGroup ? [s.assignedByGroup] : []))),
  ];
  // One read for every group the licenses come from, not one per group.
  const groupNames = await directory.findGroupNames(groupIds);
  const skuById = new Map(skus.map((sku) => [sku.skuId, sku]));
  const bySku = Map.groupBy(states, (state) => state.skuId);
  const licenses = [...bySku]
    .map(([skuId, skuStates]) =>
      describeLicense(skuId, skuStates, skuById.get(skuId), groupNames, user.usageLocation),
    )
    .sort((a, b) => Number(b.hasProblem) - Number(a.hasProblem) || a.name.localeCompare(b.name));
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    details: [user.jobTitle, user.department, user.city].filter(Boolean).join(' · '),
    usageLocation: user.usageLocation ?? 'not set (licenses cannot be assigned until it is)',
    accountEnabled: user.accountEnabled !== false,
    licenses: pageOf(licenses, page, PAGE_SIZE),
  };
}

/**
 * A user's licenses, found by UPN, object id, or the start of their name or email. Several
 * matches give a choice list; the caller asks, never guesses.
 */
export async function lookUpUser(
  directory: Directory,
  query: string | { id: string },
  page = 1,
): Promise<Lookup<UserView>> {
  if (typeof query !== 'string') {
    const picked = await directory.findUser(query.id);
    return picked
      ? { kind: 'found', view: await describeUser(directory, picked, page) }
      : { kind: 'none' };
  }
  const text = query.trim();
  if (text.includes('@') || LOOKS_LIKE_ID.test(text)) {
    const user = await directory.findUser(text);
    if (user) {
      return { kind: 'found', view: await describeUser(directory, user, page) };
    }
  }
  const matches = await directory.searchUsers(text, { limit: MAX_CHOICES + 1 });
  const exact = matches.filter(
    (user) =>
      user.displayName.toLowerCase() === text.toLowerCase() ||
      user.userPrincipalName.toLowerCase() === text.toLowerCase(),
  );
  const only = matches.length === 1 ? matches[0] : exact.length === 1 ? exact[0] : undefined;
  if (only) {
    return { kind: 'found', view: await describeUser(directory, only, page) };
  }
  if (matches.length === 0) {
    return { kind: 'none' };
  }
  return {
    kind: 'several',
    more: matches.length > MAX_CHOICES,
    choices: matches.slice(0, MAX_CHOICES).map((user) => ({
      id: user.id,
      title: user.displayName,
      subtitle: [user.userPrincipalName, user.jobTitle, user.department]
        .filter(Boolean)
        .join(' · '),
    })),
  };
}
