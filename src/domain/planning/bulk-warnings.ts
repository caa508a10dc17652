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

type DataKind = (typeof dataKinds)[number]['kind'];

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
  const byId = new Map(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  const usersById = new Map(users.map((user) => [user.id, user]));
  const twice = new Map<string, { standalone: Sku; within: Sku; users: number }>();
  const lost = new Map<DataKind, number>();
  for (const plan of plans) {
    const user = usersById.get(plan.userId);
    if (plan.outcome !== 'change' || user === undefined) {
      continue;
    }
    const after = licensesAfter(user, plan);
    for (const added of plan.body.addLicenses) {
      const within = byId.get(added.skuId.toLowerCase());
      for (const held of after) {
        const standalone = byId.get(held.skuId.toLowerCase());
        if (within && standalone && standalone !== within && covers(within, standalone)) {
          const key = `${standalone.skuId}|${within.skuId}`;
          const entry = twice.get(key) ?? { standalone, within, users: 0 };
          entry.users += 1;
          twice.set(key, entry);
        }
      }
    }
    const held = user.assignedLicenses ?? [];
    if (after.length === held.length + plan.body.addLicenses.length) {
      // Every license held stays as it is (only new ones added): no plan goes, no data with it.
      continue;
    }
    const before = enabledPlanNames(held, byId);
    const remaining = enabledPlanNames(after, byId);
    for (const { kind, plan: pattern } of dataKinds) {
      if (
        before.some((name) => pattern.test(name)) &&
        !remaining.some((name) => pattern.test(name))
      ) {
        lost.set(kind, (lost.get(kind) ?? 0) + 1);
      }
    }
  }
  const lines = [...twice.values()].map(
    ({ standalone, within, users: n }) =>
      `${count(n, 'user')} will hold ${skuDisplayName(standalone)} twice: ${skuDisplayName(within)} has its plans. ` +
      `Free those seats afterwards: remove ${standalone.skuPartNumber} from users where has ${within.skuPartNumber} and has ${standalone.skuPartNumber}`,
  );
  if (lost.size > 0) {
    const parts = dataKinds.flatMap(({ kind, lost: words }) => {
      const n = lost.get(kind) ?? 0;
      return n === 0 ? [] : [words(n)];
    });
    lines.push(
      `Data at risk: ${parts.join(', ')}. Exchange keeps a mailbox 30 days after its license goes, then deletes it.`,
    );
  }
  return lines;
}
