import { describe, expect, it } from 'vitest';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import { ruleGraphFields } from '../../../src/domain/dynamic-rules/rule-fields.ts';

const fieldsOf = (rule: string): string[] => {
  const parsed = parseRule(rule);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  return ruleGraphFields(parsed.value);
};

describe('ruleGraphFields', () => {
  it('asks Graph only for the properties the rule reads, each once', () => {
    expect(
      fieldsOf('(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")'),
    ).toEqual(['department', 'onPremisesExtensionAttributes']);
    expect(
      fieldsOf(
        '-not (user.extensionAttribute1 -eq "a" -or user.extensionAttribute2 -eq "b") -and user.accountEnabled -eq true',
      ),
    ).toEqual(['accountEnabled', 'onPremisesExtensionAttributes']);
    expect(
      fieldsOf(
        'user.assignedPlans -any (assignedPlan.capabilityStatus -eq "Enabled") -or user.proxyAddresses -all (_ -ne null)',
      ),
    ).toEqual(['assignedPlans', 'proxyAddresses']);
  });
});
