import { skuDisplayName } from '../../domain/catalogue/display-names.ts';
import {
  availableSeats,
  type DirectoryUser,
  type LicenseAssignmentState,
  type ObjectId,
  type Sku,
  type SkuId,
} from '../../domain/licensing.ts';
import {
  GROUP_ERROR_KINDS,
  groupErrorKind,
  groupReasonWords,
  type GroupErrorKind,
  type ReasonWords,
} from '../views/license-error-reason.ts';

/** A member in error under one reason. */
export interface ReasonMember {
  id: ObjectId;
  displayName: string;
  userPrincipalName: string;
  usageLocation: string | null;
}

/** One of the group's products that fails for a reason, with its seats. */
export interface ReasonProduct {
  skuId: SkuId;
  name: string;
  partNumber: string;
  /** Members for whom this product fails for this reason. */
  members: number;
  /** Seats free now (negative when over-used). */
  available: number;
  /** Seats to buy or free so every one of them gets it. */
  shortfall: number;
}

/** A license some members hold directly that clashes with the group's: removing it may fix them. */
export interface DirectLicenseConflict {
  skuId: SkuId;
  name: string;
  partNumber: string;
  members: ReasonMember[];
}

/** The members in error for one reason, in plain words, with what a fix needs to know. */
export interface GroupErrorReason {
  kind: GroupErrorKind;
  words: ReasonWords;
  members: ReasonMember[];
  /** How many of them still have the license working despite the error (`ActiveWithError`). */
  activeCount: number;
  products: ReasonProduct[];
  /** For conflicts and dependencies: the direct licenses that clash, by product. */
  directConflicts: DirectLicenseConflict[];
}

const inError = (state: LicenseAssignmentState): boolean =>
  state.state === 'Error' || state.state === 'ActiveWithError';

const isDirect = (state: LicenseAssignmentState): boolean =>
  state.assignedByGroup === null && (state.state === 'Active' || state.state === 'ActiveWithError');

// Plans of one service (Exchange, SharePoint, Skype…) clash with each other across products; the
// foundation plans every product carries do not.
const SERVICE_FAMILIES = ['EXCHANGE', 'SHAREPOINT', 'MCO', 'INTUNE', 'PROJECT', 'VISIO', 'YAMMER'];

function familiesOf(sku: Sku | undefined, disabled: readonly string[] = []): Set<string> {
  const off = new Set(disabled);
  const families = new Set<string>();
  for (const plan of sku?.servicePlans ?? []) {
    const name = plan.servicePlanName.toUpperCase();
    if (off.has(plan.servicePlanId) || name.includes('FOUNDATION')) {
      continue;
    }
    const family = SERVICE_FAMILIES.find((prefix) => name.startsWith(prefix));
    if (family !== undefined) {
      families.add(family);
    }
  }
  return families;
}

/**
 * The direct licenses of a member that likely clash with the group's failing products: those
 * turning on a plan of the same service; failing that, their only direct license.
 */
function clashingDirect(
  member: DirectoryUser,
  failing: readonly LicenseAssignmentState[],
  skuById: ReadonlyMap<SkuId, Sku>,
): SkuId[] {
  const direct = [
    ...new Map(
      (member.licenseAssignmentStates ?? []).filter(isDirect).map((s) => [s.skuId, s]),
    ).values(),
  ];
  const wanted = new Set(failing.flatMap((s) => [...familiesOf(skuById.get(s.skuId))]));
  const clashing = direct.filter((state) =>
    [...familiesOf(skuById.get(state.skuId), state.disabledPlans)].some((f) => wanted.has(f)),
  );
  if (clashing.length > 0) {
    return clashing.map((s) => s.skuId);
  }
  return direct.length === 1 ? [direct[0]!.skuId] : [];
}

const productName = (skuById: ReadonlyMap<SkuId, Sku>, skuId: SkuId): string => {
  const sku = skuById.get(skuId);
  return sku ? skuDisplayName(sku) : skuId;
};

/**
 * The group's members in error grouped by reason, in the order an admin fixes them. A member
 * whose licenses from the group fail for two reasons is under both.
 */
export function groupErrorReasons(
  /** The group whose licenses failed; undefined: any group's. */
  groupId: ObjectId | undefined,
  members: readonly DirectoryUser[],
  skus: readonly Sku[],
): GroupErrorReason[] {
  const skuById = new Map(skus.map((sku) => [sku.skuId, sku]));
  const byKind = new Map<
    GroupErrorKind,
    { member: DirectoryUser; states: LicenseAssignmentState[] }[]
  >();
  for (const member of members) {
    const failing = (member.licenseAssignmentStates ?? []).filter(
      (state) =>
        (groupId === undefined
          ? state.assignedByGroup !== null
          : state.assignedByGroup === groupId) && inError(state),
    );
    // Listed in error with no state saying why: Entra named no reason.
    const kinds =
      failing.length > 0 ? failing.map((s) => groupErrorKind(s.error)) : ['Other' as const];
    for (const kind of new Set(kinds)) {
      const states = failing.filter((s) => groupErrorKind(s.error) === kind);
      byKind.set(kind, [...(byKind.get(kind) ?? []), { member, states }]);
    }
  }
  return GROUP_ERROR_KINDS.flatMap((kind): GroupErrorReason[] => {
    const entries = byKind.get(kind);
    if (entries === undefined) {
      return [];
    }
    const perSku = new Map<SkuId, number>();
    for (const { states } of entries) {
      for (const skuId of new Set(states.map((s) => s.skuId))) {
        perSku.set(skuId, (perSku.get(skuId) ?? 0) + 1);
      }
    }
    const products = [...perSku].map(([skuId, count]): ReasonProduct => {
      const sku = skuById.get(skuId);
      const available = sku ? availableSeats(sku) : 0;
      return {
        skuId,
        name: productName(skuById, skuId),
        partNumber: sku?.skuPartNumber ?? skuId,
        members: count,
        available,
        shortfall: Math.max(0, count - Math.max(0, available)),
      };
    });
    const reasonMembers = entries.map(({ member }) => memberOf(member));
    const locations = [...new Set(reasonMembers.map((m) => m.usageLocation ?? 'none set'))];
    return [
      {
        kind,
        words: groupReasonWords(
          kind,
          products.length > 0 ? products.map((p) => p.name).join(', ') : "the group's licenses",
          locations.join(', '),
        ),
        members: reasonMembers,
        activeCount: entries.filter(({ states }) =>
          states.some((s) => s.state === 'ActiveWithError'),
        ).length,
        products,
        directConflicts:
          kind === 'MutuallyExclusiveViolation' || kind === 'DependencyViolation'
            ? directConflicts(entries, skuById)
            : [],
      },
    ];
  });
}

function memberOf(user: DirectoryUser): ReasonMember {
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    usageLocation: user.usageLocation ?? null,
  };
}

function directConflicts(
  entries: readonly { member: DirectoryUser; states: LicenseAssignmentState[] }[],
  skuById: ReadonlyMap<SkuId, Sku>,
): DirectLicenseConflict[] {
  const bySku = new Map<SkuId, ReasonMember[]>();
  for (const { member, states } of entries) {
    for (const skuId of clashingDirect(member, states, skuById)) {
      bySku.set(skuId, [...(bySku.get(skuId) ?? []), memberOf(member)]);
    }
  }
  return [...bySku].map(([skuId, members]) => ({
    skuId,
    name: productName(skuById, skuId),
    partNumber: skuById.get(skuId)?.skuPartNumber ?? skuId,
    members,
  }));
}
