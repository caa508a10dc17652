import { describe, expect, it } from 'vitest';
import { describeRule } from '../../../src/domain/dynamic-rules/describe-rule.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import type { RuleNode } from '../../../src/domain/dynamic-rules/rule-node.ts';

const parsed = (text: string): RuleNode => {
  const result = parseRule(text);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
};

const failure = (text: string) => {
  const result = parseRule(text);
  if (result.ok) {
    throw new Error(`expected a syntax error for ${text}`);
  }
  return result.failure;
};

const department = (operator: string, value: string): RuleNode => ({
  kind: 'compare',
  property: 'department',
  operator: operator as 'eq',
  value: { kind: 'string', value },
});

describe('parseRule', () => {
  it('reads the rule of seed 004: an extension attribute and a department, in parentheses', () => {
    expect(
      parsed('(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")'),
    ).toEqual({
      kind: 'and',
      left: {
        kind: 'compare',
        property: 'extensionAttribute10',
        operator: 'eq',
        value: { kind: 'string', value: 'E3 All' },
      },
      right: department('ne', 'Sales'),
    });
  });

  it.each([
    ['-eq', 'eq'],
    ['-EQ', 'eq'],
    ['eq', 'eq'],
    ['-startsWith', 'startsWith'],
    ['-startswith', 'startsWith'],
    ['-notStartsWith', 'notStartsWith'],
    ['-endsWith', 'endsWith'],
    ['-notEndsWith', 'notEndsWith'],
    ['-contains', 'contains'],
    ['-notContains', 'notContains'],
    ['-match', 'match'],
    ['-notMatch', 'notMatch'],
    ['–ne', 'ne'],
  ])('reads the operator %s in any case, with or without its hyphen', (typed, operator) => {
    expect(parsed(`user.department ${typed} "Sales"`)).toEqual(department(operator, 'Sales'));
  });

  it('reads -in and -notIn with a list in brackets, in either quote', () => {
    expect(parsed(`user.city -in ["Paris", 'Lyon']`)).toEqual({
      kind: 'compare',
      property: 'city',
      operator: 'in',
      value: { kind: 'list', values: ['Paris', 'Lyon'] },
    });
    expect(parsed('user.city -notIn ["Paris"]')).toMatchObject({ operator: 'notIn' });
  });

  it('reads booleans and null', () => {
    expect(parsed('user.accountEnabled -eq true')).toEqual({
      kind: 'compare',
      property: 'accountEnabled',
      operator: 'eq',
      value: { kind: 'boolean', value: true },
    });
    expect(parsed('user.accountEnabled -ne "False"')).toMatchObject({
      value: { kind: 'boolean', value: false },
    });
    expect(parsed('user.mail -ne null')).toMatchObject({ value: { kind: 'null' } });
    expect(parsed('user.accountEnabled -eq $null')).toMatchObject({ value: { kind: 'null' } });
    expect(parsed('user.mail -eq "null"')).toMatchObject({
      value: { kind: 'string', value: 'null' },
    });
  });

  it('reads the quotes Entra allows, escapes included, and the curly ones Teams types', () => {
    expect(parsed('user.department -eq "say `"hi`""')).toEqual(department('eq', 'say "hi"'));
    expect(parsed("user.department -eq 'O''Brien'")).toEqual(department('eq', "O'Brien"));
    expect(parsed('user.department -eq “Sales”')).toEqual(department('eq', 'Sales'));
    expect(parsed('user.department -eq ‘R&D’')).toEqual(department('eq', 'R&D'));
    expect(parsed('user.department -eq "a`b"')).toEqual(department('eq', 'a`b'));
  });

  it('binds -not tighter than -and, and -and tighter than -or', () => {
    const a = 'user.city -eq "A"';
    const b = 'user.city -eq "B"';
    const c = 'user.city -eq "C"';
    const [na, nb, nc] = [a, b, c].map(parsed);
    expect(parsed(`${a} -or ${b} -and -not ${c}`)).toEqual({
      kind: 'or',
      left: na,
      right: { kind: 'and', left: nb, right: { kind: 'not', operand: nc } },
    });
    expect(parsed(`(${a} or ${b}) AND not (${c})`)).toEqual({
      kind: 'and',
      left: { kind: 'or', left: na, right: nb },
      right: { kind: 'not', operand: nc },
    });
  });

  it('reads -any and -all over assigned plans and proxy addresses, with or without parentheses', () => {
    expect(
      parsed(
        'user.assignedPlans -any (assignedPlan.servicePlanId -eq "efb87545-963c-4e0d-99df-69c6916d9eb0" -and assignedPlan.capabilityStatus -eq "Enabled")',
      ),
    ).toEqual({
      kind: 'collection',
      property: 'assignedPlans',
      quantifier: 'any',
      condition: {
        kind: 'and',
        left: {
          kind: 'compare',
          field: 'servicePlanId',
          operator: 'eq',
          value: { kind: 'string', value: 'efb87545-963c-4e0d-99df-69c6916d9eb0' },
        },
        right: {
          kind: 'compare',
          field: 'capabilityStatus',
          operator: 'eq',
          value: { kind: 'string', value: 'Enabled' },
        },
      },
    });
    expect(parsed('(user.proxyAddresses -any (_ -startsWith "contoso"))')).toEqual({
      kind: 'collection',
      property: 'proxyAddresses',
      quantifier: 'any',
      condition: {
        kind: 'compare',
        field: '_',
        operator: 'startsWith',
        value: { kind: 'string', value: 'contoso' },
      },
    });
    expect(
      parsed('user.assignedPlans -all assignedPlan.service -eq null -and user.city -eq "A"'),
    ).toMatchObject({ kind: 'and', left: { kind: 'collection', quantifier: 'all' } });
    expect(
      parsed(
        'user.assignedPlans -ANY ((assignedPlan.service -eq "SCO") -or -not (assignedPlan.service -in ["x"]))',
      ),
    ).toMatchObject({ kind: 'collection', condition: { kind: 'or' } });
  });

  it.each([
    'department',
    'jobTitle',
    'city',
    'country',
    'usageLocation',
    'userPrincipalName',
    'mail',
    'displayName',
    'companyName',
    'state',
    'userType',
    'extensionAttribute1',
    'extensionAttribute15',
  ])('reads user.%s', (property) => {
    expect(parsed(`user.${property} -startsWith "a"`)).toMatchObject({ property });
  });

  it('writes a rule back the way Entra reads it, and reading that gives the same rule', () => {
    const rules = [
      '(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")',
      "user.department -eq 'say \"hi\"' or user.city -in ['O''Brien', \"x\"]",
      'not not (user.city -eq “A” -or user.city -eq "B") -and user.accountEnabled -eq true',
      'user.city -eq "A" -or (user.city -eq "B" -or user.city -eq "C")',
      'user.city -eq "A" -and (user.city -eq "B" -and user.city -eq "C")',
      'user.assignedPlans -all (assignedPlan.servicePlanId -eq null) -and user.mail -ne null',
      'user.proxyAddresses -any _ -contains "`"" -or user.department -match "^Sa.*"',
      'user.department -eq "a`b"',
    ];
    for (const rule of rules) {
      const node = parsed(rule);
      expect(parsed(describeRule(node))).toEqual(node);
    }
    expect(
      describeRule(
        parsed('(user.extensionAttribute10 EQ “E3 All”) and not(user.department -ne "Sales")'),
      ),
    ).toBe('user.extensionAttribute10 -eq "E3 All" -and -not (user.department -ne "Sales")');
    expect(describeRule(parsed('user.accountEnabled -eq true -or user.mail -eq null'))).toBe(
      'user.accountEnabled -eq true -or user.mail -eq null',
    );
  });
});

describe('rule syntax errors', () => {
  it.each([
    ['', 1, 'expected a condition, like user.department -eq "Sales"'],
    ['user.department -eq "Sales', 21, 'expected a closing quote'],
    [
      'user.department -eq Sales',
      21,
      'expected a value in quotes after -eq, like user.department -eq "Sales"',
    ],
    ['user.departmnet -eq "Sales"', 1, 'did you mean user.department?'],
    [
      'user.Department -eq "Sales"',
      1,
      'expected user.department: Entra reads property names exactly as written',
    ],
    ['User.department -eq "Sales"', 1, 'expected "user." in lower case, like user.department'],
    ['department -eq "Sales"', 1, 'expected user.department: a property starts with "user."'],
    ['user.employeeId -eq "1"', 1, 'user.employeeId is an Entra property previews do not read'],
    [
      'user.extension_c272a57b722d4eb29bfe327874ae79cb_OfficeNumber -eq "123"',
      1,
      'previews do not read',
    ],
    [
      'user.xyzzyplugh -eq "1"',
      1,
      '"xyzzyplugh" is not a user property; properties include department',
    ],
    ['device.deviceOSType -eq "iPad"', 1, 'previews read user rules'],
    [
      'Direct Reports for "aaaaaaaa-0000-1111-2222-bbbbbbbbbbbb"',
      1,
      '"Direct Reports for" rules cannot be previewed',
    ],
    ['"Sales"', 1, 'expected a condition'],
    ['user.department -startwith "Sales"', 17, 'did you mean -startsWith?'],
    ['user.department "Sales"', 17, 'expected an operator after user.department'],
    ['user.department -ge "Sales"', 17, '-ge compares dates'],
    [
      'user.department -any (_ -eq "x")',
      17,
      '-any works on user.assignedPlans and user.proxyAddresses only',
    ],
    ['user.department -not -eq "x"', 17, '-not goes before a condition'],
    [
      'user.accountEnabled -startsWith "t"',
      21,
      'expected -eq or -ne: user.accountEnabled is true or false',
    ],
    ['user.accountEnabled -eq yes', 25, 'expected true, false or null after -eq'],
    ['user.department -contains null', 27, 'null works with -eq and -ne only'],
    ['user.department -eq ["a"]', 21, 'a list in brackets goes with -in or -notIn'],
    [
      'user.department -in "a"',
      21,
      'expected a list in brackets after -in, like user.department -in ["Sales", "…"]',
    ],
    ['user.department -in []', 22, 'expected at least one value in the list'],
    ['user.department -in ["a" "b"]', 26, 'expected "," or "]" after a value'],
    ['user.department -in ["a",]', 26, 'expected a value in quotes after ","'],
    ['user.department -match "(Sa"', 24, 'expected a regular expression after -match'],
    ['user.department -eq "a\tb"', 21, 'without line breaks or control characters'],
    ['user.department -eq "a" -and', 29, 'expected a condition'],
    ['user.department -eq "a" user.city -eq "b"', 25, 'expected -and, -or or the end of the rule'],
    ['user.department -eq "a")', 24, 'found ")" without a "(" before it'],
    ['(user.department -eq "a"', 25, 'expected ")" to close the "(" at character 1'],
    ['user.assignedPlans -eq "x"', 20, 'expected -any or -all after user.assignedPlans'],
    [
      'user.assignedPlans -any (assignedPlan.servicePlan -eq "x")',
      26,
      'did you mean assignedPlan.servicePlanId?',
    ],
    [
      'user.assignedPlans -any (user.city -eq "x")',
      26,
      'expected assignedPlan.servicePlanId, assignedPlan.capabilityStatus or assignedPlan.service',
    ],
    ['user.proxyAddresses -any (x -eq "x")', 27, 'expected "_" (each address)'],
    [
      'user.proxyAddresses -any (_ -eq "x" -and _ -eq "y"',
      51,
      'expected ")" to close the "(" of -any at character 26',
    ],
    ['user.proxyAddresses -any (_ -eq "x") -and', 42, 'expected a condition'],
    ['user.proxyAddresses -all (_ -le "x")', 29, '-le compares dates'],
    ['user.proxyAddresses -any x -eq "x"', 26, 'expected "_" (each address)'],
    [
      'user.assignedPlans -any assignedPlan.qqqqqqqq -eq "x"',
      25,
      'did you mean assignedPlan.servicePlanId?',
    ],
    [
      'user.assignedPlans -all (assignedPlan.capabilityStatus -eq Enabled)',
      60,
      'like assignedPlan.capabilityStatus -eq "Enabled"',
    ],
    ['user.proxyAddresses -all (_ -eq smtp)', 33, 'like _ -eq "smtp"'],
    ['user.city -eq "a" -or', 22, 'expected a condition'],
    ['user.proxyAddresses -any ("x" -eq "y")', 27, 'expected "_" (each address)'],
    ['user.department -eq', 20, 'expected a value in quotes after -eq'],
  ])('%s → at character %i: %s', (text, character, message) => {
    const error = failure(text);
    expect(error.message).toContain(`At character ${character} `);
    expect(error.message).toContain(message);
    expect(error.position).toBe(character - 1);
    expect(error.end).toBeGreaterThanOrEqual(error.position);
  });

  it('refuses a rule over 3,072 characters, as Entra does, saying how long it is', () => {
    const long = `user.department -eq "${'x'.repeat(3100)}"`;
    const error = failure(long);
    expect(error.message).toContain('At character 3073 ');
    expect(error.message).toContain('at most 3,072 characters');
    expect(error.message).toContain('this one has 3,122');
    expect(parseRule(`user.department -eq "${'x'.repeat(3072 - 22)}"`).ok).toBe(true);
  });

  it('refuses parentheses nested past 32 rather than recursing', () => {
    const deep = `${'('.repeat(40)}user.city -eq "A"${')'.repeat(40)}`;
    expect(failure(deep).message).toContain('at most 32 parentheses');
    const nots = `${'-not '.repeat(40)}user.city -eq "A"`;
    expect(failure(nots).expected).toBe('fewer nested conditions');
  });
});
