import type { LicensingFailure } from '../errors.ts';
import type { AssignLicenseBody, ObjectId, ServicePlanId, Sku, SkuId } from '../licensing.ts';
import type { ConflictDetail, PlanConflict } from './conflicts.ts';
import type { PlanRule } from './plan-rules.ts';

/** A change resolved against the tenant's SKUs, the same for every user of an operation. */
export type LicenseChange =
  | { kind: 'assign'; licenses: { sku: Sku; disabledPlanIds: ServicePlanId[] }[] }
  | { kind: 'remove'; skus: Sku[] }
  | { kind: 'removeAll' }
  | {
      kind: 'modify';
      sku: Sku;
      enablePlanIds: ServicePlanId[];
      disablePlanIds: ServicePlanId[];
      /** A removal that keeps the mailboxes: every plan off but Exchange Online's. */
      keepsMailbox?: boolean;
    }
  | { kind: 'transfer'; from: Sku; to: Sku };

/** What the planner knows besides the user: the tenant's SKUs, rules, and the request's extras. */
export interface PlanningContext {
  skus: readonly Sku[];
  rules: readonly PlanRule[];
  /** The usage location the request gave for users who have none. */
  usageLocation?: string;
  /** Display names of groups, to name the group that assigns a license. */
  groupNames?: Readonly<Record<ObjectId, string>>;
  /** `skus` by id, built once when many users are planned (else built per user). */
  skusById?: ReadonlyMap<SkuId, Sku>;
  /** The plans `rules` name (`rulePlanIds`), built once when many users are planned. */
  rulePlanIds?: ReadonlySet<ServicePlanId>;
}

/** One user's plan: the exact body to send, nothing to do, or why it cannot be done. */
export type UserPlan =
  | {
      outcome: 'change';
      userId: ObjectId;
      body: AssignLicenseBody;
      setUsageLocation?: string;
      /** SKUs this user starts to use a seat of, and stops using one of. */
      seatsTaken: string[];
      seatsFreed: string[];
      /** Rules the change would break: shown as warnings; Graph has the last word. */
      conflicts: PlanConflict[];
      /** The same conflicts with the licenses their plans come from, for the fix buttons. */
      conflictDetails: ConflictDetail[];
      notes: string[];
    }
  | { outcome: 'noop'; userId: ObjectId; reason: string }
  | { outcome: 'blocked'; userId: ObjectId; failure: LicensingFailure };
