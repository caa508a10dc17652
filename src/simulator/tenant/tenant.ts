import { randomUUID } from 'node:crypto';
import type { PropertyReader } from '../dynamic/user-rule.ts';
import { planDirectAssignment } from './direct-assignment.ts';
import { badRequest, failure, resourceNotFound, success } from './graph-errors.ts';
import {
  compileMembershipRule,
  parseGroupBindings,
  parseGroupCreate,
  parseGroupPatch,
  type GroupDefinition,
} from './group-definition.ts';
import { evaluateGroupLicenses, planGroupLicenses } from './group-licensing.ts';
import { GroupMembership, type GroupMember } from './group-membership.ts';
import { parseLicenseChange } from './license-body.ts';
import { isActive, LicenseLedger } from './license-ledger.ts';
import { holdsMailbox, smtpAddresses } from './mailbox.ts';
import { ProcessingQueue } from './processing-queue.ts';
import { graphDateTime } from './graph-date.ts';
import {
  deviceView,
  groupView,
  licenseDetailsView,
  orgContactView,
  subscribedSkuView,
  userView,
} from './resources.ts';
import { SubscriptionBook, type SubscriptionChange } from './subscriptions.ts';
import { parseUserPatch } from './user-patch.ts';
import type {
  GraphLicenseDetails,
  GraphSubscribedSku,
  Outcome,
  SimAssignedLicense,
  SimDevice,
  SimGroup,
  SimLicenseState,
  SimOrgContact,
  SimOrganization,
  SimServicePlan,
  SimSubscription,
  SimUser,
  TenantSeed,
} from './types.ts';

/** Why a license the user holds has a provisioning problem (state ActiveWithError). */
export type ProvisioningError = Exclude<SimLicenseState['error'], 'None'>;

const dynamicKey = (groupId: string) => `dynamic:${groupId}`;

/** Graph's answer to a hand-made change of a dynamic group's members. */
const dynamicMembersRefused = {
  status: 403,
  code: 'Authorization_RequestDenied',
  message: 'Insufficient privileges to complete the operation.',
};

export interface TenantOptions {
  now?: () => Date;
  /** Time between each step of group processing (queued → in progress → complete). */
  groupProcessingDelayMs?: number;
}

export { memberId, type GroupMember } from './group-membership.ts';

/**
 * An in-memory Entra tenant with Graph's licensing rules: direct and group-based assignment, seats
 * counted per user, plan rules, usage locations, and group processing in the background.
 */
export class Tenant {
  readonly #organization: SimOrganization;
  readonly #prices: TenantSeed['monthlyPrices'];
  readonly #ledger: LicenseLedger;
  readonly #users: SimUser[];
  readonly #usersById = new Map<string, SimUser>();
  readonly #usersByUpn = new Map<string, SimUser>();
  readonly #groups: SimGroup[];
  readonly #groupsById = new Map<string, SimGroup>();
  readonly #devicesById = new Map<string, SimDevice>();
  readonly #contactsById = new Map<string, SimOrgContact>();
  readonly #membership: GroupMembership;
  readonly #queue: ProcessingQueue;
  readonly #now: () => Date;
  readonly #subscriptions: SubscriptionBook;
  /** Exchange's address book: each SMTP address (lower case) to the users who carry it. */
  readonly #addressOwners = new Map<string, Set<string>>();
  /** Provisioning problems set through the control API: user id → SKU id → reason. */
  readonly #provisioningErrors = new Map<string, Map<string, ProvisioningError>>();
  /** Compiled rules of dynamic groups, by group id. */
  readonly #rules = new Map<string, (read: PropertyReader) => boolean>();
  /** Users changed since dynamic membership last looked at them. */
  readonly #changedUsers = new Set<string>();

  constructor(seed: TenantSeed, options: TenantOptions = {}) {
    // The tenant owns a copy, so a seed can start any number of fresh tenants (reset).
    const data = structuredClone(seed);
    this.#organization = data.organization;
    this.#prices = data.monthlyPrices;
    this.#users = data.users;
    this.#groups = data.groups;
    this.#now = options.now ?? (() => new Date());
    this.#queue = new ProcessingQueue(options.groupProcessingDelayMs ?? 250);
    this.#ledger = new LicenseLedger(data.skus, data.planRules, data.users);
    this.#subscriptions = new SubscriptionBook(
      data.subscriptions,
      this.#ledger.skus(),
      data.organization.id,
      this.#now(),
    );
    for (const user of this.#users) {
      this.#usersById.set(user.id, user);
      this.#usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
      this.#indexAddresses(user, true);
    }
    for (const group of this.#groups) {
      this.#groupsById.set(group.id, group);
    }
    for (const { memberOf, ...device } of data.devices ?? []) {
      this.#devicesById.set(device.id, device);
      this.#joinSeedGroups(device.id, memberOf);
    }
    for (const { memberOf, ...contact } of data.orgContacts ?? []) {
      this.#contactsById.set(contact.id, contact);
      this.#joinSeedGroups(contact.id, memberOf);
    }
    this.#membership = new GroupMembership(this.#groups, {
      users: this.#usersById,
      groups: this.#groupsById,
      devices: this.#devicesById,
      orgContacts: this.#contactsById,
    });
    for (const group of this.#groups) {
      if (group.groupTypes.includes('DynamicMembership') && group.membershipRule) {
        const compiled = compileMembershipRule(group.membershipRule);
        if (compiled.ok) {
          this.#rules.set(group.id, compiled.value);
          // Entra keeps an active rule's members current: a seed's list is checked at once.
          this.#applyRule(group);
        }
      }
    }
    for (const group of this.#groups) {
      const state = group.licenseProcessingState?.state;
      if (state === 'QueuedForProcessing' || state === 'ProcessingInProgress') {
        this.#enqueue(group);
      }
    }
  }

  organization(): SimOrganization {
    return structuredClone(this.#organization);
  }

  subscribedSkus(): GraphSubscribedSku[] {
    return subscribedSkuView(this.#ledger, this.#organization.id);
  }

  monthlyPrices(): TenantSeed['monthlyPrices'] {
    return structuredClone(this.#prices);
  }

  users(): readonly SimUser[] {
    return this.#users;
  }

  /** By id exactly as stored, or by user principal name in any case. */
  findUser(idOrUpn: string): SimUser | undefined {
    // Object ids are GUIDs, which Graph reads in any case, as it reads UPNs.
    const lower = idOrUpn.toLowerCase();
    return (
      this.#usersById.get(idOrUpn) ?? this.#usersById.get(lower) ?? this.#usersByUpn.get(lower)
    );
  }

  userResource(user: SimUser): Record<string, unknown> {
    return userView(this.#ledger, user);
  }

  /** `POST /users/{id}/assignLicense`: all-or-nothing, with Graph's refusals. */
  assignUserLicense(idOrUpn: string, body: unknown): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    const change = parseLicenseChange(body);
    if (!change.ok) {
      return failure(change.error);
    }
    const next = planDirectAssignment(this.#ledger, user, change.value, this.#stamp());
    if (!next.ok) {
      return failure(next.error);
    }
    this.#ledger.replaceStates(user, this.#withProvisioning(user, next.value));
    this.#userChanged(user, true);
    return success(user);
  }

  /** `PATCH /users/{id}`. */
  updateUser(idOrUpn: string, patch: unknown): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    const changes = parseUserPatch(patch);
    if (!changes.ok) {
      return failure(changes.error);
    }
    Object.assign(user, changes.value);
    // Dynamic groups notice changed attributes in the background, as Entra's rule processing does.
    this.#userChanged(user, false);
    return success(user);
  }

  /** `POST /users/{id}/reprocessLicenseAssignment`: group-based licenses evaluated again now. */
  reprocessUser(idOrUpn: string): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    this.#evaluate(user);
    return success(user);
  }

  licenseDetails(idOrUpn: string): Outcome<GraphLicenseDetails[]> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    return success(licenseDetailsView(this.#ledger, user));
  }

  /** Groups the user is a direct member of, or (transitive) of at any depth. */
  memberOf(idOrUpn: string, transitive: boolean): Outcome<SimGroup[]> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    return success(this.#membership.groupsOf(user.id, transitive));
  }

  groups(): readonly SimGroup[] {
    return this.#groups;
  }

  findGroup(id: string): SimGroup | undefined {
    return this.#groupsById.get(id) ?? this.#groupsById.get(id.toLowerCase());
  }

  groupResource(group: SimGroup): Record<string, unknown> {
    return groupView(group);
  }

  /** Direct members, or (transitive) every user, group, device and contact below, each once. */
  groupMembers(groupId: string, transitive: boolean): Outcome<GroupMember[]> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    return success(this.#membership.membersOf(group, transitive));
  }

  /** Users for whom one of this group's licenses is in error. */
  membersWithLicenseErrors(groupId: string): Outcome<SimUser[]> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    return success(this.#users.filter((user) => this.#hasErrorFrom(user, groupId)));
  }

  hasMembersWithLicenseErrors(groupId: string): boolean {
    return this.#users.some((user) => this.#hasErrorFrom(user, groupId));
  }

  /** `POST /groups/{id}/assignLicense`: checked now, members processed in the background. */
  assignGroupLicense(groupId: string, body: unknown): Outcome<void> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    const change = parseLicenseChange(body);
    if (!change.ok) {
      return failure(change.error);
    }
    const next = planGroupLicenses(this.#ledger, group, change.value);
    if (!next.ok) {
      return failure(next.error);
    }
    group.assignedLicenses = next.value;
    this.#enqueue(group);
    return success(undefined);
  }

  addGroupMember(groupId: string, memberId: string): Outcome<void> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    if (this.#rules.has(group.id)) {
      return failure(dynamicMembersRefused);
    }
    const member =
      this.#usersById.get(memberId) ??
      this.findGroup(memberId) ??
      this.findDevice(memberId) ??
      this.findOrgContact(memberId);
    if (!member) {
      return failure(resourceNotFound(memberId));
    }
    if (this.#membership.has(group, member.id) || member.id === group.id) {
      return failure(
        badRequest(
          "One or more added object references already exist for the following modified properties: 'members'.",
        ),
      );
    }
    this.#membership.add(group, member.id);
    if (group.assignedLicenses.length > 0) {
      this.#enqueue(group);
    }
    return success(undefined);
  }

  devices(): readonly SimDevice[] {
    return [...this.#devicesById.values()];
  }

  findDevice(id: string): SimDevice | undefined {
    return this.#devicesById.get(id) ?? this.#devicesById.get(id.toLowerCase());
  }

  deviceResource(device: SimDevice): Record<string, unknown> {
    return deviceView(device);
  }

  orgContacts(): readonly SimOrgContact[] {
    return [...this.#contactsById.values()];
  }

  findOrgContact(id: string): SimOrgContact | undefined {
    return this.#contactsById.get(id) ?? this.#contactsById.get(id.toLowerCase());
  }

  orgContactResource(contact: SimOrgContact): Record<string, unknown> {
    return orgContactView(contact);
  }

  /** Registers a device (as Intune or a join would) and makes it a direct member of the group. */
  addDeviceToGroup(
    groupId: string,
    fields: Pick<SimDevice, 'displayName'> & Partial<Omit<SimDevice, 'id' | 'displayName'>>,
  ): Outcome<SimDevice> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    const device: SimDevice = {
      id: randomUUID(),
      displayName: fields.displayName,
      deviceId: fields.deviceId ?? randomUUID(),
      operatingSystem: fields.operatingSystem === undefined ? 'Windows' : fields.operatingSystem,
      accountEnabled: fields.accountEnabled ?? true,
    };
    this.#devicesById.set(device.id, device);
    this.#membership.add(group, device.id);
    return success(device);
  }

  /** Creates an organisational contact and makes it a direct member of the group. */
  addOrgContactToGroup(
    groupId: string,
    fields: Pick<SimOrgContact, 'displayName'> & Partial<Pick<SimOrgContact, 'mail'>>,
  ): Outcome<SimOrgContact> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    const contact: SimOrgContact = {
      id: randomUUID(),
      displayName: fields.displayName,
      mail: fields.mail ?? null,
    };
    this.#contactsById.set(contact.id, contact);
    this.#membership.add(group, contact.id);
    return success(contact);
  }

  removeGroupMember(groupId: string, memberId: string): Outcome<void> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    if (this.#rules.has(group.id)) {
      return failure(dynamicMembersRefused);
    }
    if (!this.#membership.has(group, memberId)) {
      return failure(resourceNotFound(memberId));
    }
    this.#membership.remove(group, memberId);
    if (group.assignedLicenses.length > 0) {
      this.#enqueue(group);
    }
    return success(undefined);
  }

  /** Changes a subscription's purchased seats (what buying or cancelling licenses does). */
  setPrepaidUnits(skuId: string, enabled: number): Outcome<void> {
    if (!this.#ledger.sku(skuId)) {
      return failure(resourceNotFound(skuId));
    }
    if (!Number.isInteger(enabled) || enabled < 0) {
      return failure(
        badRequest(
          "Invalid value specified for property 'enabled' of resource 'LicenseUnitsDetail'.",
        ),
      );
    }
    this.#subscriptions.setEnabledUnits(skuId, enabled);
    return success(undefined);
  }

  /** `GET /directory/subscriptions`: the commercial subscriptions behind the SKUs. */
  subscriptions(): SimSubscription[] {
    return this.#subscriptions.list();
  }

  /** By id or by commerce subscription id. */
  findSubscription(id: string): SimSubscription | undefined {
    return this.#subscriptions.find(id);
  }

  /** Ids of a SKU's subscriptions, as `subscribedSkus` lists them. */
  subscriptionIdsOf(skuId: string): string[] {
    return this.#subscriptions.idsOf(skuId);
  }

  /** What renewing, expiring or cancelling does: the SKU's units and status follow. */
  updateSubscription(id: string, change: SubscriptionChange): Outcome<SimSubscription> {
    if (
      change.totalLicenses !== undefined &&
      (!Number.isInteger(change.totalLicenses) || change.totalLicenses < 0)
    ) {
      return failure(
        badRequest(
          "Invalid value specified for property 'totalLicenses' of resource 'companySubscription'.",
        ),
      );
    }
    const updated = this.#subscriptions.update(id, change);
    return updated ? success(updated) : failure(resourceNotFound(id));
  }

  /** The users a membership rule would hold now, in directory order (the control API's preview). */
  evaluateMembershipRule(rule: unknown): Outcome<SimUser[]> {
    if (typeof rule !== 'string') {
      return failure(
        badRequest("Invalid value specified for property 'membershipRule' of resource 'Group'."),
      );
    }
    const compiled = compileMembershipRule(rule);
    if (!compiled.ok) {
      return failure(compiled.error);
    }
    return success(this.#users.filter((user) => compiled.value(this.#ruleSubject(user))));
  }

  /** `POST /groups`: created at once; a dynamic group's members follow in the background. */
  createGroup(body: unknown): Outcome<SimGroup> {
    const definition = parseGroupCreate(body);
    if (!definition.ok) {
      return failure(definition.error);
    }
    const bindings = parseGroupBindings(
      body,
      definition.value.groupTypes.includes('DynamicMembership'),
    );
    if (!bindings.ok) {
      return failure(bindings.error);
    }
    // Owners must exist (they are checked, not kept: nothing here reads a group's owners).
    const missing = [
      ...bindings.value.members.filter((id) => !this.#directoryObjectExists(id)),
      ...bindings.value.owners.filter((id) => !this.findUser(id)),
    ];
    if (missing.length > 0) {
      return failure(resourceNotFound(missing[0]!));
    }
    const group: SimGroup = {
      id: randomUUID(),
      ...definition.value,
      createdDateTime: this.#stamp(),
      assignedLicenses: [],
      licenseProcessingState: null,
      memberIds: [],
    };
    this.#groups.push(group);
    this.#groupsById.set(group.id, group);
    this.#membership.register(group);
    for (const memberId of new Set(bindings.value.members)) {
      this.#membership.add(group, this.#canonicalId(memberId));
    }
    this.#define(group, definition.value);
    return success(group);
  }

  #directoryObjectExists(id: string): boolean {
    return (
      this.#usersById.has(id) ||
      this.#usersById.has(id.toLowerCase()) ||
      this.findGroup(id) !== undefined ||
      this.findDevice(id) !== undefined ||
      this.findOrgContact(id) !== undefined
    );
  }

  /** The id as the directory stores it (Graph reads GUIDs in any case). */
  #canonicalId(id: string): string {
    return (
      this.#usersById.get(id)?.id ??
      this.#usersById.get(id.toLowerCase())?.id ??
      this.findGroup(id)?.id ??
      this.findDevice(id)?.id ??
      this.findOrgContact(id)?.id ??
      id
    );
  }

  /** `PATCH /groups/{id}`: a new rule or processing state is applied in the background. */
  updateGroup(groupId: string, body: unknown): Outcome<SimGroup> {
    const group = this.findGroup(groupId);
    if (!group) {
      return failure(resourceNotFound(groupId));
    }
    const definition = parseGroupPatch(group, body);
    if (!definition.ok) {
      return failure(definition.error);
    }
    this.#define(group, definition.value);
    return success(group);
  }

  /**
   * Sets a user's proxy addresses, as an admin does in the Microsoft 365 admin centre or Exchange
   * (Graph itself holds them read-only). Licensing errors clear on the next reprocessing.
   */
  setProxyAddresses(idOrUpn: string, proxyAddresses: readonly string[]): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    this.#indexAddresses(user, false);
    user.proxyAddresses = [...proxyAddresses];
    this.#indexAddresses(user, true);
    this.#userChanged(user, false);
    return success(user);
  }

  /**
   * A provisioning problem with one of the user's licenses (a service could not set them up):
   * the license stays assigned, in state ActiveWithError with the reason, until the cause is
   * cleared and the user reprocessed.
   */
  setProvisioningError(idOrUpn: string, skuId: string, error: ProvisioningError): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    if (!user.licenseAssignmentStates.some((state) => state.skuId === skuId && isActive(state))) {
      return failure(badRequest(`User ${user.id} holds no active license of ${skuId}.`));
    }
    const errors = this.#provisioningErrors.get(user.id) ?? new Map<string, ProvisioningError>();
    errors.set(skuId, error);
    this.#provisioningErrors.set(user.id, errors);
    this.#ledger.replaceStates(user, this.#withProvisioning(user, user.licenseAssignmentStates));
    return success(user);
  }

  /** The cause is fixed; the state shows it after `reprocessLicenseAssignment`. */
  clearProvisioningError(idOrUpn: string, skuId: string): Outcome<SimUser> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    if (!this.#provisioningErrors.get(user.id)?.delete(skuId)) {
      return failure(resourceNotFound(skuId));
    }
    return success(user);
  }

  /**
   * Replaces a subscription's service plans, as Microsoft does when it adds or retires a plan in
   * a product. Users' disabled plans are kept as they are, as in Graph.
   */
  setServicePlans(skuId: string, servicePlans: readonly SimServicePlan[]): Outcome<void> {
    const sku = this.#ledger.sku(skuId);
    if (!sku) {
      return failure(resourceNotFound(skuId));
    }
    sku.servicePlans = servicePlans.map((plan) => ({ ...plan }));
    return success(undefined);
  }

  snapshotUserLicenses(idOrUpn: string): Outcome<{
    usageLocation: string | null;
    assignedLicenses: SimAssignedLicense[];
    licenseAssignmentStates: SimLicenseState[];
  }> {
    const user = this.findUser(idOrUpn);
    if (!user) {
      return failure(resourceNotFound(idOrUpn));
    }
    return success({
      usageLocation: user.usageLocation,
      assignedLicenses: this.#ledger.assignedLicenses(user.licenseAssignmentStates),
      licenseAssignmentStates: structuredClone(user.licenseAssignmentStates),
    });
  }

  /** Resolves once every queued group processing has finished. */
  settle(): Promise<void> {
    return this.#queue.settle();
  }

  /** Stops background processing (queued groups are left as they are). */
  dispose(): void {
    this.#queue.dispose();
  }

  #stamp(): string {
    return graphDateTime(this.#now());
  }

  /** A seeded device or contact joins the groups it names (once, after the group's own members). */
  #joinSeedGroups(memberId: string, groupIds: readonly string[] | undefined): void {
    for (const groupId of groupIds ?? []) {
      const group = this.#groupsById.get(groupId);
      if (group && !group.memberIds.includes(memberId)) {
        group.memberIds.push(memberId);
      }
    }
  }

  /** In error from this group: not assigned (Error) or assigned with a problem (ActiveWithError). */
  #hasErrorFrom(user: SimUser, groupId: string): boolean {
    return user.licenseAssignmentStates.some(
      (state) =>
        state.assignedByGroup === groupId &&
        (state.state === 'Error' || state.state === 'ActiveWithError'),
    );
  }

  /**
   * The user as a membership rule reads it: Graph's view, property by property, with the
   * licenses (`assignedPlans`) worked out only when a rule asks, so that evaluating a rule over
   * 50,000 users stays cheap.
   */
  #ruleSubject(user: SimUser): PropertyReader {
    const fields = user as unknown as Record<string, unknown>;
    return (name) => {
      if (name === 'assignedPlans') {
        return this.userResource(user)['assignedPlans'];
      }
      if (name === 'userType') {
        return user.userType ?? 'Member';
      }
      return fields[name];
    };
  }

  /** Adds (or removes) the user's SMTP addresses to Exchange's address book. */
  #indexAddresses(user: SimUser, add: boolean): void {
    for (const address of smtpAddresses(user.proxyAddresses)) {
      const owners = this.#addressOwners.get(address) ?? new Set<string>();
      if (add) {
        owners.add(user.id);
      } else {
        owners.delete(user.id);
      }
      this.#addressOwners.set(address, owners);
    }
  }

  /** One of the user's addresses belongs to someone else's mailbox. */
  #addressTaken(user: SimUser): boolean {
    return smtpAddresses(user.proxyAddresses).some((address) =>
      [...(this.#addressOwners.get(address) ?? [])].some((ownerId) => {
        const owner = ownerId === user.id ? undefined : this.#usersById.get(ownerId);
        return owner !== undefined && holdsMailbox(this.#ledger, owner.licenseAssignmentStates);
      }),
    );
  }

  /** Active states marked ActiveWithError where a provisioning problem stands, Active where not. */
  #withProvisioning(user: SimUser, states: SimLicenseState[]): SimLicenseState[] {
    const errors = this.#provisioningErrors.get(user.id);
    return states.map((state) => {
      if (!isActive(state)) {
        return state;
      }
      const error = errors?.get(state.skuId);
      if (error !== undefined) {
        return state.state === 'ActiveWithError' && state.error === error
          ? state
          : { ...state, state: 'ActiveWithError', error, lastUpdatedDateTime: this.#stamp() };
      }
      return state.state === 'ActiveWithError'
        ? { ...state, state: 'Active', error: 'None', lastUpdatedDateTime: this.#stamp() }
        : state;
    });
  }

  /** Applies a group's new definition; a dynamic one is (re)evaluated in the background. */
  #define(group: SimGroup, definition: GroupDefinition): void {
    Object.assign(group, definition);
    if (group.groupTypes.includes('DynamicMembership') && group.membershipRule) {
      const compiled = compileMembershipRule(group.membershipRule);
      if (compiled.ok) {
        this.#rules.set(group.id, compiled.value);
      }
      this.#queueDynamic(group);
    } else {
      this.#rules.delete(group.id);
    }
  }

  /**
   * Queues a changed user for dynamic membership: one background pass looks at the users changed
   * since the last one (a bulk run's thousand PATCHes cost a thousand rule checks, not a thousand
   * directory scans). A license change matters only to rules that read assignedPlans.
   */
  #userChanged(user: SimUser, licensesOnly: boolean): void {
    const interested = this.#groups.some(
      (group) =>
        this.#rules.has(group.id) &&
        (!licensesOnly || /assignedplans/i.test(group.membershipRule ?? '')),
    );
    if (!interested) {
      return;
    }
    this.#changedUsers.add(user.id);
    this.#queue.enqueue(
      'dynamic:changed-users',
      () => {},
      () => this.#applyRulesToChangedUsers(),
    );
  }

  #applyRulesToChangedUsers(): void {
    const users = [...this.#changedUsers].flatMap((id) => this.#usersById.get(id) ?? []);
    this.#changedUsers.clear();
    for (const group of this.#groups) {
      const rule = this.#rules.get(group.id);
      if (!rule || group.membershipRuleProcessingState !== 'On') {
        continue;
      }
      let changed = false;
      for (const user of users) {
        const belongs = rule(this.#ruleSubject(user));
        if (belongs !== this.#membership.has(group, user.id)) {
          if (belongs) {
            this.#membership.add(group, user.id);
          } else {
            this.#membership.remove(group, user.id);
          }
          changed = true;
        }
      }
      if (changed && group.assignedLicenses.length > 0) {
        this.#enqueue(group);
      }
    }
  }

  /** Dynamic membership processing, one delay after the other like group licensing. */
  #queueDynamic(group: SimGroup): void {
    if (group.membershipRuleProcessingState !== 'On') {
      return;
    }
    this.#queue.enqueue(
      dynamicKey(group.id),
      () => {},
      () => this.#applyRule(group),
    );
  }

  /** Members become exactly the users the rule matches; licenses follow joiners and leavers. */
  #applyRule(group: SimGroup): void {
    const rule = this.#rules.get(group.id);
    if (!rule || group.membershipRuleProcessingState !== 'On') {
      return;
    }
    const members = this.#users
      .filter((user) => rule(this.#ruleSubject(user)))
      .map((user) => user.id);
    const before = group.memberIds;
    if (members.length === before.length && members.every((id, i) => before[i] === id)) {
      return;
    }
    this.#membership.replace(group, members);
    if (group.assignedLicenses.length > 0) {
      this.#enqueue(group);
    }
  }

  #evaluate(user: SimUser): void {
    const licensing = this.#groups.filter(
      (group) => group.assignedLicenses.length > 0 && this.#membership.has(group, user.id),
    );
    const result = evaluateGroupLicenses(
      this.#ledger,
      user,
      licensing,
      this.#organization.countryLetterCode,
      this.#stamp(),
      { addressTaken: (candidate) => this.#addressTaken(candidate) },
    );
    user.usageLocation = result.usageLocation;
    this.#ledger.replaceStates(user, this.#withProvisioning(user, result.states));
    this.#userChanged(user, true);
  }

  #enqueue(group: SimGroup): void {
    if (this.#queue.isQueued(group.id)) {
      return;
    }
    group.licenseProcessingState = { state: 'QueuedForProcessing' };
    this.#queue.enqueue(
      group.id,
      () => {
        group.licenseProcessingState = { state: 'ProcessingInProgress' };
      },
      () => {
        // Only direct user members are licensed; nested groups are not expanded.
        for (const user of this.#users) {
          const touched = user.licenseAssignmentStates.some((s) => s.assignedByGroup === group.id);
          if (this.#membership.has(group, user.id) || touched) {
            this.#evaluate(user);
          }
        }
        group.licenseProcessingState = { state: 'ProcessingComplete' };
      },
    );
  }
}
