import {
  keepingMailboxes,
  resolveCommand,
  type ResolutionProblem,
} from '../../domain/commands/resolve-command.ts';
import type { DirectoryUser, ObjectId, Sku, SkuId } from '../../domain/licensing.ts';
import type { LicenseChange } from '../../domain/planning/license-change.ts';
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
 * Whether the command's words are resolved against the licenses of the first user of the
 * selection (plans to turn on or off without naming the license): the selection must be read
 * before its users can be planned.
 */
export function readsFirstUser(command: ChangeCommand): boolean {
  return command.kind === 'modify' && command.sku === undefined;
}

/**
 * The changes a command asks for: a file's rows' licenses, or the command's words resolved
 * against the tenant's SKUs and templates (a word that fits several is asked about); plans named
 * without their license are looked for in the first user's licenses (see `readsFirstUser`).
 */
export function resolveChanges(
  command: ChangeCommand,
  firstUser: DirectoryUser | undefined,
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
    userSkus: skusOf(firstUser, tenant.skus),
  });
  if (resolved.ok) {
    return { ok: true, value: [{ change: resolved.value }] };
  }
  return { ok: false, outcome: resolutionOutcome(resolved.failure) };
}

/** A license word that did not resolve: a choice when it fits several, else why not. */
export function resolutionOutcome(
  problem: ResolutionProblem,
):
  | { kind: 'chooseLicense'; typed: string; choices: string[]; message: string }
  | { kind: 'problem'; message: string } {
  return problem.kind === 'ambiguous'
    ? {
        kind: 'chooseLicense',
        typed: problem.word,
        choices: problem.choices,
        message: problem.message,
      }
    : { kind: 'problem', message: problem.message };
}
