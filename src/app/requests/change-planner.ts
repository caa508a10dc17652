import type { DirectoryUser } from '../../domain/licensing.ts';
import { describeChanges } from '../../domain/planning/describe-change.ts';
import { ImpactTally } from '../../domain/planning/impact-tally.ts';
import type { PlanningContext, UserPlan } from '../../domain/planning/license-change.ts';
import { rulePlanIds } from '../../domain/planning/plan-rules.ts';
import { planUserChange } from '../../domain/planning/plan-user-change.ts';
import type { ChangePart } from './resolve-changes.ts';

/** One listing's share of a request: its impact, and its users and plans when they are kept. */
interface ListingShare {
  impact: ImpactTally;
  users: DirectoryUser[];
  plans: UserPlan[];
}

/** What a request's users add up to: the impact, the line, and (when kept) the users and plans. */
export interface PlannedChanges {
  impact: ImpactTally;
  summary: string;
  /** Empty unless the planner keeps them (`ask` stores every user's plan). */
  users: DirectoryUser[];
  plans: UserPlan[];
}

/**
 * Plans a request's changes user by user and sums the impact as it goes. Users of a selection
 * read from Graph are planned as they arrive (`take`), listing by listing, and dropped unless
 * `keep` (a preview keeps only the sums, so its memory does not grow with the selection); users
 * already in memory are planned change by change (`planAll`). Either way the plans, the impact
 * and the line are those of planning every user of the selection's order in one go.
 */
export class ChangePlanner {
  readonly #parts: readonly ChangePart[];
  readonly #ctx: PlanningContext;
  readonly #keep: boolean;
  readonly #listings: ListingShare[] = [];
  readonly #changed: number[];

  constructor(parts: readonly ChangePart[], ctx: PlanningContext, options: { keep: boolean }) {
    this.#parts = parts;
    // SKUs by id and the plans the rules watch, built once for the whole request, not per user.
    this.#ctx = {
      ...ctx,
      skusById: new Map(ctx.skus.map((sku) => [sku.skuId, sku])),
      rulePlanIds: rulePlanIds(ctx.rules),
    };
    this.#keep = options.keep;
    this.#changed = parts.map(() => 0);
  }

  #share(listing: number): ListingShare {
    let share = this.#listings[listing];
    if (share === undefined) {
      share = { impact: new ImpactTally(this.#ctx.skus), users: [], plans: [] };
      this.#listings[listing] = share;
    }
    return share;
  }

  #plan(user: DirectoryUser, part: number, share: ListingShare): void {
    const plan = planUserChange(user, this.#parts[part]!.change, this.#ctx);
    share.impact.add(user, plan);
    this.#changed[part]! += plan.outcome === 'change' ? 1 : 0;
    if (this.#keep) {
      share.plans.push(plan);
    }
  }

  /** Plans one user of a selection as it is read (each user comes once): every change for them. */
  take(user: DirectoryUser, listing: number): void {
    const share = this.#share(listing);
    if (this.#keep) {
      share.users.push(user);
    }
    this.#parts.forEach((part, index) => {
      if (part.userIds === undefined || part.userIds.has(user.id)) {
        this.#plan(user, index, share);
      }
    });
  }

  /** Plans users held in memory, change by change; a user listed twice is planned once. */
  planAll(users: readonly DirectoryUser[]): void {
    const share = this.#share(0);
    if (this.#keep) {
      share.users = [...users];
    }
    this.#parts.forEach((part, index) => {
      const seen = new Set<string>();
      for (const user of users) {
        const ids = part.userIds;
        if ((ids === undefined || ids.has(user.id)) && !seen.has(user.id)) {
          seen.add(user.id);
          this.#plan(user, index, share);
        }
      }
    });
  }

  /** The sums over every listing in order, the line, and the users and plans kept. */
  planned(): PlannedChanges {
    const impact = new ImpactTally(this.#ctx.skus);
    // Listings that brought nobody are holes: `for…of` gives them as undefined, `flatMap` skips them.
    for (const share of this.#listings) {
      if (share !== undefined) {
        impact.merge(share.impact);
      }
    }
    const users = this.#listings.flatMap((share) => share.users);
    const plans = this.#listings.flatMap((share) => share.plans);
    const described = this.#parts.map((part, index) => ({
      change: part.change,
      userCount: this.#changed[index]!,
    }));
    return { impact, summary: describeChanges(described), users, plans };
  }
}
