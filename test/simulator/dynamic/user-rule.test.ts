import { describe, expect, it } from 'vitest';
import { compileUserRule } from '../../../src/simulator/dynamic/user-rule.ts';

const exchangePlan = 'efb87545-963c-4e0d-99df-69c6916d9eb0';

/** Users as Graph shows them (what the tenant hands the rule). */
const ann = {
  id: 'u-ann',
  displayName: 'Ann Lee',
  department: 'Engineering',
  jobTitle: 'Software Engineer',
  city: 'Seattle',
  country: 'United States',
  usageLocation: 'US',
  accountEnabled: true,
  userPrincipalName: 'ann@contoso.com',
  mail: 'ann@contoso.com',
  userType: 'Member',
  onPremisesExtensionAttributes: { extensionAttribute10: 'E3 All' },
  proxyAddresses: ['SMTP:ann@contoso.com', 'smtp:ann.lee@fabrikam.com'],
  assignedPlans: [
    { servicePlanId: exchangePlan, capabilityStatus: 'Enabled', service: 'EXCHANGE_S_ENTERPRISE' },
  ],
};
const bob = {
  ...ann,
  id: 'u-bob',
  displayName: 'Bob "The Builder" Roy',
  department: 'Sales',
  jobTitle: null,
  accountEnabled: false,
  userPrincipalName: 'bob@contoso.com',
  onPremisesExtensionAttributes: { extensionAttribute10: null },
  proxyAddresses: ['SMTP:bob@contoso.com'],
  assignedPlans: [],
};

function matching(rule: string): string[] {
  const compiled = compileUserRule(rule);
  if (!compiled.ok) {
    throw new Error(`${compiled.error.message} at ${compiled.error.position}`);
  }
  return [ann, bob].filter((user) => compiled.matches(user)).map((user) => user.id);
}

function refusal(rule: string): { message: string; position: number } {
  const compiled = compileUserRule(rule);
  if (compiled.ok) {
    throw new Error(`expected "${rule}" to be refused`);
  }
  return compiled.error;
}

describe('dynamic membership rules', () => {
  it('compares strings without case, with every operator and its negation', () => {
    expect(matching('user.department -eq "engineering"')).toEqual(['u-ann']);
    expect(matching('user.department -ne "Engineering"')).toEqual(['u-bob']);
    expect(matching('user.displayName -startsWith "ann"')).toEqual(['u-ann']);
    expect(matching('user.displayName -notStartsWith "Ann"')).toEqual(['u-bob']);
    expect(matching('user.displayName -endsWith "ROY"')).toEqual(['u-bob']);
    expect(matching('user.displayName -notEndsWith "Roy"')).toEqual(['u-ann']);
    expect(matching('user.jobTitle -contains "engineer"')).toEqual(['u-ann']);
    expect(matching('user.jobTitle -notContains "engineer"')).toEqual(['u-bob']);
    expect(matching('user.userPrincipalName -match "^a.*@contoso\\.com$"')).toEqual(['u-ann']);
    expect(matching('user.userPrincipalName -notMatch "^a"')).toEqual(['u-bob']);
    expect(matching('user.department -in ["Sales","Marketing"]')).toEqual(['u-bob']);
    expect(matching('user.department -notIn ["sales"]')).toEqual(['u-ann']);
  });

  it('reads booleans, null and extension attributes', () => {
    expect(matching('user.accountEnabled -eq true')).toEqual(['u-ann']);
    expect(matching('user.accountEnabled -ne true')).toEqual(['u-bob']);
    expect(matching('user.jobTitle -eq null')).toEqual(['u-bob']);
    expect(matching('user.jobTitle -ne null')).toEqual(['u-ann']);
    expect(matching('user.extensionAttribute10 -eq "E3 All"')).toEqual(['u-ann']);
    expect(matching('user.objectId -eq "u-bob"')).toEqual(['u-bob']);
  });

  it('joins with -and, -or, -not and parentheses, -and binding tighter than -or', () => {
    const rule = '(user.department -eq "Engineering") -and (user.accountEnabled -eq true)';
    expect(matching(rule)).toEqual(['u-ann']);
    expect(
      matching(
        'user.department -eq "Sales" -or user.department -eq "Engineering" -and user.city -eq "Nowhere"',
      ),
    ).toEqual(['u-bob']);
    expect(matching('-not (user.department -eq "Sales")')).toEqual(['u-ann']);
    expect(matching('-not user.accountEnabled -eq true -and user.usageLocation -eq "US"')).toEqual([
      'u-bob',
    ]);
  });

  it('reads multi-valued properties through -any and -all', () => {
    expect(
      matching(
        `user.assignedPlans -any (assignedPlan.servicePlanId -eq "${exchangePlan}" -and assignedPlan.capabilityStatus -eq "Enabled")`,
      ),
    ).toEqual(['u-ann']);
    expect(matching('user.proxyAddresses -any (_ -contains "fabrikam")')).toEqual(['u-ann']);
    expect(matching('user.proxyAddresses -all (_ -endsWith "@contoso.com")')).toEqual(['u-bob']);
  });

  it('takes escaped quotes and single quotes', () => {
    expect(matching('user.displayName -contains "`"The Builder`""')).toEqual(['u-bob']);
    expect(matching("user.department -eq 'Sales'")).toEqual(['u-bob']);
  });

  it('refuses a bad rule with what is wrong and where', () => {
    expect(refusal('user.department -eq')).toEqual({
      message: 'Expected a value but found the end of the rule.',
      position: 19,
    });
    expect(refusal('user.department -equals "Sales"')).toEqual({
      message: 'Unknown operator -equals.',
      position: 16,
    });
    expect(refusal('(user.department -eq "Sales"')).toMatchObject({ position: 28 });
    expect(refusal('user.department -eq "Sales')).toEqual({
      message: 'Unterminated string value.',
      position: 20,
    });
    expect(refusal('user.shoeSize -eq "42"').message).toContain('Wrong property applied');
    expect(refusal('user.accountEnabled -startsWith "t"').message).toBe(
      'Invalid operands found for operator -startswith.',
    );
    expect(refusal('user.department -any (_ -eq "x")').message).toContain('not a multi-valued');
    expect(refusal('user.proxyAddresses -eq "x"').message).toContain('use -any or -all');
    expect(refusal('user.proxyAddresses -any (assignedPlan.service -eq "x")').message).toContain(
      'Wrong property applied',
    );
    expect(refusal('user.mail -match "("').message).toContain('Invalid regular expression');
    expect(refusal('user.department -in "Sales"').message).toContain('Expected a list');
    expect(refusal('').message).toBe('The rule is empty.');
    expect(refusal('user.department -eq "Sales" user.city -eq "x"').position).toBe(28);
  });

  it('allows 3,072 characters and no more', () => {
    const clause = ' -or user.city -eq "x"';
    const base = 'user.city -eq "Seattle"';
    const longest = base + clause.repeat(Math.floor((3072 - base.length) / clause.length));
    expect(compileUserRule(longest.padEnd(3072, ' ')).ok).toBe(true);
    expect(refusal(`${longest.padEnd(3072, ' ')} `).message).toBe(
      'The rule is 3073 characters long; the limit is 3072.',
    );
  });
});
