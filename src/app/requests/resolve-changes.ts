import { keepingMailboxes, resolveCommand } from '../../domain/commands/resolve-command.ts';
import type { DirectoryUser, ObjectId, Sku, SkuId } from '../../domain/licensing.ts';
import { bulkWarnings } from '../../domain/planning/bulk-warnings.ts';
import { describeChanges } from '../../domain/planning/describe-change.ts';
import { summariseImpact, type Impact, type SeatPrice } from '../../domain/planning/impact.ts';
import type {
  LicenseChange,
  PlanningContext,
  UserPlan,
} from '../../domain/planning/license-change.ts';
import { planOperation } from '../../domain/planning/plan-operation.ts';
import type { LicenseTemplate } from '../../domain/templates/license-template.ts';
import type { RowLicense } from '../selection/selected-users.ts';
import type { ChangeCommand, EarlyOutcome } from './request-outcome.ts';

/** One change of a request and the users it is for (all of them when `userIds` is absent). */
export interface ChangePart {
  change: LicenseChange;
  userIds?: ReadonlySet<ObjectId>;
}

function skusOf(user: DirectoryUser | undefined, skus: readonly Sku[]): Sku[] {
  const held = new Set((user?.assignedLicenses ?? []).map((license) => license.skuId));
  return skus.filter((sku) => held.has(sku.skuId));
}

/** A file's rows as changes: each group of rows that names the same license is one change. */
function rowChanges(
  command: Extract<ChangeCommand, { kind: 'assign' | 'remove' }>,
  rows: readonly RowLicense[],
  skus: readonly Sku[],
): { ok: true; value: ChangePart[] } | { ok: false; outcome: EarlyOutcome } {
  const byId = new Map<SkuId, Sku>(skus.map((sku) => [sku.skuId.toLowerCase(), sku]));
  const parts: ChangePart[] = [];
  for (const row of rows) {
    const sku = byId.get(row.skuId.toLowerCase());
    if (sku === undefined) {
      continue; // rows were resolved against these SKUs: not reached
    }
    let change: LicenseChange = {
      kind: 'assign',
      licenses: [{ sku, disabledPlanIds: row.disabledPlanIds }],
    };
    if (command.kind === 'remove') {
      // "… keeping mailboxes" holds for every license the rows name.
      const kept = command.keepMailbox === true ? keepingMailboxes(sku) : undefined;
      if (kept !== undefined && !kept.ok) {
        return { ok: false, outcome: { kind: 'problem', message: kept.failure.message } };
      }
      change = kept?.value ?? { kind: 'remove', skus: [sku] };
    }
    parts.push({ change, userIds: new Set(row.userIds) });
  }
  return { ok: true, value: parts };
}

/**
 * The changes a command asks for: a file's rows' licenses, or the command's words resolved
 * against the tenant's SKUs and templates (a word that fits several is asked about).
 */
export function resolveChanges(
  command: ChangeCommand,
  users: readonly DirectoryUser[],
  rowLicenses: readonly RowLicense[] | undefined,
  tenant: { skus: readonly Sku[]; templates: readonly LicenseTemplate[] },
): { ok: true; value: ChangePart[] } | { ok: false; outcome: EarlyOutcome } {
  if (rowLicenses !== undefined && (command.kind === 'assign' || command.kind === 'remove')) {
    return rowChanges(command, rowLicenses, tenant.skus);
  }
  if (command.kind === 'assign' && command.license === '') {
    return {
      ok: false,
      outcome: {
        kind: 'problem',
        message:
          'Say which license to assign: the file has no LicenseSKU column and the message names none, ' +
          'e.g. `assign Microsoft 365 E5 from this file`.',
      },
    };
  }
  const resolved = resolveCommand(command, {
    skus: tenant.skus,
    templates: tenant.templates,
    userSkus: skusOf(users[0], tenant.skus),
  });
  if (resolved.ok) {
    return { ok: true, value: [{ change: resolved.value }] };
  }
  const problem = resolved.failure;
  return {
    ok: false,
    outcome:
      problem.kind === 'ambiguous'
        ? {
            kind: 'chooseLicense',
            typed: problem.word,
            choices: problem.choices,
            message: problem.message,
          }
        : { kind: 'problem', message: problem.message },
  };
}

/** Every user's plan over the request's changes, the impact they add up to, and its line. */
export function planChanges(
  users: readonly DirectoryUser[],
  parts: readonly ChangePart[],
  ctx: PlanningContext,
  prices: ReadonlyMap<SkuId, SeatPrice>,
): { plans: UserPlan[]; impact: Impact; summary: string } {
  const plans: UserPlan[] = [];
  const described: { change: LicenseChange; userCount: number }[] = [];
  for (const part of parts) {
    const ids = part.userIds;
    const chosen = ids === undefined ? users : users.filter((user) => ids.has(user.id));
    const planned = planOperation(chosen, part.change, ctx).plans;
    plans.push(...planned);
    described.push({
      change: part.change,
      userCount: planned.filter((plan) => plan.outcome === 'change').length,
    });
  }
  const impact = {
    ...summariseImpact(plans, ctx.skus, prices),
    warnings: bulkWarnings(users, plans, ctx.skus),
  };
  return { plans, impact, summary: describeChanges(described) };
}
