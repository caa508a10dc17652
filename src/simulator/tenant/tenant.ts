import { randomUUID } from 'node:crypto';
import { planDirectAssignment } from './direct-assignment.ts';
import { badRequest, failure, resourceNotFound, success } from './graph-errors.ts';
import { evaluateGroupLicenses, planGroupLicenses } from './group-licensing.ts';
import { GroupMembership, type GroupMember } from './group-membership.ts';
import { parseLicenseChange } from './license-body.ts';
import { LicenseLedger } from './license-ledger.ts';
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
  SimUser,
  TenantSeed,
} from './types.ts';

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
    for (const user of this.#users) {
      this.#usersById.set(user.id, user);
      this.#usersByUpn.set(user.userPrincipalName.toLowerCase(), user);
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
    this.#ledger.replaceStates(user, next.value);
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
    this.#ledger.setPrepaidEnabled(skuId, enabled);
    return success(undefined);
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

  #hasErrorFrom(user: SimUser, groupId: string): boolean {
    return user.licenseAssignmentStates.some(
      (state) => state.assignedByGroup === groupId && state.state === 'Error',
    );
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
    );
    user.usageLocation = result.usageLocation;
    this.#ledger.replaceStates(user, result.states);
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
