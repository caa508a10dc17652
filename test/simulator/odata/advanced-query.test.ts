import { describe, expect, it } from 'vitest';
import {
  compileFilter,
  groupFilterSchema,
  userFilterSchema,
} from '../../../src/simulator/odata/filter.ts';

describe('advanced queries (ConsistencyLevel: eventual and $count=true)', () => {
  it.each([
    ["department ne 'Sales'", 'ne'],
    ["not(department eq 'Sales')", 'not'],
    ["endsWith(mail,'@contoso.com')", 'endsWith'],
    ['assignedLicenses/$count eq 0', '$count'],
  ])('refuses %s without them, naming the operator %s as Graph does', (filter, operator) => {
    const compiled = compileFilter(filter, userFilterSchema);
    expect(compiled.requiresAdvancedQuery).toBe(true);
    expect(() => compiled.assertQueryMode(false)).toThrow(
      `Operator '${operator}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header.`,
    );
    expect(() => compiled.assertQueryMode(true)).not.toThrow();
  });

  it('refuses an extension attribute without them, naming the property', () => {
    const compiled = compileFilter(
      "onPremisesExtensionAttributes/extensionAttribute1 eq 'x'",
      userFilterSchema,
    );
    expect(() => compiled.assertQueryMode(false)).toThrow(
      "Unsupported or invalid query filter clause specified for property 'extensionAttribute1' of resource 'User'.",
    );
  });

  it('accepts default clauses either way', () => {
    const compiled = compileFilter("department eq 'Sales'", userFilterSchema);
    expect(() => compiled.assertQueryMode(false)).not.toThrow();
    expect(() => compiled.assertQueryMode(true)).not.toThrow();
  });

  it('refuses hasMembersWithLicenseErrors when the advanced parameters are sent, as Graph does', () => {
    const compiled = compileFilter('hasMembersWithLicenseErrors eq true', groupFilterSchema);
    expect(compiled.rejectsAdvancedQuery).toBe(true);
    expect(() => compiled.assertQueryMode(false)).not.toThrow();
    let caught: unknown;
    try {
      compiled.assertQueryMode(true);
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toMatchObject({
      status: 400,
      code: 'Request_UnsupportedQuery',
      message:
        "Unsupported or invalid query filter clause specified for property 'hasMembersWithLicenseErrors' of resource 'Group'.",
    });
  });

  it('does not allow not on hasMembersWithLicenseErrors at all', () => {
    expect(() =>
      compileFilter('not(hasMembersWithLicenseErrors eq true)', groupFilterSchema),
    ).toThrow("property 'hasMembersWithLicenseErrors'");
  });
});
