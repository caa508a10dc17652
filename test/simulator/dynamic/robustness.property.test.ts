import { describe, expect, it } from 'vitest';
import { compileUserRule } from '../../../src/simulator/dynamic/user-rule.ts';
import { mulberry32 } from '../../../src/simulator/faults/prng.ts';

/** Pieces of rules, right and wrong, glued at random: the parser answers, never throws. */
const vocabulary = [
  'user.department',
  'user.accountEnabled',
  'user.assignedPlans',
  'user.proxyAddresses',
  'assignedPlan.servicePlanId',
  '_',
  '-eq',
  '-ne',
  '-startsWith',
  '-notContains',
  '-match',
  '-in',
  '-notIn',
  '-any',
  '-all',
  '-and',
  '-or',
  '-not',
  '(',
  ')',
  '[',
  ']',
  ',',
  '"Sales"',
  "'Sales'",
  '"unterminated',
  '`"',
  'true',
  'null',
  '"(["',
  '-',
  ' ',
];

describe('dynamic membership rules under random input', () => {
  it('either compile or say where they go wrong, for 5,000 random rules', () => {
    const random = mulberry32(11);
    const users = [
      {
        department: 'Sales',
        accountEnabled: true,
        proxyAddresses: ['SMTP:a@b.c'],
        assignedPlans: [],
      },
      { department: null, accountEnabled: false },
    ];
    for (let round = 0; round < 5000; round += 1) {
      const length = 1 + Math.floor(random() * 12);
      const rule = Array.from(
        { length },
        () => vocabulary[Math.floor(random() * vocabulary.length)],
      ).join(' ');
      const compiled = compileUserRule(rule);
      if (compiled.ok) {
        for (const user of users) {
          expect(typeof compiled.matches(user)).toBe('boolean');
        }
      } else {
        expect(compiled.error.message.length).toBeGreaterThan(0);
        expect(compiled.error.position).toBeGreaterThanOrEqual(0);
        expect(compiled.error.position).toBeLessThanOrEqual(rule.length);
      }
    }
  });
});
