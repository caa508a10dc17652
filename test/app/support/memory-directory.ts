import type {
  Directory,
  ListOptions,
  UserLicenseDetail,
} from '../../../src/app/ports/directory.ts';
import type { CompanySubscription } from '../../../src/domain/alerts/subscription-alert.ts';
import type {
  DirectoryGroup,
  DirectoryUser,
  LicenseAssignmentState,
  Organization,
  Sku,
} from '../../../src/domain/licensing.ts';
import type { RuleUser } from '../../../src/domain/dynamic-rules/rule-user.ts';

/** A small tenant held in memory, for use-case tests that need no server. */
export interface MemoryTenant {
  organization?: Organization;
  skus?: Sku[];
  /** Users; what a dynamic rule reads besides licensing (extension attributes…) may be set. */
  users?: (DirectoryUser & RuleUser)[];
  groups?: DirectoryGroup[];
  /** Group id → member user or group ids. */
  members?: Record<string, string[]>;
  /** The commerce subscriptions; null (the default) answers as a directory without them (404). */
  subscriptions?: CompanySubscription[] | null;
}

const limited = <T>(items: T[], options?: ListOptions): T[] =>
  options?.limit === undefined ? items : items.slice(0, options.limit);

async function* iterate<T>(items: T[]): AsyncIterable<T> {
  for (const item of items) {
    yield await Promise.resolve(item);
  }
}

/**
 * The `Directory` port over in-memory data, with a count of look-ups so tests can check caching.
 * Searches behave like the Graph adapter's: `startswith` on name, UPN and mail.
 */
export class MemoryDirectory implements Directory {
  readonly calls: string[] = [];
  readonly #tenant: Required<MemoryTenant>;

  constructor(tenant: MemoryTenant) {
    this.#tenant = {
      organization: { tenantId: 't1', displayName: 'Contoso', countryLetterCode: 'US' },
      skus: [],
      users: [],
      groups: [],
      members: {},
      subscriptions: null,
      ...tenant,
    };
  }

  getOrganization(): Promise<Organization> {
    return Promise.resolve(this.#tenant.organization);
  }
  listSkus(): Promise<Sku[]> {
    return Promise.resolve(this.#tenant.skus);
  }
  findUser(idOrUpn: string): Promise<DirectoryUser | null> {
    this.calls.push(`findUser ${idOrUpn}`);
    const key = idOrUpn.toLowerCase();
    const user = this.#tenant.users.find(
      (u) => u.id === idOrUpn || u.userPrincipalName.toLowerCase() === key,
    );
    return Promise.resolve(user ?? null);
  }
  findUsers(ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    this.calls.push(`findUsers ${ids.join(',')}`);
    const wanted = new Set(ids);
    return Promise.resolve(
      new Map(this.#tenant.users.filter((u) => wanted.has(u.id)).map((u) => [u.id, u] as const)),
    );
  }
  searchUsers(text: string, options?: ListOptions): Promise<DirectoryUser[]> {
    const key = text.toLowerCase();
    const found = this.#tenant.users.filter((u) =>
      [u.displayName, u.userPrincipalName, u.mail ?? ''].some((v) =>
        v.toLowerCase().startsWith(key),
      ),
    );
    return Promise.resolve(limited(found, options));
  }
  listUsers(): AsyncIterable<DirectoryUser> {
    return iterate(this.#tenant.users);
  }
  listUsersWithProperties(properties: readonly string[]): AsyncIterable<DirectoryUser & RuleUser> {
    this.calls.push(`listUsersWithProperties ${properties.join(',')}`);
    return iterate(this.#tenant.users);
  }
  getUserLicenseDetails(): Promise<UserLicenseDetail[]> {
    return Promise.resolve([]);
  }
  getUserLicenseStates(userId: string): Promise<LicenseAssignmentState[]> {
    const user = this.#tenant.users.find((u) => u.id === userId);
    return Promise.resolve(user?.licenseAssignmentStates ?? []);
  }
  listTransitiveGroupIds(userId: string): Promise<string[]> {
    this.calls.push(`listTransitiveGroupIds ${userId}`);
    const result = new Set<string>();
    const add = (memberId: string): void => {
      for (const [groupId, members] of Object.entries(this.#tenant.members)) {
        if (members.includes(memberId) && !result.has(groupId)) {
          result.add(groupId);
          add(groupId);
        }
      }
    };
    add(userId);
    return Promise.resolve([...result]);
  }
  findGroup(id: string): Promise<DirectoryGroup | null> {
    return Promise.resolve(this.#tenant.groups.find((g) => g.id === id) ?? null);
  }
  findGroupNames(ids: readonly string[]): Promise<Map<string, string>> {
    const wanted = new Set(ids);
    return Promise.resolve(
      new Map(
        this.#tenant.groups.filter((g) => wanted.has(g.id)).map((g) => [g.id, g.displayName]),
      ),
    );
  }
  searchGroups(name: string, options?: ListOptions): Promise<DirectoryGroup[]> {
    const key = name.toLowerCase();
    const exact = this.#tenant.groups.filter((g) => g.displayName.toLowerCase() === key);
    const starts = this.#tenant.groups.filter(
      (g) => g.displayName.toLowerCase().startsWith(key) && !exact.includes(g),
    );
    return Promise.resolve(limited([...exact, ...starts], options));
  }
  #directMembers(groupId: string): DirectoryUser[] {
    const ids = this.#tenant.members[groupId] ?? [];
    return this.#tenant.users.filter((u) => ids.includes(u.id));
  }
  listGroupMembers(groupId: string): AsyncIterable<DirectoryUser> {
    return iterate(this.#directMembers(groupId));
  }
  countGroupMembers(groupId: string): Promise<number> {
    return Promise.resolve(this.#directMembers(groupId).length);
  }
  listMembersWithLicenseErrors(
    groupId: string,
    options?: ListOptions,
  ): AsyncIterable<DirectoryUser> {
    const inError = this.#directMembers(groupId).filter((u) =>
      (u.licenseAssignmentStates ?? []).some(
        // As Graph lists them: not assigned (Error) or assigned with a problem (ActiveWithError).
        (s) =>
          s.assignedByGroup === groupId && (s.state === 'Error' || s.state === 'ActiveWithError'),
      ),
    );
    return iterate(limited(inError, options));
  }
  listGroupsWithLicenseErrors(): Promise<DirectoryGroup[]> {
    return Promise.resolve(
      this.#tenant.groups.filter((group) =>
        this.#directMembers(group.id).some((u) =>
          (u.licenseAssignmentStates ?? []).some(
            (s) => s.assignedByGroup === group.id && s.state === 'Error',
          ),
        ),
      ),
    );
  }
  listCompanySubscriptions(): Promise<CompanySubscription[] | null> {
    return Promise.resolve(this.#tenant.subscriptions);
  }
}
