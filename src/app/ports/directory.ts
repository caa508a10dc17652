import type { CompanySubscription } from '../../domain/alerts/subscription-alert.ts';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseAssignmentState,
  ObjectId,
  Organization,
  Sku,
} from '../../domain/licensing.ts';
import type { RuleUser } from '../../domain/dynamic-rules/rule-user.ts';

/** Options of a lazy directory listing: nothing is read before the caller iterates. */
export interface ListOptions {
  /** Page size asked of Graph (`$top`, at most 999). */
  pageSize?: number;
  /** Stop after this many items. */
  limit?: number;
  /**
   * Send the filter as an advanced query: the `ConsistencyLevel: eventual` header and
   * `$count=true`, without which Graph refuses `ne`, `not`, `endswith` and the properties Entra
   * indexes only in its advanced store (e.g. `onPremisesExtensionAttributes/*`).
   */
  advanced?: boolean;
  /**
   * `licensing`: only what planning a license change reads (ids, names, country, usage location, account
   * state, licenses): bulk selections of thousands keep no more in memory.
   */
  fields?: 'all' | 'licensing';
}

/** A group member that is not a user: nested groups are expanded by a transitive listing. */
export type OtherMemberKind = 'group' | 'device' | 'contact' | 'servicePrincipal' | 'other';

/** A user's license as `licenseDetails` reports it, with plan provisioning. */
export interface UserLicenseDetail {
  skuId: string;
  skuPartNumber: string;
  servicePlans: { servicePlanId: string; servicePlanName: string; provisioningStatus: string }[];
}

/** Reads of the tenant's directory and licenses (Graph in production, the simulator locally). */
export interface Directory {
  getOrganization(): Promise<Organization>;
  listSkus(): Promise<Sku[]>;
  /** By object id or user principal name; null when no such user. */
  findUser(idOrUpn: string): Promise<DirectoryUser | null>;
  /**
   * Several users by object id, in as few reads as the directory allows (15 per read in Graph);
   * ids not found are missing from the map.
   */
  findUsers(ids: readonly ObjectId[]): Promise<Map<ObjectId, DirectoryUser>>;
  /** Users whose display name, UPN or mail starts with `text`, for "user <name>" lookups. */
  searchUsers(text: string, options?: ListOptions): Promise<DirectoryUser[]>;
  /** Users matching a Graph `$filter` (already validated), page by page. */
  listUsers(filter?: string, options?: ListOptions): AsyncIterable<DirectoryUser>;
  /**
   * Every user with what planning a license change reads (`fields: 'licensing'`) and the
   * `properties` a dynamic membership rule reads (Graph names: `department`,
   * `onPremisesExtensionAttributes`, `assignedPlans`…), page by page: rule previews.
   */
  listUsersWithProperties(
    properties: readonly string[],
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser & RuleUser>;
  getUserLicenseDetails(userId: ObjectId): Promise<UserLicenseDetail[]>;
  getUserLicenseStates(userId: ObjectId): Promise<LicenseAssignmentState[]>;
  /** Ids of every group the user belongs to, nested memberships included. */
  listTransitiveGroupIds(userId: ObjectId): Promise<ObjectId[]>;
  findGroup(id: ObjectId): Promise<DirectoryGroup | null>;
  /**
   * Display names of several groups by id, in as few reads as the directory allows. Ids not found
   * are missing from the map.
   */
  findGroupNames(ids: readonly ObjectId[]): Promise<Map<ObjectId, string>>;
  /** Groups whose display name equals, then starts with, `name`. */
  searchGroups(name: string, options?: ListOptions): Promise<DirectoryGroup[]>;
  /** The group's users; members of other kinds are skipped, and told to `onOtherMember`. */
  listGroupMembers(
    groupId: ObjectId,
    options?: ListOptions & {
      transitive?: boolean;
      onOtherMember?: (kind: OtherMemberKind) => void;
    },
  ): AsyncIterable<DirectoryUser>;
  countGroupMembers(groupId: ObjectId, options?: { transitive?: boolean }): Promise<number>;
  listMembersWithLicenseErrors(
    groupId: ObjectId,
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser>;
  listGroupsWithLicenseErrors(): Promise<DirectoryGroup[]>;
  /**
   * The tenant's commerce subscriptions (`GET /directory/subscriptions`): status and next
   * lifecycle date. Null when the directory does not serve them (404), so a caller can skip them.
   */
  listCompanySubscriptions(): Promise<CompanySubscription[] | null>;
}
