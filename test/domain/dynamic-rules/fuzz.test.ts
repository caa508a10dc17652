import { describe, expect, it } from 'vitest';
import { describeRule } from '../../../src/domain/dynamic-rules/describe-rule.ts';
import { compileRule } from '../../../src/domain/dynamic-rules/match-rule.ts';
import { parseRule } from '../../../src/domain/dynamic-rules/parse-rule.ts';
import type { RuleUser } from '../../../src/domain/dynamic-rules/rule-user.ts';

/** mulberry32: a tiny seeded generator, so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  '(user.extensionAttribute10 -eq "E3 All") -and (user.department -ne "Sales")',
  'user.department -in ["Sales", \'Marketing\'] -or -not (user.city -startsWith "Lon")',
  'user.assignedPlans -any (assignedPlan.servicePlanId -eq "efb87545-963c-4e0d-99df-69c6916d9eb0" -and assignedPlan.capabilityStatus -eq "Enabled")',
  '(user.proxyAddresses -any (_ -startsWith "contoso")) and user.accountEnabled -eq true',
  'user.mail -ne null -and user.displayName -match "^Da.*" -and user.userType -eq "Member"',
  'user.assignedPlans -all (assignedPlan.servicePlanId -eq null) or user.jobTitle -notContains "intern"',
  'user.companyName -eq "say `"hi`"" -or user.state -notIn [\'O\'\'Brien\'] -or user.usageLocation -eq “GB”',
];

const pieces = [
  ' ',
  ' -and ',
  ' -or ',
  '-not ',
  ' and ',
  '(',
  ')',
  '[',
  ']',
  ',',
  '"',
  "'",
  '`"',
  '“',
  '”',
  '’',
  '-eq ',
  '-ne ',
  'EQ ',
  '-in ',
  '-notIn ',
  '-match ',
  '-contains ',
  '-startsWith ',
  '-any ',
  '-all ',
  '-le ',
  'user.',
  'user.department',
  'user.Department',
  'user.accountEnabled',
  'user.extensionAttribute7',
  'user.assignedPlans',
  'user.proxyAddresses',
  'assignedPlan.servicePlanId',
  '_',
  'true',
  'false',
  'null',
  '"x"',
  '"[a-"',
  '"(a|b)*c"',
  "'O''Brien'",
  '["a","b"]',
  '\n',
  '\t',
  'é',
  '部',
  '🚀',
  '\u0000',
  '\\',
  '–eq ',
  'device.',
  'Direct Reports for ',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function randomInput(random: () => number): string {
  if (random() < 0.35) {
    let text = '';
    const count = 1 + Math.floor(random() * 12);
    for (let i = 0; i < count; i++) {
      text += pick(random, pieces);
    }
    return text;
  }
  let text = pick(random, seeds);
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (text.length + 1));
    const kind = random();
    if (kind < 0.4) {
      text = text.slice(0, at) + pick(random, pieces) + text.slice(at);
    } else if (kind < 0.7) {
      text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 4));
    } else if (kind < 0.85) {
      text =
        text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at + 1);
    } else {
      text = `${text} ${pick(random, ['-and', '-or', 'and'])} ${pick(random, seeds)}`;
    }
  }
  return text;
}

const users: RuleUser[] = [
  {},
  {
    displayName: 'David',
    department: 'Sales',
    accountEnabled: true,
    onPremisesExtensionAttributes: { extensionAttribute10: 'E3 All' },
    proxyAddresses: ['SMTP:david@contoso.com'],
    assignedPlans: [
      { servicePlanId: 'efb87545-963c-4e0d-99df-69c6916d9eb0', capabilityStatus: 'Enabled' },
    ],
  },
];

describe('dynamic rule fuzzing', () => {
  it('never throws on 100,000 random and mutated rules; every failure says where, every success reads back and evaluates', () => {
    const random = seeded(20_261_206);
    let parsedCount = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = randomInput(random);
      const parsed = parseRule(text);
      if (!parsed.ok) {
        const { message, position, end } = parsed.failure;
        if (
          !message.startsWith(`At character ${position + 1} `) ||
          position > text.length ||
          end < position
        ) {
          expect.fail(`no clear position for ${JSON.stringify(text)}: ${message}`);
        }
        continue;
      }
      parsedCount += 1;
      const again = parseRule(describeRule(parsed.value));
      if (!again.ok || JSON.stringify(again.value) !== JSON.stringify(parsed.value)) {
        expect.fail(`describe does not read back for ${JSON.stringify(text)}`);
      }
      const matches = compileRule(parsed.value);
      for (const user of users) {
        matches(user);
      }
    }
    // The generator must reach the interesting paths, not only syntax errors (about 8,700 read).
    expect(parsedCount).toBeGreaterThan(5_000);
  }, 180_000);
});
