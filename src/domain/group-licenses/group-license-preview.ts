import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import type { DirectoryUser, ObjectId, ServicePlanId, Sku, SkuId } from '../licensing.ts';
import { newConflicts } from '../planning/conflicts.ts';
import { seatsAndCost, type Impact, type SeatPrice } from '../planning/impact.ts';
import type { PlanRule } from '../planning/plan-rules.ts';
import { enabledPlans, licenseSources } from '../planning/user-licenses.ts';
import type { GroupLicenseChange } from './group-license-change.ts';

/** How many of a group's members are in one situation, and the first of them by name. */
export interface MemberCount {
  count: number;
  names: string[];
}

/**
 * What a group license change does to the group's members, counted as they are read (a page at
 * a time: only counts and the first names are kept, whatever the group's size).
 */
export interface GroupLicensePreview {
  memberCount: number;
  /** Members who get the license (or the plan change) from this group. */
  willGet: MemberCount;
  /** Members who need a seat: they hold the SKU from nowhere yet. */
  takeSeat: number;
  /** Members who hold it from this group already: nothing changes for them. */
  alreadyFromGroup: number;
  /** Members who hold it directly too: a direct license to remove later. */
  alsoDirect: MemberCount;
  /** Members who hold it from another group as well. */
  fromOtherGroup: number;
  /** Members without a usage location: group licensing gives them the tenant's country. */
  withoutUsageLocation: MemberCount;
  /** Members for whom the license would turn on plans that clash with plans they have. */
  conflicts: MemberCount;
  /** The first distinct clashes in words. */
  conflictWords: string[];
  /** For a removal: members who lose the license (no other source covers them). */
  willLose: MemberCount;
  /** For a removal: members still covered by a direct license or another group's. */
  stillCovered: number;
}

const NAMES_KEPT = 5;
const CONFLICT_WORDS_KEPT = 3;

const empty = (): MemberCount => ({ count: 0, names: [] });

function counted(into: MemberCount, user: DirectoryUser): void {
  into.count += 1;
  if (into.names.length < NAMES_KEPT) {
    into.names.push(user.displayName);
  }
}

/** Counts a group's members, one at a time, against a group license change. */
export class GroupLicenseTally {
  readonly #groupId: ObjectId;
  readonly #change: GroupLicenseChange;
  readonly #skus: ReadonlyMap<SkuId, Sku>;
  readonly #rules: readonly PlanRule[];
  readonly #taken = new Map<SkuId, number>();
  readonly #freed = new Map<SkuId, number>();
  readonly #preview: GroupLicensePreview = {
    memberCount: 0,
    willGet: empty(),
    takeSeat: 0,
    alreadyFromGroup: 0,
    alsoDirect: empty(),
    fromOtherGroup: 0,
    withoutUsageLocation: empty(),
    conflicts: empty(),
    conflictWords: [],
    willLose: empty(),
    stillCovered: 0,
  };

  constructor(
    groupId: ObjectId,
    change: GroupLicenseChange,
    skus: readonly Sku[],
    rules: readonly PlanRule[],
  ) {
    this.#groupId = groupId;
    this.#change = change;
    this.#skus = new Map(skus.map((sku) => [sku.skuId, sku]));
    this.#rules = rules;
  }

  add(member: DirectoryUser): void {
    const preview = this.#preview;
    preview.memberCount += 1;
    if (this.#change.kind === 'remove') {
      this.#addRemoval(member);
      return;
    }
    let gets = false;
    for (const license of this.#change.body.addLicenses) {
      const sources = licenseSources(member, license.skuId);
      const fromHere = sources?.groupIds.includes(this.#groupId) ?? false;
      if (sources === undefined) {
        this.#taken.set(license.skuId, (this.#taken.get(license.skuId) ?? 0) + 1);
        preview.takeSeat += 1;
      }
      gets ||= this.#change.kind === 'modify' ? fromHere : !fromHere;
      if (fromHere && this.#change.kind === 'assign') {
        preview.alreadyFromGroup += 1;
      }
      if (sources?.direct === true) {
        counted(preview.alsoDirect, member);
      }
      if (sources?.groupIds.some((id) => id !== this.#groupId) === true) {
        preview.fromOtherGroup += 1;
      }
    }
    if (gets) {
      counted(preview.willGet, member);
    }
    if ((member.usageLocation ?? null) === null) {
      counted(preview.withoutUsageLocation, member);
    }
    this.#addConflicts(member);
  }

  #addRemoval(member: DirectoryUser): void {
    const preview = this.#preview;
    for (const skuId of this.#change.body.removeLicenses) {
      const sources = licenseSources(member, skuId);
      if (!(sources?.groupIds.includes(this.#groupId) ?? false)) {
        continue;
      }
      if (sources!.direct || sources!.groupIds.some((id) => id !== this.#groupId)) {
        preview.stillCovered += 1;
      } else {
        counted(preview.willLose, member);
        this.#freed.set(skuId, (this.#freed.get(skuId) ?? 0) + 1);
      }
    }
  }

  #addConflicts(member: DirectoryUser): void {
    const held = member.assignedLicenses ?? [];
    const before = enabledPlans(held, this.#skus);
    const added = this.#change.body.addLicenses;
    const after = enabledPlans(
      [...held.filter((license) => !added.some((a) => a.skuId === license.skuId)), ...added],
      this.#skus,
    );
    const found = newConflicts(before, after, this.#rules);
    if (found.length === 0) {
      return;
    }
    counted(this.#preview.conflicts, member);
    for (const conflict of found) {
      const words =
        conflict.kind === 'mutuallyExclusive'
          ? `${this.#planName(conflict.planIds[0])} and ${this.#planName(conflict.planIds[1])} exclude each other`
          : `${this.#planName(conflict.planId)} needs ${conflict.requiresAnyOf.map((id) => this.#planName(id)).join(' or ')}`;
      if (
        this.#preview.conflictWords.length < CONFLICT_WORDS_KEPT &&
        !this.#preview.conflictWords.includes(words)
      ) {
        this.#preview.conflictWords.push(words);
      }
    }
  }

  #planName(id: ServicePlanId): string {
    for (const sku of this.#skus.values()) {
      const plan = sku.servicePlans.find((candidate) => candidate.servicePlanId === id);
      if (plan) {
        return planDisplayName(plan);
      }
    }
    return id;
  }

  get preview(): GroupLicensePreview {
    return this.#preview;
  }

  /**
   * The preview as the approval card's impact: seats and cost from the members who take or free
   * a seat, and the group's particulars (direct licenses, inherited locations, clashes) as
   * warnings the approver reads.
   */
  impact(prices: ReadonlyMap<SkuId, SeatPrice>, tenantCountry: string): Impact {
    const preview = this.#preview;
    const sized = seatsAndCost(this.#taken, this.#freed, [...this.#skus.values()], prices);
    const names = (entry: MemberCount) =>
      `${entry.names.join(', ')}${entry.count > entry.names.length ? ` and ${entry.count - entry.names.length} more` : ''}`;
    const warnings: string[] = [];
    const removal = this.#change.kind === 'remove';
    const skuNames = (ids: readonly SkuId[]) =>
      ids.map((id) => {
        const sku = this.#skus.get(id);
        return sku ? skuDisplayName(sku) : id;
      });
    if (removal) {
      const lost = skuNames(this.#change.body.removeLicenses).join(', ');
      warnings.push(
        preview.willLose.count > 0
          ? `${preview.willLose.count} member(s) lose ${lost}: ${names(preview.willLose)}`
          : `No member loses ${lost}: each is covered another way.`,
      );
      if (preview.stillCovered > 0) {
        warnings.push(
          `${preview.stillCovered} member(s) keep ${lost} through a direct license or another group.`,
        );
      }
    } else {
      if (preview.alsoDirect.count > 0) {
        warnings.push(
          `${preview.alsoDirect.count} member(s) also hold it directly (${names(preview.alsoDirect)}): their direct license can be removed once the group's applies.`,
        );
      }
      if (preview.withoutUsageLocation.count > 0) {
        warnings.push(
          `${preview.withoutUsageLocation.count} member(s) have no usage location (${names(preview.withoutUsageLocation)}): group licensing gives them the tenant's country${tenantCountry === '' ? '' : `, ${tenantCountry}`}.`,
        );
      }
      if (preview.conflicts.count > 0) {
        warnings.push(
          `${preview.conflicts.count} member(s) would get clashing plans (${preview.conflictWords.join('; ')}): Entra will put them in error.`,
        );
      }
      const short = sized.seats.filter((seat) => seat.shortfall > 0);
      for (const seat of short) {
        warnings.push(
          `The group requires more licenses than are available: ${seat.shortfall} ${seat.name} seat(s) short, so that many members will be in error until seats are bought or freed.`,
        );
      }
    }
    return {
      userCount: preview.memberCount,
      changeCount: removal ? preview.willLose.count : preview.willGet.count,
      noopCount: removal ? preview.stillCovered : preview.alreadyFromGroup,
      blockedCount: 0,
      usageLocationsToSet: 0,
      conflictCount: preview.conflicts.count,
      conflicts: [],
      ...sized,
      warnings,
    };
  }
}
