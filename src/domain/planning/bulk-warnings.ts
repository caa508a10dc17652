import { skuDisplayName } from '../catalogue/display-names.ts';
import type { AssignedLicense, DirectoryUser, Sku, SkuId } from '../licensing.ts';
import type { UserPlan } from './license-change.ts';

// Plans every license carries for a service's basics: holding them twice costs nothing.
const isFoundation = (name: string): boolean => /_FOUNDATION$/i.test(name);

const count = (n: number, one: string, many = `${one}s`): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** What a user keeps in a service when a license goes, by the plans that hold the data. */
const dataKinds = [
  {
    kind: 'mailbox',
    plan: /^EXCHANGE_S_(?!FOUNDATION)/i,
    lost: (n: number) => `${count(n, 'mailbox', 'mailboxes')} ${n === 1 ? 'goes' : 'go'}`,
  },
  {
    kind: 'OneDrive',
    plan: /^(SHAREPOINTSTANDARD|SHAREPOINTENTERPRISE|ONEDRIVE)/i,
    lost: (n: number) => `${count(n, 'OneDrive')} go`,
  },
  { kind: 'Teams', plan: /^TEAMS1$/i, lost: (n: number) => `${count(n, 'user')} lose Teams` },
] as const;

export type DataKind = (typeof dataKinds)[number]['kind'];

/** The licenses a user holds once the plan's body is applied. */
function licensesAfter(user: DirectoryUser, plan: Extract<UserPlan, { outcome: 'change' }>) {
  const removed = new Set(plan.body.removeLicenses.map((id) => id.toLowerCase()));
  const added = new Set(plan.body.addLicenses.map((license) => license.skuId.toLowerCase()));
  const kept = (user.assignedLicenses ?? []).filter(
    (license) =>
      !removed.has(license.skuId.toLowerCase()) && !added.has(license.skuId.toLowerCase()),
  );
  return [...kept, ...plan.body.addLicenses];
}

/** The names of the plans the licenses leave on. */
function enabledPlanNames(
  licenses: readonly AssignedLicense[],
  skus: ReadonlyMap<SkuId, Sku>,
): string[] {
  return licenses.flatMap((license) => {
    const off = new Set(license.disabledPlans.map((id) => id.toLowerCase()));
    const sku = skus.get(license.skuId.toLowerCase());
    return (sku?.servicePlans ?? [])
      .filter((plan) => !off.has(plan.servicePlanId.toLowerCase()))
      .map((plan) => plan.servicePlanName);
  });
}

/** Whether every plan of `inner` that matters is also in `outer`. */
function covers(outer: Sku, inner: Sku): boolean {
  const outerIds = new Set(outer.servicePlans.map((plan) => plan.servicePlanId.toLowerCase()));
  const own = inner.servicePlans.filter((plan) => !isFoundation(plan.servicePlanName));
  return own.length > 0 && own.every((plan) => outerIds.has(plan.servicePlanId.toLowerCase()));
}

/** Licenses held twice and data lost, counted user by user: what the warnings are worded from. */
export interface WarningTally {
  /** By standalone and suite SKU, in the order first met. */
  twice: Map<string, { standalone: Sku; within: Sku; users: number }>;
  lost: Map<DataKind, number>;
  /** Whether a suite has a standalone's plans, by suite and standalone: worked out once a pair. */
  covering: Map<string, boolean>;
}

export function newWarningTally(): WarningTally {
  return { twice: new Map(), lost: new Map(), covering: new Map() };
}

/** The tenant's SKUs by lower-case id, as `tallyWarnings` looks them up. */
export function skusByLowerId(skus: readonly Sku[]): Map<string, Sku> {
  return new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
}

/** Adds one user's plan to the tally: what they would hold twice, and what data they lose. */
export function tallyWarnings(
  tally: WarningTally,
  user: DirectoryUser,
  plan: UserPlan,
  byId: ReadonlyMap<string, Sku>,
): void {
  if (plan.outcome !== 'change') {
    return;
  }
  const after = licensesAfter(user, plan);
  for (const added of plan.body.addLicenses) {
    const within = byId.get(added.skuId.toLowerCase());
    for (const held of after) {
      const standalone = byId.get(held.skuId.toLowerCase());
      if (within === undefined || standalone === undefined || standalone === within) {
        continue;
      }
      const key = `${standalone.skuId}|${within.skuId}`;
      let covered = tally.covering.get(key);
      if (covered === undefined) {
        covered = covers(within, standalone);
        tally.covering.set(key, covered);
      }
      if (covered) {
        const entry = tally.twice.get(key) ?? { standalone, within, users: 0 };
        entry.users += 1;
        tally.twice.set(key, entry);
      }
    }
  }
  const held = user.assignedLicenses ?? [];
  if (after.length === held.length + plan.body.addLicenses.length) {
    // Every license held stays as it is (only new ones added): no plan goes, no data with it.
    return;
  }
  const before = enabledPlanNames(held, byId);
  const remaining = enabledPlanNames(after, byId);
  for (const { kind, plan: pattern } of dataKinds) {
    if (
      before.some((name) => pattern.test(name)) &&
      !remaining.some((name) => pattern.test(name))
    ) {
      tally.lost.set(kind, (tally.lost.get(kind) ?? 0) + 1);
    }
  }
}

/**
 * Adds `later` (the users after those of `into`) to `into`: the same tally as counting both
 * users in turn, lines in the order first met.
 */
export function mergeWarningTallies(into: WarningTally, later: WarningTally): void {
  for (const [key, entry] of later.twice) {
    const known = into.twice.get(key);
    if (known) {
      known.users += entry.users;
    } else {
      into.twice.set(key, { ...entry });
    }
  }
  for (const [kind, n] of later.lost) {
    into.lost.set(kind, (into.lost.get(kind) ?? 0) + n);
  }
}

/** The tally in words, one line per license held twice, then the data at risk. */
export function warningLines(tally: WarningTally): string[] {
  const lines = [...tally.twice.values()].map(
    ({ standalone, within, users: n }) =>
      `${count(n, 'user')} will hold ${skuDisplayName(standalone)} twice: ${skuDisplayName(within)} has its plans. ` +
      `Free those seats afterwards: remove ${standalone.skuPartNumber} from users where has ${within.skuPartNumber} and has ${standalone.skuPartNumber}`,
  );
  if (tally.lost.size > 0) {
    const parts = dataKinds.flatMap(({ kind, lost: words }) => {
      const n = tally.lost.get(kind) ?? 0;
      return n === 0 ? [] : [words(n)];
    });
    lines.push(
      `Data at risk: ${parts.join(', ')}. Exchange keeps a mailbox 30 days after its license goes, then deletes it.`,
    );
  }
  return lines;
}

/**
 * What an approver should hear beyond seats and cost, in words: licenses users will hold twice
 * (a standalone license whose plans a license being added already has, with the command that
 * removes it afterwards), and the data users lose with a removal (mailboxes, OneDrives, Teams).
 */
export function bulkWarnings(
  users: readonly DirectoryUser[],
  plans: readonly UserPlan[],
  skus: readonly Sku[],
): string[] {
  const byId = skusByLowerId(skus);
  const usersById = new Map(users.map((user) => [user.id, user]));
  const tally = newWarningTally();
  for (const plan of plans) {
    const user = usersById.get(plan.userId);
    if (user !== undefined) {
      tallyWarnings(tally, user, plan, byId);
    }
  }
  return warningLines(tally);
}
