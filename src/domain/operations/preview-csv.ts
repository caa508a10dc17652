import { planDisplayName, skuDisplayName } from '../catalogue/display-names.ts';
import { toCsv } from '../history/history-csv.ts';
import type { Sku } from '../licensing.ts';
import type { OperationItem } from './operation.ts';

/** What a request will do to one user: change them, nothing (already so), or skip them. */
export type PreviewOutcome = 'change' | 'no change' | 'skipped';

/** One user's line of a request's preview, with products and plans already named. */
export interface PreviewRow {
  userPrincipalName: string;
  displayName: string;
  outcome: PreviewOutcome;
  licensesAdded: string;
  licensesRemoved: string;
  disabledPlans: string;
  usageLocationToSet: string;
  reason: string;
}

export const previewCsvHeader = [
  'UserPrincipalName',
  'DisplayName',
  'Outcome',
  'LicensesAdded',
  'LicensesRemoved',
  'DisabledPlans',
  'UsageLocationToSet',
  'Reason',
] as const;

/** Product and plan names by id, from the tenant's SKUs. */
export interface PreviewNames {
  skus: ReadonlyMap<string, string>;
  plans: ReadonlyMap<string, string>;
}

/** Names for the tenant's SKUs and their plans; ids the tenant does not list stay ids. */
export function previewNames(skus: readonly Sku[]): PreviewNames {
  return {
    skus: new Map(skus.map((sku) => [sku.skuId, skuDisplayName(sku)])),
    plans: new Map(
      skus.flatMap((sku) =>
        sku.servicePlans.map((plan) => [plan.servicePlanId, planDisplayName(plan)] as const),
      ),
    ),
  };
}

// The planner words a user who cannot get the change so ("Not possible: …"); other skipped
// users already are as asked.
const REFUSED_NOTE = /^Not possible\b/;

/** A planned or sent item is a change; a skipped one is a refusal or nothing to do. */
export function previewOutcome(item: Pick<OperationItem, 'state' | 'note'>): PreviewOutcome {
  if (item.state !== 'skipped') {
    return 'change';
  }
  return REFUSED_NOTE.test(item.note ?? '') ? 'skipped' : 'no change';
}

/**
 * The plans turned off in the licenses added, by name. With several licenses added each list
 * says which product it is of.
 */
function disabledPlans(item: OperationItem, names: PreviewNames): string {
  const added = item.body.addLicenses;
  return added
    .filter((license) => license.disabledPlans.length > 0)
    .map((license) => {
      const plans = license.disabledPlans.map((id) => names.plans.get(id) ?? id).join(', ');
      return added.length > 1
        ? `${names.skus.get(license.skuId) ?? license.skuId}: ${plans}`
        : plans;
    })
    .join('; ');
}

/** One user's preview line: the change as planned, in names an admin reads. */
export function previewRow(item: OperationItem, names: PreviewNames): PreviewRow {
  const sku = (id: string) => names.skus.get(id) ?? id;
  return {
    userPrincipalName: item.userPrincipalName,
    displayName: item.displayName,
    outcome: previewOutcome(item),
    licensesAdded: item.body.addLicenses.map((license) => sku(license.skuId)).join('; '),
    licensesRemoved: item.body.removeLicenses.map(sku).join('; '),
    disabledPlans: disabledPlans(item, names),
    usageLocationToSet: item.setUsageLocation ?? '',
    reason: item.note ?? '',
  };
}

/** The preview as CSV text, header first, every cell made safe for spreadsheets. */
export function previewCsv(rows: readonly PreviewRow[]): string {
  return toCsv([
    previewCsvHeader,
    ...rows.map((row) => [
      row.userPrincipalName,
      row.displayName,
      row.outcome,
      row.licensesAdded,
      row.licensesRemoved,
      row.disabledPlans,
      row.usageLocationToSet,
      row.reason,
    ]),
  ]);
}
