import { describe, expect, it } from 'vitest';
import { compileRule } from '../../../src/domain/dynamic-rules/match-rule.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import type { RuleUser } from '../../../src/domain/dynamic-rules/rule-user.ts';

const matches = (rule: string, user: RuleUser): boolean => {
  const parsed = parseRule(rule);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  return compileRule(parsed.value)(user);
};

const EXO_P2 = 'efb87545-963c-4e0d-99df-69c6916d9eb0';

const megan: RuleUser = {
  displayName: 'Megan Bowen',
  userPrincipalName: 'MeganB@contoso.onmicrosoft.com',
  mail: 'MeganB@contoso.onmicrosoft.com',
  department: 'Marketing',
  jobTitle: 'Marketing Manager',
  city: 'Pittsburgh',
  country: 'United States',
  usageLocation: 'US',
  companyName: null,
  accountEnabled: true,
  onPremisesExtensionAttributes: { extensionAttribute10: 'E5 All', extensionAttribute1: null },
  proxyAddresses: ['SMTP:MeganB@contoso.com', 'smtp:megan@contoso.onmicrosoft.com'],
  assignedPlans: [
    { servicePlanId: EXO_P2, capabilityStatus: 'Enabled', service: 'exchange' },
    {
      servicePlanId: '57ff2da0-773e-42df-b2af-ffb7a2317929',
      capabilityStatus: 'Deleted',
      service: 'TeamspaceAPI',
    },
  ],
};

/** A user with nothing set: every property null or absent. */
const blank: RuleUser = {
  displayName: 'Nobody',
  onPremisesExtensionAttributes: null,
  assignedPlans: null,
};

describe('compileRule', () => {
  it.each([
    ['user.department -eq "marketing"', true],
    ['user.department -eq "Sales"', false],
    ['user.department -ne "Sales"', true],
    ['user.jobTitle -startsWith "MARKETING"', true],
    ['user.jobTitle -notStartsWith "Marketing"', false],
    ['user.mail -endsWith "@CONTOSO.onmicrosoft.com"', true],
    ['user.mail -notEndsWith "@contoso.onmicrosoft.com"', false],
    ['user.jobTitle -contains "ting man"', true],
    ['user.jobTitle -notContains "ting man"', false],
    ['user.displayName -match "^me.*n$"', true],
    ['user.displayName -notMatch "^Da"', true],
    ['user.city -in ["London", "PITTSBURGH"]', true],
    ['user.city -notIn ["London", "Pittsburgh"]', false],
    ['user.accountEnabled -eq true', true],
    ['user.accountEnabled -ne true', false],
    ['user.accountEnabled -eq false', false],
    ['user.companyName -eq null', true],
    ['user.department -eq null', false],
    ['user.department -ne null', true],
    ['user.extensionAttribute10 -eq "E5 All"', true],
    ['user.extensionAttribute1 -eq null', true],
    ['user.extensionAttribute2 -eq null', true],
    ['user.state -eq null', true],
    ['user.proxyAddresses -any (_ -startsWith "smtp:megan")', true],
    ['user.proxyAddresses -all (_ -contains "contoso")', true],
    ['user.proxyAddresses -all (_ -endsWith ".com" -and -not (_ -eq "x"))', true],
    ['user.proxyAddresses -any (_ -eq "x" -or _ -eq "smtp:megan@contoso.onmicrosoft.com")', true],
    [
      `user.assignedPlans -any (assignedPlan.servicePlanId -eq "${EXO_P2.toUpperCase()}" -and assignedPlan.capabilityStatus -eq "Enabled")`,
      true,
    ],
    [
      'user.assignedPlans -any (assignedPlan.service -eq "TeamspaceAPI" -and assignedPlan.capabilityStatus -eq "Enabled")',
      false,
    ],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', false],
    ['(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")', false],
    ['(user.extensionAttribute10 -eq "E5 All") -and (user.department -ne "Sales")', true],
    ['user.city -eq "x" -or -not (user.city -eq "y")', true],
  ])('%s → %s for Megan', (rule, expected) => {
    expect(matches(rule, megan)).toBe(expected);
  });

  it.each([
    ['user.department -eq null', true],
    ['user.department -ne "Sales"', true],
    ['user.department -eq "Sales"', false],
    ['user.department -startsWith "S"', false],
    ['user.department -notStartsWith "S"', true],
    ['user.department -in ["Sales"]', false],
    ['user.department -notIn ["Sales"]', true],
    ['user.department -match ".*"', false],
    ['user.accountEnabled -eq true', false],
    ['user.accountEnabled -ne true', true],
    ['user.accountEnabled -eq null', true],
    ['user.extensionAttribute10 -eq null', true],
    ['user.assignedPlans -all (assignedPlan.servicePlanId -eq null)', true],
    ['user.assignedPlans -any (assignedPlan.servicePlanId -ne null)', false],
    ['user.proxyAddresses -all (_ -eq "x")', true],
    ['user.proxyAddresses -any (_ -ne "x")', false],
  ])('%s → %s for a user with nothing set', (rule, expected) => {
    expect(matches(rule, blank)).toBe(expected);
  });

  it('reads an assigned plan field that is missing as null', () => {
    expect(
      matches('user.assignedPlans -any (assignedPlan.service -eq null)', {
        assignedPlans: [{ servicePlanId: 'x' }],
      }),
    ).toBe(true);
  });
});
