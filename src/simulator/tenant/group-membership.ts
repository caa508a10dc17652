import type { SimGroup, SimUser } from './types.ts';

/** A member of a group as Graph lists it: a user or a nested group. */
export type GroupMember = { kind: 'user'; user: SimUser } | { kind: 'group'; group: SimGroup };

/**
 * Who is in which group, with a set per group so that membership checks stay cheap in a tenant of
 * ten thousand users. `SimGroup.memberIds` stays the ordered record Graph lists members in.
 */
export class GroupMembership {
  readonly #groups: readonly SimGroup[];
  readonly #groupsById: ReadonlyMap<string, SimGroup>;
  readonly #usersById: ReadonlyMap<string, SimUser>;
  readonly #members = new Map<string, Set<string>>();

  constructor(
    groups: readonly SimGroup[],
    groupsById: ReadonlyMap<string, SimGroup>,
    usersById: ReadonlyMap<string, SimUser>,
  ) {
    this.#groups = groups;
    this.#groupsById = groupsById;
    this.#usersById = usersById;
    for (const group of groups) {
      this.#members.set(group.id, new Set(group.memberIds));
    }
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

  /** Direct members, or (transitive) every user and group below, each once. */
  membersOf(group: SimGroup, transitive: boolean): GroupMember[] {
    const seen = new Set<string>([group.id]);
    const members: GroupMember[] = [];
    const visit = (parent: SimGroup) => {
      for (const id of parent.memberIds) {
        if (seen.has(id)) {
          continue;
        }
        seen.add(id);
        const user = this.#usersById.get(id);
        const child = this.#groupsById.get(id);
        if (user) {
          members.push({ kind: 'user', user });
        } else if (child) {
          members.push({ kind: 'group', group: child });
          if (transitive) {
            visit(child);
          }
        }
      }
    };
    visit(group);
    return members;
  }
}
