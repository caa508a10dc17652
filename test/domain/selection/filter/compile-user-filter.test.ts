import { describe, expect, it } from 'vitest';
import { userAttributes } from '../../../../src/domain/selection/filter/attributes.ts';
import {
  compileUserFilter,
  MAX_IN_VALUES,
} from '../../../../src/domain/selection/filter/compile-user-filter.ts';
import type { FilterNode } from '../../../../src/domain/selection/filter/filter-node.ts';
import { parseUserFilter } from '../../../../src/domain/selection/filter/parse-user-filter.ts';
import type { Sku } from '../../../../src/domain/licensing.ts';
import { e3, e5, o365e3, tenantSkus } from '../../fixtures/tenant.ts';
import { outline } from './odata-shape.ts';

function compiled(text: string, skus: readonly Sku[] = tenantSkus) {
  const parsed = parseUserFilter(text);
  if (!parsed.ok) {
    throw new Error(parsed.failure.message);
  }
  return compileUserFilter(parsed.value, skus);
}

function filterOf(text: string, skus?: readonly Sku[]) {
  const result = compiled(text, skus);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
}

const dept = (value: string): FilterNode => ({
  kind: 'compare',
  attribute: 'department',
  operator: 'eq',
  value: { kind: 'string', value },
});

describe('compileUserFilter', () => {
  it.each<[string, string, boolean]>([
    ['department eq "Engineering"', "department eq 'Engineering'", false],
    ['department ne "Engineering"', "department ne 'Engineering'", true],
    ['accountEnabled eq false', 'accountEnabled eq false', false],
    ['accountEnabled ne true', 'accountEnabled ne true', true],
    ['city in ("Paris", "Lyon")', "city in ('Paris', 'Lyon')", false],
    ['companyName in ("Contoso")', "companyName in ('Contoso')", true],
    ['startswith(jobTitle, "Eng")', "startswith(jobTitle, 'Eng')", false],
    ['startswith(officeLocation, "B")', "startswith(officeLocation, 'B')", true],
    ['endswith(mail, "@contoso.com")', "endswith(mail, '@contoso.com')", true],
    [
      'extensionAttribute10 eq "E5 All"',
      "onPremisesExtensionAttributes/extensionAttribute10 eq 'E5 All'",
      true,
    ],
    ['has SPE_E5', `assignedLicenses/any(x:x/skuId eq ${e5.skuId})`, false],
    ['not has "Microsoft 365 E3"', `NOT assignedLicenses/any(x:x/skuId eq ${e3.skuId})`, true],
    ['assignedLicenses/any()', 'assignedLicenses/any()', false],
    ['not assignedLicenses/any()', 'NOT assignedLicenses/any()', true],
    ['not department eq "Sales"', "not (department eq 'Sales')", true],
    [
      'department eq "Sales" and not has SPE_E5',
      `department eq 'Sales' and NOT assignedLicenses/any(x:x/skuId eq ${e5.skuId})`,
      true,
    ],
    [
      'department eq "A" and (city eq "B" or city eq "C")',
      "department eq 'A' and (city eq 'B' or city eq 'C')",
      false,
    ],
    [
      'department eq "A" or city eq "B" and city eq "C"',
      "department eq 'A' or (city eq 'B' and city eq 'C')",
      false,
    ],
    [
      'not (department eq "A" or has SPE_E3)',
      `not (department eq 'A' or assignedLicenses/any(x:x/skuId eq ${e3.skuId}))`,
      true,
    ],
  ])('compiles %s', (text, filter, advanced) => {
    expect(filterOf(text)).toEqual({ filter, advanced });
  });

  it('uses the tenant SKU named by product name, part number, id or shorthand', () => {
    for (const words of ['Microsoft 365 E5', 'spe_e5', e5.skuId.toUpperCase(), 'm365 e5']) {
      expect(filterOf(`has ${words}`).filter).toBe(
        `assignedLicenses/any(x:x/skuId eq ${e5.skuId})`,
      );
    }
  });

  describe('license words that do not name one SKU', () => {
    it('names an unknown word and the closest product', () => {
      const result = compiled('has SPE_E7', [e3, e5]);
      expect(result).toEqual({
        ok: false,
        failure: {
          code: 'SKU_UNKNOWN',
          word: 'SPE_E7',
          suggestion: 'Microsoft 365 E3',
          message:
            'I can\'t find the license "SPE_E7" in this tenant. Did you mean "Microsoft 365 E3"?',
        },
      });
    });

    it('names an unknown word without a suggestion when nothing is close', () => {
      expect(compiled('has zzzzzzzzzzzz', [e3])).toEqual({
        ok: false,
        failure: {
          code: 'SKU_UNKNOWN',
          word: 'zzzzzzzzzzzz',
          message: 'I can\'t find the license "zzzzzzzzzzzz" in this tenant.',
        },
      });
    });

    it('lists the choices of an ambiguous word', () => {
      expect(compiled('has E3', [e3, o365e3])).toEqual({
        ok: false,
        failure: {
          code: 'SKU_AMBIGUOUS',
          word: 'E3',
          choices: ['Microsoft 365 E3', 'Office 365 E3'],
          message:
            '"E3" could be Microsoft 365 E3 or Office 365 E3: which one? Write it out, like has "Microsoft 365 E3".',
        },
      });
    });

    it('refuses a SKU whose id is not a GUID', () => {
      const broken: Sku = { ...e5, skuId: "x') or true or ('" };
      const result = compiled('has SPE_E5', [broken]);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.failure.code).toBe('SKU_ID_INVALID');
    });

    it('fails on the right side of and/or too, and under not', () => {
      expect(compiled('department eq "A" and has SPE_E7', [e5]).ok).toBe(false);
      expect(compiled('has SPE_E7 or department eq "A"', [e5]).ok).toBe(false);
      expect(compiled('not has SPE_E7', [e5]).ok).toBe(false);
    });
  });

  describe('what Graph cannot filter', () => {
    it.each([
      [
        'startswith(userType, "M")',
        'Microsoft Graph cannot filter userType with startswith; use eq or in instead.',
      ],
      [
        'endswith(department, "s")',
        'Microsoft Graph cannot filter department with endswith; use eq or in instead.',
      ],
      [
        'startswith(extensionAttribute1, "E")',
        'Microsoft Graph cannot filter extensionAttribute1 with startswith; use eq or in instead.',
      ],
    ])('refuses %s', (text, message) => {
      expect(compiled(text)).toEqual({
        ok: false,
        failure: { code: 'OPERATOR_UNSUPPORTED', message },
      });
    });

    it(`takes at most ${MAX_IN_VALUES} values in one in (…)`, () => {
      const values = (n: number) => Array.from({ length: n }, (_, i) => `"City ${i}"`).join(', ');
      expect(compiled(`city in (${values(MAX_IN_VALUES)})`).ok).toBe(true);
      expect(compiled(`city in (${values(MAX_IN_VALUES + 1)})`)).toEqual({
        ok: false,
        failure: {
          code: 'TOO_MANY_VALUES',
          message:
            'Graph takes at most 15 values in one "in (…)"; this one has 16. Split it with "or".',
        },
      });
    });
  });

  describe('no typed text changes the shape of the query', () => {
    const hostile = [
      "O'Brien",
      "'",
      "''",
      "x') or true or ('",
      "x' or accountEnabled eq true or department eq 'y",
      ') or true',
      '%27 or 1 eq 1',
      'Sales&$filter=accountEnabled eq true',
      'Sales&$select=*&$top=999',
      '"); DROP TABLE users; --',
      'line\nbreak',
      'tab\tand\r\nreturn',
      'Ünïcødé 部門 🚀',
      '\u202eRTL override',
      '\\',
      "\\'",
      'x/any(y:y eq 1)',
      'assignedLicenses/any(x:x/skuId eq 06ebc4ee-1bb5-47dd-8120-11324bc54e06)',
    ];

    it.each(hostile)('keeps %j one string literal in every kind of condition', (value) => {
      const s = JSON.stringify(value);
      const nodes: [FilterNode, string][] = [
        [dept(value), `department eq ${s}`],
        [
          { kind: 'compare', attribute: 'mail', operator: 'ne', value: { kind: 'string', value } },
          `mail ne ${s}`,
        ],
        [
          { kind: 'in', attribute: 'city', values: [value, 'Paris', value] },
          `city in [${s}, "Paris", ${s}]`,
        ],
        [{ kind: 'startsWith', attribute: 'jobTitle', value }, `startsWith(jobTitle, ${s})`],
        [
          { kind: 'endsWith', attribute: 'userPrincipalName', value },
          `endsWith(userPrincipalName, ${s})`,
        ],
        [
          {
            kind: 'compare',
            attribute: 'extensionAttribute7',
            operator: 'eq',
            value: { kind: 'string', value },
          },
          `onPremisesExtensionAttributes/extensionAttribute7 eq ${s}`,
        ],
        [
          {
            kind: 'and',
            left: dept(value),
            right: { kind: 'not', operand: { kind: 'has', sku: 'SPE_E5' } },
          },
          `and(department eq ${s}, not(assignedLicenses any(x: x/skuId eq guid ${e5.skuId})))`,
        ],
      ];
      for (const [node, expected] of nodes) {
        const result = compileUserFilter(node, tenantSkus);
        expect(result.ok).toBe(true);
        expect(result.ok && outline(result.value.filter)).toBe(expected);
      }
    });

    it.each(hostile.filter((value) => !/\p{Cc}/u.test(value)))(
      'keeps %j one value when typed in quotes',
      (value) => {
        const typed = `department eq "${value.replaceAll('"', '""')}" or has SPE_E5`;
        expect(outline(filterOf(typed).filter)).toBe(
          `or(department eq ${JSON.stringify(value)}, assignedLicenses any(x: x/skuId eq guid ${e5.skuId}))`,
        );
      },
    );

    it('never lets license words into the query: only the resolved GUID', () => {
      const result = compiled(`has "x') or true or ('"`, tenantSkus);
      expect(!result.ok && result.failure.code).toBe('SKU_UNKNOWN');
    });
  });

  it('knows every attribute: each compiles with eq', () => {
    for (const attribute of userAttributes) {
      const value = attribute.type === 'boolean' ? 'true' : '"v"';
      expect(filterOf(`${attribute.name} eq ${value}`).filter).toContain(attribute.path);
    }
  });
});
