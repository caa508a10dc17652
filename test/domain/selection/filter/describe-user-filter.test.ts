import { describe, expect, it } from 'vitest';
import { describeUserFilter } from '../../../../src/domain/selection/filter/describe-user-filter.ts';
import type { FilterNode } from '../../../../src/domain/selection/filter/filter-node.ts';
import { parseUserFilter } from '../../../../src/domain/selection/filter/parse-user-filter.ts';

function canonical(text: string): string {
  const parsed = parseUserFilter(text);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  return describeUserFilter(parsed.value);
}

describe('describeUserFilter', () => {
  it.each([
    ["DEPARTMENT EQ 'Sales'", 'department eq "Sales"'],
    ['department eq "say ""hi"""', 'department eq "say ""hi"""'],
    ['accountenabled ne FALSE', 'accountEnabled ne false'],
    ['CITY in ( \'Paris\',"Lyon" )', 'city in ("Paris", "Lyon")'],
    ['STARTSWITH(jobtitle,"Eng")', 'startswith(jobTitle, "Eng")'],
    ['endsWith(mail, "@contoso.com")', 'endswith(mail, "@contoso.com")'],
    ['onPremisesExtensionAttributes/extensionAttribute2 eq "x"', 'extensionAttribute2 eq "x"'],
    ['HAS   Microsoft   365 E5', 'has Microsoft 365 E5'],
    ['has "Microsoft 365 E5"', 'has Microsoft 365 E5'],
    ['has "E5 (no Teams)"', 'has "E5 (no Teams)"'],
    ['has "Teams and Phone"', 'has "Teams and Phone"'],
    ['has "two  spaces"', 'has "two  spaces"'],
    ['NOT ASSIGNEDLICENSES/ANY()', 'not assignedLicenses/any()'],
    ['not (has A or has B)', 'not (has A or has B)'],
    ['not not has A', 'not not has A'],
    ['has A and (has B or has C)', 'has A and (has B or has C)'],
    ['(has A and has B) or has C', 'has A and has B or has C'],
    ['has A or (has B and has C)', 'has A or has B and has C'],
    ['has A and (has B and has C)', 'has A and (has B and has C)'],
    ['(has A or has B) or has C', 'has A or has B or has C'],
  ])('prints %s as %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it('reads back as the same tree', () => {
    const node: FilterNode = {
      kind: 'or',
      left: { kind: 'not', operand: { kind: 'has', sku: 'E5 "plus"' } },
      right: {
        kind: 'and',
        left: { kind: 'in', attribute: 'country', values: ['A "b"', "c'd"] },
        right: { kind: 'startsWith', attribute: 'displayName', value: '“x”' },
      },
    };
    const parsed = parseUserFilter(describeUserFilter(node));
    expect(parsed).toEqual({ ok: true, value: node });
  });
});
