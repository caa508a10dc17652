import { describe, expect, it } from 'vitest';
import { compileFilter, groupFilterSchema } from '../../../src/simulator/odata/filter.ts';

const groups = [
  {
    id: 'g1',
    displayName: 'All Employees',
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    hasMembersWithLicenseErrors: false,
  },
  {
    id: 'g2',
    displayName: 'Contractors',
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    hasMembersWithLicenseErrors: true,
  },
  {
    id: 'g3',
    displayName: 'Sales EMEA',
    securityEnabled: false,
    mailEnabled: true,
    groupTypes: ['Unified'],
    hasMembersWithLicenseErrors: false,
  },
];

function ids(filter: string): string[] {
  const compiled = compileFilter(filter, groupFilterSchema);
  return groups.filter((g) => compiled.matches(g)).map((g) => g.id);
}

describe('group $filter', () => {
  it('matches displayName eq and startswith ignoring case', () => {
    expect(ids("displayName eq 'contractors'")).toEqual(['g2']);
    expect(ids("startswith(displayName,'sales')")).toEqual(['g3']);
  });

  it('matches securityEnabled and mailEnabled', () => {
    expect(ids('securityEnabled eq true')).toEqual(['g1', 'g2']);
    expect(ids('mailEnabled eq true and securityEnabled eq false')).toEqual(['g3']);
  });

  it('lists groups with members in license error', () => {
    expect(ids('hasMembersWithLicenseErrors eq true')).toEqual(['g2']);
  });

  it('finds the groups that license a SKU through assignedLicenses/any', () => {
    const e3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
    const compiled = compileFilter(`assignedLicenses/any(x:x/skuId eq ${e3})`, groupFilterSchema);
    const licensed = { ...groups[0], assignedLicenses: [{ skuId: e3, disabledPlans: [] }] };
    expect(compiled.matches(licensed)).toBe(true);
    expect(compiled.matches({ ...groups[1], assignedLicenses: [] })).toBe(false);
    expect(compiled.requiresAdvancedQuery).toBe(false);
  });

  it('finds Microsoft 365 groups through groupTypes/any', () => {
    expect(ids("groupTypes/any(c:c eq 'unified')")).toEqual(['g3']);
  });

  it('refuses a group property Entra does not filter, naming the Group resource', () => {
    expect(() => compileFilter('createdDateTime ge 2021-11-01', groupFilterSchema)).toThrow(
      "Unsupported or invalid query filter clause specified for property 'createdDateTime' of resource 'Group'.",
    );
  });

  it('refuses user-only properties on groups as unknown', () => {
    expect(() => compileFilter("department eq 'Sales'", groupFilterSchema)).toThrow(
      "Could not find a property named 'department' on type 'microsoft.graph.group'.",
    );
  });
});
