import { describe, expect, it } from 'vitest';
import type { FilterNode } from '../../../../src/domain/selection/filter/filter-node.ts';
import {
  MAX_FILTER_LENGTH,
  MAX_NESTING,
  parseUserFilter,
} from '../../../../src/domain/selection/filter/parse-user-filter.ts';

function parsed(text: string): FilterNode {
  const result = parseUserFilter(text);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
}

function failure(text: string, offset?: number) {
  const result = parseUserFilter(text, offset === undefined ? {} : { offset });
  if (result.ok) {
    throw new Error(`expected "${text}" to fail`);
  }
  return result.failure;
}

const dept = (value: string): FilterNode => ({
  kind: 'compare',
  attribute: 'department',
  operator: 'eq',
  value: { kind: 'string', value },
});

describe('parseUserFilter', () => {
  describe('comparisons', () => {
    it.each<[string, FilterNode]>([
      ['department eq "Engineering"', dept('Engineering')],
      ["department eq 'Engineering'", dept('Engineering')],
      ['DEPARTMENT EQ "Engineering"', dept('Engineering')],
      ['department eq “Engineering”', dept('Engineering')],
      ['department eq ‘Engineering’', dept('Engineering')],
      ['department eq "say ""hi"""', dept('say "hi"')],
      ["department eq 'O''Brien'", dept("O'Brien")],
      ['department eq "O\'Brien"', dept("O'Brien")],
      [
        'usageLocation ne "GB"',
        {
          kind: 'compare',
          attribute: 'usageLocation',
          operator: 'ne',
          value: { kind: 'string', value: 'GB' },
        },
      ],
      [
        'accountEnabled eq TRUE',
        {
          kind: 'compare',
          attribute: 'accountEnabled',
          operator: 'eq',
          value: { kind: 'boolean', value: true },
        },
      ],
      [
        'accountenabled ne "false"',
        {
          kind: 'compare',
          attribute: 'accountEnabled',
          operator: 'ne',
          value: { kind: 'boolean', value: false },
        },
      ],
      [
        'extensionattribute10 eq "E5 All"',
        {
          kind: 'compare',
          attribute: 'extensionAttribute10',
          operator: 'eq',
          value: { kind: 'string', value: 'E5 All' },
        },
      ],
      [
        'onPremisesExtensionAttributes/extensionAttribute3 eq "x"',
        {
          kind: 'compare',
          attribute: 'extensionAttribute3',
          operator: 'eq',
          value: { kind: 'string', value: 'x' },
        },
      ],
    ])('reads %s', (text, expected) => {
      expect(parsed(text)).toEqual(expected);
    });

    it('reads in (…) lists', () => {
      expect(parsed('city IN ("Paris", \'Lyon\',"Nice")')).toEqual({
        kind: 'in',
        attribute: 'city',
        values: ['Paris', 'Lyon', 'Nice'],
      });
    });

    it('reads startswith and endswith', () => {
      expect(parsed('startsWith(jobTitle, "Eng")')).toEqual({
        kind: 'startsWith',
        attribute: 'jobTitle',
        value: 'Eng',
      });
      expect(parsed('ENDSWITH(mail,"@contoso.com")')).toEqual({
        kind: 'endsWith',
        attribute: 'mail',
        value: '@contoso.com',
      });
    });
  });

  describe('license status', () => {
    it.each<[string, string]>([
      ['has E5', 'E5'],
      ['HAS SPE_E3', 'SPE_E3'],
      ['has Microsoft 365 E5', 'Microsoft 365 E5'],
      ['has "Microsoft 365 E5"', 'Microsoft 365 E5'],
      ['has   m365    e3', 'm365 e3'],
    ])('reads %s', (text, sku) => {
      expect(parsed(text)).toEqual({ kind: 'has', sku });
    });

    it('ends the license words at and, or and ")"', () => {
      expect(parsed('(has Microsoft 365 E3 AND not has E5) Or has E1')).toEqual({
        kind: 'or',
        left: {
          kind: 'and',
          left: { kind: 'has', sku: 'Microsoft 365 E3' },
          right: { kind: 'not', operand: { kind: 'has', sku: 'E5' } },
        },
        right: { kind: 'has', sku: 'E1' },
      });
    });

    it('reads assignedLicenses/any() in any case, and its negation', () => {
      expect(parsed('AssignedLicenses/Any()')).toEqual({ kind: 'hasAnyLicense' });
      expect(parsed('not assignedLicenses/any ( )')).toEqual({
        kind: 'not',
        operand: { kind: 'hasAnyLicense' },
      });
    });
  });

  describe('precedence', () => {
    it('binds not tighter than and, and and tighter than or', () => {
      expect(parsed('has E3 or department eq "A" and not department eq "B"')).toEqual({
        kind: 'or',
        left: { kind: 'has', sku: 'E3' },
        right: {
          kind: 'and',
          left: dept('A'),
          right: { kind: 'not', operand: dept('B') },
        },
      });
    });

    it('groups and and or from the left', () => {
      expect(parsed('has A and has B and has C')).toEqual({
        kind: 'and',
        left: { kind: 'and', left: { kind: 'has', sku: 'A' }, right: { kind: 'has', sku: 'B' } },
        right: { kind: 'has', sku: 'C' },
      });
    });

    it('follows parentheses', () => {
      expect(parsed('not (has A or has B)')).toEqual({
        kind: 'not',
        operand: { kind: 'or', left: { kind: 'has', sku: 'A' }, right: { kind: 'has', sku: 'B' } },
      });
    });
  });

  describe('errors say where and what was expected', () => {
    it('asks for quotes around a value, with the typed word as the example', () => {
      const error = failure('department eq Sales', 9);
      expect(error).toEqual({
        position: 23,
        expected: 'a value in quotes',
        message:
          'At character 24 ("Sales"): expected a value in quotes after "eq", like department eq "Sales".',
      });
    });

    it.each<[string, string, string]>([
      [
        '',
        'a user attribute',
        'At character 1 (the end): expected a condition, like department eq "Sales".',
      ],
      [
        '   ',
        'a user attribute',
        'At character 4 (the end): expected a condition, like department eq "Sales".',
      ],
      [
        'departmnt eq "Sales"',
        'a user attribute',
        'At character 1 ("departmnt"): "departmnt" is not a user attribute; did you mean department?',
      ],
      [
        'favouriteColour eq "blue"',
        'a user attribute',
        'At character 1 ("favouriteColour"): "favouriteColour" is not a user attribute; attributes include department, jobTitle, usageLocation, city, country and extensionAttribute1 to 15.',
      ],
      [
        'has E3 and and has E5',
        'a user attribute',
        'At character 12 ("and"): expected a condition, like department eq "Sales".',
      ],
      [
        '"Sales"',
        'a user attribute',
        'At character 1 (""Sales""): expected a condition, like department eq "Sales".',
      ],
      [
        'department eq',
        'a value in quotes',
        'At character 14 (the end, after "eq"): expected a value in quotes after "eq", like department eq "Sales".',
      ],
      [
        'department eq and',
        'a value in quotes',
        'At character 15 ("and"): expected a value in quotes after "eq", like department eq "Sales".',
      ],
      [
        'department = "Sales"',
        '"eq", "ne" or "in"',
        'At character 12 ("="): expected eq, ne or in after department, like department eq "Sales".',
      ],
      [
        'accountEnabled in ("true")',
        '"eq" or "ne"',
        'At character 16 ("in"): expected eq or ne after accountEnabled, like accountEnabled eq true.',
      ],
      [
        'accountEnabled eq yes',
        'true or false',
        'At character 19 ("yes"): expected true or false after "eq", like accountEnabled eq false.',
      ],
      [
        'accountEnabled eq (',
        'true or false',
        'At character 19 ("("): expected true or false after "eq", like accountEnabled eq false.',
      ],
      [
        'department eq "Sales',
        'a closing quote',
        'At character 15 (""Sales"): expected a closing quote for the value that starts here.',
      ],
      [
        'department eq ""',
        'a value',
        'At character 15 (""""): expected a value inside the quotes, like department eq "Sales".',
      ],
      [
        'department eq "a\nb"',
        'a value on one line',
        'At character 15 (""a\nb""): expected a value without line breaks or control characters.',
      ],
      [
        'city in "Paris"',
        '"("',
        'At character 9 (""Paris""): expected "(" after "in", like city in ("London", "…").',
      ],
      [
        'city in ()',
        'a value in quotes',
        'At character 10 (")"): expected a value in quotes after "(", like city in ("London", "…").',
      ],
      [
        'city in ("Paris", Lyon)',
        'a value in quotes',
        'At character 19 ("Lyon"): expected a value in quotes after ",", like city in ("Lyon", "…").',
      ],
      [
        'city in ("Paris" "Lyon")',
        '"," or ")"',
        'At character 18 (""Lyon""): expected "," or ")" after a value, like city in ("London", "…").',
      ],
      [
        'startswith department',
        '"("',
        'At character 12 ("department"): expected "(" after startswith, like startswith(department, "Sa").',
      ],
      [
        'startswith(accountEnabled, "t")',
        'a text attribute',
        'At character 12 ("accountEnabled"): expected a text attribute: startswith does not work on accountEnabled.',
      ],
      [
        'endswith(mial, "t")',
        'a user attribute',
        'At character 10 ("mial"): "mial" is not a user attribute; did you mean mail?',
      ],
      [
        'startswith(, "t")',
        'a user attribute',
        'At character 12 (","): expected an attribute inside startswith(…), like startswith(department, "Sa").',
      ],
      [
        'startswith(city "t")',
        '","',
        'At character 17 (""t""): expected "," after the attribute, like startswith(department, "Sa").',
      ],
      [
        'startswith(city, Lon)',
        'a value in quotes',
        'At character 18 ("Lon"): expected a value in quotes after ",", like startswith(city, "Lon").',
      ],
      [
        'startswith(city, "Lon"',
        '")"',
        'At character 23 (the end, after ""Lon""): expected ")" after the value, like startswith(department, "Sa").',
      ],
      [
        'has',
        'a license name',
        'At character 4 (the end, after "has"): expected a license name after "has", like has E5 or has "Microsoft 365 E5".',
      ],
      [
        'has and has E5',
        'a license name',
        'At character 5 ("and"): expected a license name after "has", like has E5 or has "Microsoft 365 E5".',
      ],
      [
        'has " "',
        'a license name',
        'At character 5 ("" ""): expected a license name inside the quotes.',
      ],
      [
        'assignedLicenses/any',
        '"()"',
        'At character 21 (the end, after "assignedLicenses/any"): expected "()" after assignedLicenses/any, like assignedLicenses/any().',
      ],
      [
        'assignedLicenses/any(x)',
        '"()"',
        'At character 21 ("("): expected "()" after assignedLicenses/any, like assignedLicenses/any().',
      ],
      [
        '(has E3 or has E5',
        '")"',
        'At character 18 (the end, after "E5"): expected ")" to close the "(" at character 1.',
      ],
      [
        'has E3)',
        '"and", "or" or the end',
        'At character 7 (")"): found ")" without a "(" before it.',
      ],
      [
        'has "E3" E5',
        '"and", "or" or the end',
        'At character 10 ("E5"): expected "and", "or" or the end of the filter.',
      ],
      [
        'not',
        'a user attribute',
        'At character 4 (the end, after "not"): expected a condition, like department eq "Sales".',
      ],
      [
        '(has E3 or has',
        'a license name',
        'At character 15 (the end, after "has"): expected a license name after "has", like has E5 or has "Microsoft 365 E5".',
      ],
      [
        'has E3 and (department eq x)',
        'a value in quotes',
        'At character 27 ("x"): expected a value in quotes after "eq", like department eq "x".',
      ],
    ])('refuses %j', (text, expected, message) => {
      const error = failure(text);
      expect(error.expected).toBe(expected);
      expect(error.message).toBe(message);
    });

    it('shortens a long excerpt', () => {
      expect(failure('has E3 and aVeryLongAttributeNameThatGoesOnAndOn eq "x"').message).toMatch(
        /^At character 12 \("aVeryLongAttributeNameT…"\)/,
      );
      expect(failure(`department eq ${'x'.repeat(40)}`).message).toMatch(
        /^At character 15 \("x{23}…"\)/,
      );
      expect(failure(`has E3 or ${'y'.repeat(40)}`).message).toMatch(/\("y{23}…"\)/);
    });

    it('refuses nesting deeper than the limit instead of recursing', () => {
      expect(parseUserFilter(`${'('.repeat(MAX_NESTING)}has E5${')'.repeat(MAX_NESTING)}`).ok).toBe(
        true,
      );
      const deep = failure(`${'not '.repeat(MAX_NESTING + 1)}has E5`);
      expect(deep.expected).toBe('fewer nested conditions');
      expect(failure(`${'('.repeat(1_500)}`).expected).toBe('fewer nested conditions');
    });

    it('refuses a filter longer than the limit', () => {
      const error = failure(`has E5 or ${'has E5 or '.repeat(MAX_FILTER_LENGTH / 10)}has E5`, 5);
      expect(error.expected).toBe('a shorter filter');
      expect(error.position).toBe(MAX_FILTER_LENGTH + 5);
    });
  });
});
