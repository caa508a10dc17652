import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/domain/dynamic-rules/match-rule.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import { ruleGraphFields } from '../../../src/domain/dynamic-rules/rule-fields.ts';
import { startGraphFixture, type GraphFixture } from '../../graph/support/graph-fixture.ts';

/**
 * License Desk's rule evaluator against the simulator's own dynamic groups: the same rules, the
 * same demo tenant, the same members. Each side reads the rule with its own parser and evaluator.
 */
const rules = [
  '(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")',
  'user.department -in ["Sales", \'Marketing\'] -and -not (user.city -startsWith "lon")',
  'user.assignedPlans -any (assignedPlan.servicePlanId -eq "efb87545-963c-4e0d-99df-69c6916d9eb0" -and assignedPlan.capabilityStatus -eq "Enabled")',
  'user.assignedPlans -all (assignedPlan.servicePlanId -eq null) -and user.accountEnabled -eq true',
  '(user.proxyAddresses -any (_ -startsWith "smtp:")) -and user.jobTitle -notContains "manager"',
  'user.jobTitle -match "^(vice|director)" -or user.usageLocation -eq null',
  'user.mail -notEndsWith ".onmicrosoft.com" -or user.accountEnabled -eq false',
  'user.extensionAttribute10 -ne "E5 All" -and user.companyName -eq null -and user.state -eq null',
  'user.displayName -contains "an" -and user.country -notIn ["United States", "United Kingdom"]',
  'user.userPrincipalName -startsWith "A" -and user.userType -eq "Member" -and user.extensionAttribute3 -eq null',
];

let g: GraphFixture;
beforeAll(async () => {
  g = await startGraphFixture({ groupProcessingDelayMs: 5 });
});
afterAll(async () => {
  await g.close();
});

async function graph(path: string, init: { method?: string; body?: unknown } = {}) {
  const response = await fetch(`${g.sim.graphBaseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: 'Bearer tests', 'Content-Type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  expect(response.status).toBeLessThan(300);
  return (await response.json()) as {
    id: string;
    value: { id: string }[];
    '@odata.nextLink'?: string;
  };
}

async function simulatorMembers(rule: string, index: number): Promise<Set<string>> {
  const created = await graph('/groups', {
    method: 'POST',
    body: {
      displayName: `Rule ${index}`,
      mailEnabled: false,
      mailNickname: `rule${index}`,
      securityEnabled: true,
      groupTypes: ['DynamicMembership'],
      membershipRule: rule,
      membershipRuleProcessingState: 'On',
    },
  });
  await fetch(`${g.sim.url}/_simulator/settle`, { method: 'POST' });
  const ids = new Set<string>();
  let next: string | undefined =
    `${g.sim.graphBaseUrl}/groups/${created.id}/members?$select=id&$top=999`;
  while (next !== undefined) {
    const page = await graph(next.slice(g.sim.graphBaseUrl.length));
    page.value.forEach((member) => ids.add(member.id));
    next = page['@odata.nextLink'];
  }
  return ids;
}

async function ourMembers(rule: string): Promise<{ members: Set<string>; users: number }> {
  const parsed = parseRule(rule);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  const matches = compileRule(parsed.value);
  const members = new Set<string>();
  let users = 0;
  for await (const user of g.directory.listUsersWithProperties(ruleGraphFields(parsed.value))) {
    users += 1;
    if (matches(user)) {
      members.add(user.id);
    }
  }
  return { members, users };
}

describe("rule previews against the simulator's dynamic groups", () => {
  it.each(rules.map((rule, index) => [rule, index] as const))(
    '%s: the same members',
    async (rule, index) => {
      const ours = await ourMembers(rule);
      const theirs = await simulatorMembers(rule, index);
      // Neither everybody nor nobody: the rule tells people apart in the demo tenant.
      expect(ours.members.size).toBeGreaterThan(0);
      expect(ours.members.size).toBeLessThan(ours.users);
      expect([...ours.members].sort()).toEqual([...theirs].sort());
    },
  );
});
