import type { DirectoryUser, SkuId } from '../licensing.ts';
import { summariseImpact, type Impact, type SeatPrice } from './impact.ts';
import type { LicenseChange, PlanningContext, UserPlan } from './license-change.ts';
import { planUserChange } from './plan-user-change.ts';
import { rulePlanIds } from './plan-rules.ts';

/** Every user's plan and the impact they add up to. */
export interface OperationPlan {
  plans: UserPlan[];
  impact: Impact;
}

/**
 * Plans one change for many users: a single user and a bulk selection go through the same
 * function. A user listed twice is planned once.
 */
export function planOperation(
  users: readonly DirectoryUser[],
  change: LicenseChange,
  ctx: PlanningContext,
  prices: ReadonlyMap<SkuId, SeatPrice> = new Map(),
): OperationPlan {
  const seen = new Set<string>();
  const unique = users.filter((user) => !seen.has(user.id) && seen.add(user.id));
  const indexed: PlanningContext = {
    ...ctx,
    skusById: new Map(ctx.skus.map((sku) => [sku.skuId, sku])),
    rulePlanIds: rulePlanIds(ctx.rules),
  };
  const plans = unique.map((user) => planUserChange(user, change, indexed));
  return { plans, impact: summariseImpact(plans, ctx.skus, prices) };
}
