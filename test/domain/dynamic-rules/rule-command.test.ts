import { describe, expect, it } from 'vitest';
import { readRuleCommand } from '../../../src/domain/dynamic-rules/rule-command.ts';

describe('readRuleCommand', () => {
  it.each([
    ['user.department -eq "Sales"', { rule: 'user.department -eq "Sales"' }],
    [
      'user.department -eq "Sales" with Microsoft 365 E3',
      {
        rule: 'user.department -eq "Sales"',
        license: { name: 'Microsoft 365 E3', withoutPlans: [], typed: 'Microsoft 365 E3' },
      },
    ],
    [
      'user.department -eq "Sales with Pride" WITH SPE_E3 without Yammer, Sway and Teams',
      {
        rule: 'user.department -eq "Sales with Pride"',
        license: {
          name: 'SPE_E3',
          withoutPlans: ['Yammer', 'Sway', 'Teams'],
          typed: 'SPE_E3 without Yammer, Sway and Teams',
        },
      },
    ],
    [
      'user.city -eq "x" with',
      { rule: 'user.city -eq "x"', license: { name: '', withoutPlans: [], typed: '' } },
    ],
    ['user.city -eq "x with E3', { rule: 'user.city -eq "x with E3' }],
    [
      'user.city -eq "x" with E5 without ',
      { rule: 'user.city -eq "x"', license: { name: 'E5', withoutPlans: [], typed: 'E5 without' } },
    ],
  ])('%s', (text, expected) => {
    expect(readRuleCommand(text)).toEqual(expected);
  });
});
