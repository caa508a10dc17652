import type { SimDevice, SimGroup, SimOrgContact, SimUser } from './types.ts';

/** A member of a group as Graph lists it: a user, a nested group, a device or a contact. */
export type GroupMember =
  | { kind: 'user'; user: SimUser }
  | { kind: 'group'; group: SimGroup }
  | { kind: 'device'; device: SimDevice }
  | { kind: 'orgContact'; contact: SimOrgContact };

/** The directory object id of a member, whatever its kind. */
export function memberId(member: GroupMember): string {
  switch (member.kind) {
    case 'user':
      return member.user.id;
    case 'group':
      return member.group.id;
    case 'device':
      return member.device.id;
    case 'orgContact':
      return member.contact.id;
  }
}

/** The directory objects a group's `memberIds` may name, by id. */
export interface DirectoryObjects {
  users: ReadonlyMap<string, SimUser>;
  groups: ReadonlyMap<string, SimGroup>;
  devices: ReadonlyMap<string, SimDevice>;
  orgContacts: ReadonlyMap<string, SimOrgContact>;
}

/**
 * Who is in which group, with a set per group so that membership checks stay cheap in a tenant of
 * ten thousand users. `SimGroup.memberIds` stays the ordered record Graph lists members in.
 */
export class GroupMembership {
  readonly #groups: SimGroup[];
  readonly #objects: DirectoryObjects;
  readonly #members = new Map<string, Set<string>>();

  constructor(groups: SimGroup[], objects: DirectoryObjects) {
    this.#groups = groups;
    this.#objects = objects;
    for (const group of groups) {
      this.#members.set(group.id, new Set(group.memberIds));
    }
  }

  /** A group created after the tenant started (the list itself is the tenant's own). */
  register(group: SimGroup): void {
    this.#members.set(group.id, new Set(group.memberIds));
  }

  /** Sets a group's direct members at once (a dynamic group's evaluation). */
  replace(group: SimGroup, memberIds: string[]): void {
    this.#members.set(group.id, new Set(memberIds));
    group.memberIds = [...memberIds];
  }

  has(group: SimGroup, memberId: string): boolean {
    return this.#members.get(group.id)?.has(memberId) ?? false;
  }

  add(group: SimGroup, memberId: string): void {
    this.#members.get(group.id)?.add(memberId);
    group.memberIds.push(memberId);
  }

  remove(group: SimGroup, memberId: string): void {
    this.#members.get(group.id)?.delete(memberId);
    group.memberIds = group.memberIds.filter((id) => id !== memberId);
  }

  /** Groups holding the member directly, or (transitive) at any depth, in creation order. */
  groupsOf(memberId: string, transitive: boolean): SimGroup[] {
    const found = new Set<string>();
    let frontier = [memberId];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const group of this.#groups) {
        const members = this.#members.get(group.id);
        if (!found.has(group.id) && frontier.some((id) => members?.has(id))) {
          found.add(group.id);
          next.push(group.id);
        }
      }
      frontier = transitive ? next : [];
    }
    return this.#groups.filter((group) => found.has(group.id));
  }

  /** Direct members, or (transitive) every user, group, device and contact below, each once. */
  membersOf(group: SimGroup, transitive: boolean): GroupMember[] {
    const seen = new Set<string>([group.id]);
    const members: GroupMember[] = [];
    const visit = (parent: SimGroup) => {
      for (const id of parent.memberIds) {
        if (seen.has(id)) {
          continue;
        }
        seen.add(id);
        const member = this.#member(id);
        if (member) {
          members.push(member);
          if (transitive && member.kind === 'group') {
            visit(member.group);
          }
        }
      }
    };
    visit(group);
    return members;
  }

  #member(id: string): GroupMember | undefined {
    const user = this.#objects.users.get(id);
    if (user) {
      return { kind: 'user', user };
    }
    const group = this.#objects.groups.get(id);
    if (group) {
      return { kind: 'group', group };
    }
    const device = this.#objects.devices.get(id);
    if (device) {
      return { kind: 'device', device };
    }
    const contact = this.#objects.orgContacts.get(id);
    return contact ? { kind: 'orgContact', contact } : undefined;
  }
}
