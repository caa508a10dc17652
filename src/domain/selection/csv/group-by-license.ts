import type { ServicePlanId, SkuId } from '../../licensing.ts';

/** Rows that get the same license with the same plans disabled: one change plans them all. */
export interface LicenseGroup<T> {
  skuId: SkuId;
  /** Sorted; as the group's first row has them. */
  disabledPlanIds: ServicePlanId[];
  rows: T[];
}

/**
 * Groups rows by (SKU, set of disabled plans), in the order each group first appears; rows keep
 * their order within a group. Ids compare without case: Graph spells GUIDs in lower case, files
 * may not.
 */
export function groupByLicense<
  T extends { skuId: SkuId; disabledPlanIds: readonly ServicePlanId[] },
>(rows: readonly T[]): LicenseGroup<T>[] {
  const groups = new Map<string, LicenseGroup<T>>();
  for (const row of rows) {
    const disabledPlanIds = [...row.disabledPlanIds].sort();
    const key = [row.skuId, ...new Set(disabledPlanIds)].join(' ').toLowerCase();
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { skuId: row.skuId, disabledPlanIds, rows: [row] });
    } else {
      group.rows.push(row);
    }
  }
  return [...groups.values()];
}
