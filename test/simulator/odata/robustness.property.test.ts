import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/simulator/faults/prng.ts';
import {
  compileFilter,
  groupFilterSchema,
  ODataQueryError,
  userFilterSchema,
} from '../../../src/simulator/odata/filter.ts';
import { E3, everyone } from './users.ts';

const vocabulary = [
  "department eq 'Sales'",
  'accountEnabled eq true',
  `assignedLicenses/any(x:x/skuId eq ${E3})`,
  "displayName eq 'All Employees'",
  'department',
  'accountEnabled',
  'assignedLicenses',
  '/any(x:x/skuId eq ',
  E3,
  '/$count',
  'eq',
  'ne',
  'in',
  'and',
  'or',
  'not',
  'startswith(',
  'endswith(',
  '(',
  ')',
  ',',
  "'Sales'",
  "'O''Brien'",
  "'unclosed",
  'true',
  'null',
  '0',
  'onPremisesExtensionAttributes/extensionAttribute3',
  '/',
  ':',
  '$',
  '=',
  '"',
  '  ',
];

describe('$filter robustness (seeded fuzzing)', () => {
  it('either compiles or throws an ODataQueryError with status 400, for any token soup', () => {
    const random = mulberry32(99);
    let compiled = 0;
    for (let i = 0; i < 3000; i += 1) {
      const length = 1 + Math.floor(random() * 9);
      const text = Array.from(
        { length },
        () => vocabulary[Math.floor(random() * vocabulary.length)]!,
      ).join(' ');
      for (const schema of [userFilterSchema, groupFilterSchema]) {
        try {
          const filter = compileFilter(text, schema);
          for (const user of everyone) {
            expect(typeof filter.matches(user)).toBe('boolean');
          }
          compiled += 1;
        } catch (error: unknown) {
          expect(error, text).toBeInstanceOf(ODataQueryError);
          expect((error as ODataQueryError).status).toBe(400);
          expect(['BadRequest', 'Request_UnsupportedQuery']).toContain(
            (error as ODataQueryError).code,
          );
        }
      }
    }
    // The soup is not all noise: some of it must be valid filters.
    expect(compiled).toBeGreaterThan(0);
  });
});
