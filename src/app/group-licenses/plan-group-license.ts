import { resolveCommand } from '../../domain/commands/resolve-command.ts';
import type { GroupLicenseCommand } from '../../domain/group-licenses/group-license-command.ts';
import {
  groupLicenseChange,
  type GroupLicenseChange,
  type GroupLicenseWish,
} from '../../domain/group-licenses/group-license-change.ts';
import {
  GroupLicenseTally,
  type GroupLicensePreview,
} from '../../domain/group-licenses/group-license-preview.ts';
import type { DirectoryGroup, SkuId } from '../../domain/licensing.ts';
import type { Impact, SeatPrice } from '../../domain/planning/impact.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import type { Caller } from '../identity/caller.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import { resolutionOutcome } from '../requests/resolve-changes.ts';
import { findLicensingGroup } from './find-licensing-group.ts';

/** A group license change worked out and previewed, not stored. */
export interface PlannedGroupLicense {
  group: DirectoryGroup;
  change: GroupLicenseChange;
  preview: GroupLicensePreview;
  impact: Impact;
  summary: string;
}

/** Why a group license request stops before anything is stored, in the requester's words. */
export type GroupLicenseProblem =
  | { kind: 'problem'; message: string }
  | { kind: 'nothingToDo'; message: string }
  | { kind: 'chooseGroup'; typed: string; choices: DirectoryGroup[] }
  | { kind: 'chooseLicense'; typed: string; choices: string[]; message: string };

export async function seatPrices(deps: RequestDependencies, tenantId: string) {
  const prices = await deps.prices.list(tenantId);
  return new Map<SkuId, SeatPrice>(
    prices.map((price) => [
      price.skuId,
      { monthlyAmount: price.monthlyAmount, currency: price.currency },
    ]),
  );
}

/**
 * Finds the group, resolves the license words, works out the group's `assignLicense` body
 * (refusing a dependency left off or clashing plans before Graph is called), and counts what it
 * does to the group's members a page at a time: who gets it, seats, direct licenses, inherited
 * usage locations, clashes; for a removal who loses it and who stays covered.
 */
export async function planGroupLicense(
  deps: RequestDependencies,
  caller: Caller,
  command: GroupLicenseCommand,
): Promise<{ ok: true; value: PlannedGroupLicense } | { ok: false; outcome: GroupLicenseProblem }> {
  const directory = deps.directory.forTenant(caller.tenantId);
  const found = await findLicensingGroup(directory, command.group);
  if (found.kind === 'none') {
    return {
      ok: false,
      outcome: {
        kind: 'problem',
        message: `I found no group named "${command.group}" or starting with it. Type its name as Entra shows it, or its object id.`,
      },
    };
  }
  if (found.kind === 'several') {
    return {
      ok: false,
      outcome: { kind: 'chooseGroup', typed: command.group, choices: found.choices },
    };
  }
  const group = found.group;
  if (group.securityEnabled !== true) {
    return {
      ok: false,
      outcome: {
        kind: 'problem',
        message: `"${group.displayName}" is not a security group, and Entra licenses only security-enabled groups (a Microsoft 365 group qualifies once security is enabled on it; a distribution list never does). Pick a security group, or enable security on this one first.`,
      },
    };
  }
  const [skus, templates, organization] = await Promise.all([
    directory.listSkus(),
    deps.templates.list(caller.tenantId),
    directory.getOrganization(),
  ]);
  const resolved = resolveCommand(
    command.kind === 'license'
      ? { kind: 'assign', license: command.license, users: [], withoutPlans: command.withoutPlans }
      : { kind: 'remove', license: { scope: 'sku', sku: command.sku }, users: [] },
    { skus, templates: templates.map((entry) => entry.value) },
  );
  if (!resolved.ok) {
    return { ok: false, outcome: resolutionOutcome(resolved.failure) };
  }
  const wish: GroupLicenseWish | undefined =
    resolved.value.kind === 'assign'
      ? { kind: 'license', licenses: resolved.value.licenses }
      : resolved.value.kind === 'remove'
        ? { kind: 'unlicense', skus: resolved.value.skus }
        : undefined;
  if (wish === undefined) {
    return { ok: false, outcome: { kind: 'problem', message: 'Name one license for the group.' } };
  }
  const change = groupLicenseChange(
    group.displayName,
    group.assignedLicenses ?? [],
    wish,
    skus,
    defaultPlanRules,
  );
  if (!change.ok) {
    return {
      ok: false,
      outcome: {
        kind: change.reason === 'nothingToDo' ? 'nothingToDo' : 'problem',
        message: change.message,
      },
    };
  }
  // Group licenses reach direct members only (Entra does not expand nested groups).
  const tally = new GroupLicenseTally(group.id, change.value, skus, defaultPlanRules);
  for await (const member of directory.listGroupMembers(group.id, {
    transitive: false,
    fields: 'licensing',
  })) {
    tally.add(member);
  }
  const impact = tally.impact(
    await seatPrices(deps, caller.tenantId),
    organization.countryLetterCode,
  );
  const members = tally.preview.memberCount;
  return {
    ok: true,
    value: {
      group,
      change: change.value,
      preview: tally.preview,
      impact,
      summary: `${change.value.description} ${change.value.kind === 'remove' ? 'from' : 'to'} the group "${group.displayName}" (${members} member${members === 1 ? '' : 's'})`,
    },
  };
}
