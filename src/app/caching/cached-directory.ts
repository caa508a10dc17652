import type { Organization, Sku } from '../../domain/licensing.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import { FreshValue } from './fresh-value.ts';
import { GroupNameCache } from './group-name-cache.ts';

/** How long each slowly changing read may be shown again before it is read anew. */
export interface DirectoryCacheTimes {
  /** Subscribed SKUs (seat counts): 20 s unless told; License Desk's own writes clear it. */
  skusMs?: number;
  /** The organization's name and country: 5 minutes unless told. */
  organizationMs?: number;
  /** Groups' display names (labels on the user card): 5 minutes unless told. */
  groupNamesMs?: number;
}

export const DEFAULT_SKUS_TTL_MS = 20_000;
export const DEFAULT_ORGANIZATION_TTL_MS = 5 * 60_000;
export const DEFAULT_GROUP_NAMES_TTL_MS = 5 * 60_000;

/**
 * A `Directory` that keeps the tenant-wide reads every turn makes (subscribed SKUs, the
 * organization, groups' names) for a few seconds or minutes, so fifty managers asking `licenses` at once cost Graph one
 * read. Seat counts a few seconds old are what Graph itself may show (its directory is
 * eventually consistent); writes made through this instance clear them at once
 * (`invalidateLicenses`, wired to the license writer). Everything else reads straight through:
 * a user's or a group's licenses and error states are what an admin came to see now.
 *
 * Owned by the composition root, one per process: nothing is shared between instances.
 */
export class CachedDirectory implements Directory {
  readonly #source: Directory;
  readonly #skus: FreshValue<Sku[]>;
  readonly #organization: FreshValue<Organization>;
  readonly #groupNames: GroupNameCache;

  constructor(source: Directory, clock: Pick<Clock, 'now'>, times: DirectoryCacheTimes = {}) {
    this.#source = source;
    const now = (): number => clock.now().getTime();
    this.#skus = new FreshValue({
      read: () => source.listSkus(),
      ttlMs: times.skusMs ?? DEFAULT_SKUS_TTL_MS,
      now,
    });
    this.#organization = new FreshValue({
      read: () => source.getOrganization(),
      ttlMs: times.organizationMs ?? DEFAULT_ORGANIZATION_TTL_MS,
      now,
    });
    this.#groupNames = new GroupNameCache({
      read: (ids) => source.findGroupNames(ids),
      ttlMs: times.groupNamesMs ?? DEFAULT_GROUP_NAMES_TTL_MS,
      now,
    });
  }

  /** Seat counts changed (or may have): the next `listSkus` reads Graph. */
  invalidateLicenses(): void {
    this.#skus.invalidate();
  }

  getOrganization(): Promise<Organization> {
    return this.#organization.get();
  }

  async listSkus(): Promise<Sku[]> {
    // A new array per caller: one caller sorting or filtering in place cannot reorder another's.
    return [...(await this.#skus.get())];
  }

  findUser: Directory['findUser'] = (idOrUpn) => this.#source.findUser(idOrUpn);
  findUsers: Directory['findUsers'] = (ids) => this.#source.findUsers(ids);
  searchUsers: Directory['searchUsers'] = (text, options) =>
    this.#source.searchUsers(text, options);
  listUsers: Directory['listUsers'] = (filter, options) => this.#source.listUsers(filter, options);
  listUsersWithProperties: Directory['listUsersWithProperties'] = (properties, options) =>
    this.#source.listUsersWithProperties(properties, options);
  getUserLicenseDetails: Directory['getUserLicenseDetails'] = (userId) =>
    this.#source.getUserLicenseDetails(userId);
  getUserLicenseStates: Directory['getUserLicenseStates'] = (userId) =>
    this.#source.getUserLicenseStates(userId);
  listTransitiveGroupIds: Directory['listTransitiveGroupIds'] = (userId) =>
    this.#source.listTransitiveGroupIds(userId);
  findGroup: Directory['findGroup'] = (id) => this.#source.findGroup(id);
  findGroupNames: Directory['findGroupNames'] = (ids) => this.#groupNames.names(ids);
  searchGroups: Directory['searchGroups'] = (name, options) =>
    this.#source.searchGroups(name, options);
  listGroupMembers: Directory['listGroupMembers'] = (groupId, options) =>
    this.#source.listGroupMembers(groupId, options);
  countGroupMembers: Directory['countGroupMembers'] = (groupId, options) =>
    this.#source.countGroupMembers(groupId, options);
  listMembersWithLicenseErrors: Directory['listMembersWithLicenseErrors'] = (groupId, options) =>
    this.#source.listMembersWithLicenseErrors(groupId, options);
  listGroupsWithLicenseErrors: Directory['listGroupsWithLicenseErrors'] = () =>
    this.#source.listGroupsWithLicenseErrors();
  // Read by the alert monitor once a tick: nothing to gain from keeping it.
  listCompanySubscriptions: Directory['listCompanySubscriptions'] = () =>
    this.#source.listCompanySubscriptions();
}
