import { describe, expect, it } from 'vitest';
import { dynamicGroupBody } from '../../../src/domain/dynamic-rules/dynamic-group-body.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import type { RuleNode } from '../../../src/domain/dynamic-rules/rule-node.ts';

const rule = (() => {
  const parsed = parseRule(
    '(user.extensionAttribute10 -eq “E3 All”) and (user.department -ne "Sales")',
  );
  return (parsed as { ok: true; value: RuleNode }).value;
})();

describe('dynamicGroupBody', () => {
  it('makes a dynamic security group with the rule as Entra reads it', () => {
    expect(dynamicGroupBody('  E3 All outside Sales ', rule)).toEqual({
      ok: true,
      value: {
        displayName: 'E3 All outside Sales',
        mailEnabled: false,
        mailNickname: 'E3AlloutsideSales',
        securityEnabled: true,
        groupTypes: ['DynamicMembership'],
        membershipRule: 'user.extensionAttribute10 -eq "E3 All" -and user.department -ne "Sales"',
        membershipRuleProcessingState: 'On',
      },
    });
  });

  it.each([
    ['Ventes & Marketing (Zürich)', 'VentesMarketingZurich'],
    ['licensing.e3_all-2026', 'licensing.e3_all-2026'],
    ['営業部', 'dynamicgroup'],
    ['x'.repeat(100), 'x'.repeat(64)],
  ])('gives "%s" the mail nickname %s', (name, nickname) => {
    const body = dynamicGroupBody(name, rule);
    expect(body.ok && body.value.mailNickname).toBe(nickname);
  });

  it.each([
    ['', 'Give the group a name on one line'],
    ['Sales\nEMEA', 'Give the group a name on one line'],
    ['x'.repeat(257), 'at most 256 characters; this one has 257'],
  ])('refuses the name %j', (name, message) => {
    const body = dynamicGroupBody(name, rule);
    expect(body.ok).toBe(false);
    expect(!body.ok && body.failure).toContain(message);
  });
});
