import { policyForTenant } from '../requests/policy-for-tenant.ts';
import { dynamicGroupBody } from '../../domain/dynamic-rules/dynamic-group-body.ts';
import { compileRule } from '../../domain/dynamic-rules/match-rule.ts';
import { parseRule } from '../../domain/dynamic-rules/parse-rule.ts';
import { ruleGraphFields } from '../../domain/dynamic-rules/rule-fields.ts';
import { resolveCommand } from '../../domain/commands/resolve-command.ts';
import { groupLicenseChange } from '../../domain/group-licenses/group-license-change.ts';
import { GroupLicenseTally } from '../../domain/group-licenses/group-license-preview.ts';
import { newOperation } from '../../domain/operations/new-operation.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import { defaultPlanRules } from '../../domain/planning/plan-rules.ts';
import type { Caller } from '../identity/caller.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { RequestDependencies } from '../requests/request-deps.ts';
import {
  askedBefore,
  GROUP_LICENSE_REASON,
  savePendingGroupRequest,
  type GroupLicenseOutcome,
} from './ask-group-license.ts';
import { seatPrices } from './plan-group-license.ts';

/** A dynamic group to create from a previewed rule, and the license it should hand out. */
export interface DynamicGroupAsk {
  name: string;
  rule: string;
  /** A SKU or a template, as typed in the preview; `without` plans after it are left off. */
  license: string;
  withoutPlans?: string[];
  justification?: string;
}

const problem = (message: string): GroupLicenseOutcome => ({ kind: 'problem', message });

/**
 * Stores a request to create a dynamic security group with an Entra membership rule and license
 * it, pending an approver other than the one who asks. Its preview counts the users the rule
 * matches now (every user read a page at a time, only the rule's properties) as members of a
 * group giving that license: seats, cost, direct licenses, usage locations, clashes.
 */
export async function askDynamicGroup(
  deps: RequestDependencies,
  caller: Caller,
  asked: DynamicGroupAsk,
  options: { operationId?: string } = {},
): Promise<GroupLicenseOutcome> {
  const before = await askedBefore(deps, caller.tenantId, options.operationId);
  if (before) {
    return before;
  }
  const rule = parseRule(asked.rule);
  if (!rule.ok) {
    return problem(`I can't read that rule. ${rule.failure.message}`);
  }
  const body = dynamicGroupBody(asked.name, rule.value);
  if (!body.ok) {
    return problem(body.failure);
  }
  if (asked.license.trim() === '') {
    return problem(
      'Say which license the new group should hand out: preview the rule `with` a license first, e.g. `preview rule user.department -eq "Sales" with Power BI Pro`.',
    );
  }
  const directory = deps.directory.forTenant(caller.tenantId);
  const taken = (await directory.searchGroups(body.value.displayName, { limit: 10 })).some(
    (group) => group.displayName.toLowerCase() === body.value.displayName.toLowerCase(),
  );
  if (taken) {
    return problem(
      `A group named "${body.value.displayName}" exists already: give the new one another name, or license that one with \`license group\`.`,
    );
  }
  const [skus, templates, organization] = await Promise.all([
    directory.listSkus(),
    deps.templates.list(caller.tenantId),
    directory.getOrganization(),
  ]);
  const resolved = resolveCommand(
    { kind: 'assign', license: asked.license, users: [], withoutPlans: asked.withoutPlans ?? [] },
    { skus, templates: templates.map((entry) => entry.value) },
  );
  if (!resolved.ok) {
    return problem(resolved.failure.message);
  }
  if (resolved.value.kind !== 'assign') {
    return problem('Name one license for the group.');
  }
  const change = groupLicenseChange(
    body.value.displayName,
    [],
    { kind: 'license', licenses: resolved.value.licenses },
    skus,
    defaultPlanRules,
  );
  if (!change.ok) {
    return problem(change.message);
  }
  const tally = new GroupLicenseTally('', change.value, skus, defaultPlanRules);
  const matches = compileRule(rule.value);
  for await (const user of directory.listUsersWithProperties(ruleGraphFields(rule.value), {
    pageSize: 999,
  })) {
    if (matches(user)) {
      tally.add(user);
    }
  }
  const impact = tally.impact(
    await seatPrices(deps, caller.tenantId),
    organization.countryLetterCode,
  );
  const reasons = [GROUP_LICENSE_REASON];
  const members = impact.userCount;
  const { operation } = newOperation({
    id: options.operationId ?? deps.newId(),
    tenantId: caller.tenantId,
    kind: 'assign',
    requester: { userId: caller.userId, displayName: caller.displayName },
    summary: `Create the dynamic group "${body.value.displayName}" and ${change.value.description.replace(/^Add/, 'give it')} (the rule matches ${members} user${members === 1 ? '' : 's'} now)`,
    ...(asked.justification ? { justification: asked.justification } : {}),
    items: [],
    impact: recordImpact(impact, reasons),
    now: deps.clock.now(),
    expiresAfterMs: policyForTenant(deps, caller.tenantId).expiresAfterHours * 3_600_000,
  });
  const stored: StoredOperation = {
    ...operation,
    userCount: members,
    group: {
      id: '',
      displayName: body.value.displayName,
      body: change.value.body,
      after: change.value.after,
      create: body.value,
    },
  };
  return savePendingGroupRequest(deps, stored, { impact, reasons }, options.operationId);
}
