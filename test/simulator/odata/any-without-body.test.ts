import { describe, expect, it } from 'vitest';
import { compileFilter, userFilterSchema } from '../../../src/simulator/odata/filter.ts';
import { parseFilter } from '../../../src/simulator/odata/parser.ts';
import { alex, everyone } from './users.ts';

function names(filter: string): string[] {
  const compiled = compileFilter(filter, userFilterSchema);
  return everyone.filter((u) => compiled.matches(u)).map((u) => String(u.displayName));
}

const licensed = everyone.filter(
  (u) => Array.isArray(u['assignedLicenses']) && u['assignedLicenses'].length > 0,
);

describe('any() without a lambda body', () => {
  it('parses as a lambda with neither variable nor body', () => {
    expect(parseFilter('assignedLicenses/any()')).toEqual({
      kind: 'any',
      path: { segments: ['assignedLicenses'], position: 0 },
      variable: null,
      body: null,
    });
  });

  it('keeps the users holding at least one license, by default', () => {
    const compiled = compileFilter('assignedLicenses/any( )', userFilterSchema);
    expect(compiled.requiresAdvancedQuery).toBe(false);
    expect(names('assignedLicenses/any()')).toEqual(licensed.map((u) => String(u.displayName)));
    expect(compiled.matches(alex)).toBe(true);
  });

  it('negated, keeps the unlicensed users, as an advanced query only', () => {
    const compiled = compileFilter('NOT assignedLicenses/any()', userFilterSchema);
    expect(compiled.requiresAdvancedQuery).toBe(true);
    expect(() => compiled.assertQueryMode(false)).toThrow(
      expect.objectContaining({ code: 'Request_UnsupportedQuery' }),
    );
    expect(names('not assignedLicenses/any()')).toEqual(
      everyone.filter((u) => !licensed.includes(u)).map((u) => String(u.displayName)),
    );
  });

  it('reads a missing collection as empty', () => {
    const compiled = compileFilter('assignedLicenses/any()', userFilterSchema);
    expect(compiled.matches({ id: 'x' })).toBe(false);
  });

  it('is refused on a property that is not a collection', () => {
    expect(() => compileFilter('department/any()', userFilterSchema)).toThrow(
      expect.objectContaining({ code: 'Request_UnsupportedQuery' }),
    );
  });
});
