import { describe, expect, it } from 'vitest';
import { compareBy, parseOrderBy, userSortSchema } from '../../../src/simulator/odata/orderby.ts';
import { compileSearch, userSearchSchema } from '../../../src/simulator/odata/search.ts';

const userProperties = ['displayName', 'userPrincipalName', 'createdDateTime', 'department'];
const sortSchema = { ...userSortSchema, properties: userProperties };

describe('$search tokens', () => {
  const search = (text: string, value: string) =>
    compileSearch(text, userSearchSchema).matches({ displayName: value });

  it('matches the start of any word, across spaces, punctuation and case changes', () => {
    expect(search('"displayName:smi"', 'John Smith')).toBe(true);
    expect(search('"displayName:smi"', 'John-Smith')).toBe(true);
    expect(search('"displayName:smi"', 'JohnSmith')).toBe(true);
    expect(search('"displayName:mith"', 'John Smith')).toBe(false);
  });

  it('lets AND bind tighter than OR', () => {
    const compiled = compileSearch(
      '"displayName:ann" AND "department:sales" OR "displayName:bob"',
      userSearchSchema,
    );
    expect(compiled.matches({ displayName: 'Ann Lee', department: 'Sales' })).toBe(true);
    expect(compiled.matches({ displayName: 'Ann Lee', department: 'Legal' })).toBe(false);
    expect(compiled.matches({ displayName: 'Bob Ray', department: 'Legal' })).toBe(true);
  });

  it('refuses a dangling operator', () => {
    expect(() => compileSearch('"displayName:ann" OR', userSearchSchema)).toThrow(/position/);
  });
});

describe('$orderby', () => {
  it('sorts case-insensitively, missing values last, with desc per key', () => {
    const keys = parseOrderBy('createdDateTime desc, displayName', sortSchema, {
      advanced: true,
      filtered: false,
    });
    const rows = [
      { displayName: 'bea', createdDateTime: '2024-01-01T00:00:00Z' },
      { displayName: 'Al', createdDateTime: null },
      { displayName: 'abe', createdDateTime: '2024-01-01T00:00:00Z' },
      { displayName: 'Cy', createdDateTime: '2025-01-01T00:00:00Z' },
    ];
    expect([...rows].sort(compareBy(keys)).map((r) => r.displayName)).toEqual([
      'Cy',
      'abe',
      'bea',
      'Al',
    ]);
  });

  it('refuses properties Entra does not sort on, even in advanced queries', () => {
    expect(() =>
      parseOrderBy('department', sortSchema, { advanced: true, filtered: false }),
    ).toThrow('Sorting not supported for current query.');
  });
});
