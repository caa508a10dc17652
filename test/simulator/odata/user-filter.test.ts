import { describe, expect, it } from 'vitest';
import { compileFilter, userFilterSchema } from '../../../src/simulator/odata/filter.ts';
import { alex, E3, E5, everyone, lynne, megan } from './users.ts';

/** Display names of the users a filter keeps, in order. */
function names(filter: string): string[] {
  const compiled = compileFilter(filter, userFilterSchema);
  return everyone.filter((u) => compiled.matches(u)).map((u) => String(u.displayName));
}

const ALEX = 'Alex Wilber';
const MEGAN = "Megan O'Bowen";
const LYNNE = 'Lynne Robbins';

describe('user $filter', () => {
  it('matches eq on department ignoring case, as Entra compares strings', () => {
    expect(names("department eq 'SALES'")).toEqual([ALEX, LYNNE]);
  });

  it.each([
    ["jobTitle eq 'sales manager'", [ALEX]],
    ["city eq 'Paris'", [LYNNE]],
    ["country eq 'united states'", [ALEX, MEGAN]],
    ["usageLocation eq 'us'", [ALEX, MEGAN]],
    ["userPrincipalName eq 'meganb@contoso.onmicrosoft.com'", [MEGAN]],
    ["mail eq 'alexw@contoso.onmicrosoft.com'", [ALEX]],
    ["displayName eq 'lynne robbins'", [LYNNE]],
    ["givenName eq 'Alex'", [ALEX]],
    ["surname eq 'wilber'", [ALEX]],
    ["id eq '00000000-0000-0000-0000-0000000000025'", [LYNNE]],
  ])('matches %s', (filter, expected) => {
    expect(names(filter)).toEqual(expected);
  });

  it('matches accountEnabled against a boolean literal', () => {
    expect(names('accountEnabled eq false')).toEqual([LYNNE]);
    expect(names('accountEnabled eq true')).toEqual([ALEX, MEGAN]);
  });

  it('matches an extension attribute and says it needs an advanced query', () => {
    const compiled = compileFilter(
      "onPremisesExtensionAttributes/extensionAttribute10 eq 'e3 all'",
      userFilterSchema,
    );
    expect(everyone.filter((u) => compiled.matches(u))).toEqual([alex]);
    expect(compiled.requiresAdvancedQuery).toBe(true);
  });

  it('matches startswith ignoring case, whatever the function name casing', () => {
    expect(names("startswith(displayName,'al')")).toEqual([ALEX]);
    expect(names("startsWith(department, 'SA')")).toEqual([ALEX, LYNNE]);
  });

  it('matches in against a list of strings', () => {
    expect(names("department in ('IT', 'Finance')")).toEqual([MEGAN]);
    expect(names("city in ('Seattle','Paris')")).toEqual([ALEX, LYNNE]);
  });

  it("reads '' inside a string literal as one quote", () => {
    expect(names("displayName eq 'Megan O''Bowen'")).toEqual([MEGAN]);
  });

  it('finds users holding a SKU with assignedLicenses/any, whatever the lambda variable', () => {
    expect(names(`assignedLicenses/any(x:x/skuId eq ${E5})`)).toEqual([MEGAN]);
    expect(names(`assignedLicenses/any(lic: lic/skuId eq ${E3.toUpperCase()})`)).toEqual([
      ALEX,
      MEGAN,
    ]);
  });

  it('finds unlicensed users with assignedLicenses/$count eq 0 as an advanced query', () => {
    const compiled = compileFilter('assignedLicenses/$count eq 0', userFilterSchema);
    expect(everyone.filter((u) => compiled.matches(u))).toEqual([lynne]);
    expect(compiled.requiresAdvancedQuery).toBe(true);
    expect(names('assignedLicenses/$count ne 0')).toEqual([ALEX, MEGAN]);
  });

  it('matches eq null on users without a value, as an advanced query', () => {
    const compiled = compileFilter('usageLocation eq null', userFilterSchema);
    expect(everyone.filter((u) => compiled.matches(u))).toEqual([lynne]);
    expect(compiled.requiresAdvancedQuery).toBe(true);
  });

  it('compares createdDateTime with ge and le on unquoted dates, as an advanced query', () => {
    expect(names('createdDateTime ge 2023-01-01T00:00:00Z')).toEqual([ALEX, LYNNE]);
    expect(names('createdDateTime le 2021-12-31')).toEqual([MEGAN]);
    expect(
      compileFilter('createdDateTime ge 2023-01-01', userFilterSchema).requiresAdvancedQuery,
    ).toBe(true);
  });

  it('accepts property names and keywords in any case, as Graph does', () => {
    expect(names("Department eq 'it' OR AccountEnabled eq false")).toEqual([MEGAN, LYNNE]);
  });

  it('matches ne and not, and marks them as advanced queries', () => {
    const ne = compileFilter("department ne 'sales'", userFilterSchema);
    expect(everyone.filter((u) => ne.matches(u))).toEqual([megan]);
    expect(ne.requiresAdvancedQuery).toBe(true);
    expect(names(`not(assignedLicenses/any(x:x/skuId eq ${E5}))`)).toEqual([ALEX, LYNNE]);
  });

  it('needs no advanced query for the default clauses', () => {
    const compiled = compileFilter(
      `department eq 'Sales' and accountEnabled eq true and assignedLicenses/any(x:x/skuId eq ${E3})`,
      userFilterSchema,
    );
    expect(compiled.requiresAdvancedQuery).toBe(false);
    expect(compiled.rejectsAdvancedQuery).toBe(false);
  });

  it('applies not without parentheses to a function or a lambda, as Microsoft documents', () => {
    expect(names("NOT startsWith(displayName, 'Al')")).toEqual([MEGAN, LYNNE]);
    expect(names(`not assignedLicenses/any(x:x/skuId eq ${E3})`)).toEqual([LYNNE]);
  });

  it('matches a plan in a given state with and inside the assignedPlans lambda', () => {
    const teams = '57ff2da0-773e-42df-b2af-ffb7a2317929';
    const withPlans = {
      ...alex,
      assignedPlans: [
        { servicePlanId: teams, capabilityStatus: 'Suspended', service: 'TeamspaceAPI' },
      ],
    };
    const suspended = compileFilter(
      `assignedPlans/any(a:a/servicePlanId eq ${teams} and a/capabilityStatus eq 'Suspended')`,
      userFilterSchema,
    );
    const enabled = compileFilter(
      `assignedPlans/any(a:a/servicePlanId eq ${teams} and a/capabilityStatus eq 'Enabled')`,
      userFilterSchema,
    );
    expect(suspended.matches(withPlans)).toBe(true);
    expect(enabled.matches(withPlans)).toBe(false);
    // Every assignedPlans clause is an advanced query in Microsoft's current property table.
    expect(suspended.requiresAdvancedQuery).toBe(true);
    const single = compileFilter(
      `assignedPlans/any(a:a/servicePlanId eq ${teams})`,
      userFilterSchema,
    );
    expect(single.requiresAdvancedQuery).toBe(true);
  });

  it('filters string lists such as proxyAddresses through any with startswith', () => {
    const withAlias = {
      ...alex,
      proxyAddresses: ['SMTP:alexw@contoso.com', 'smtp:alex@fabrikam.com'],
    };
    const fabrikam = compileFilter(
      "proxyAddresses/any(p:startswith(p,'smtp:alex@fabrikam'))",
      userFilterSchema,
    );
    expect(fabrikam.matches(withAlias)).toBe(true);
    expect(fabrikam.matches(megan)).toBe(false);
    expect(fabrikam.requiresAdvancedQuery).toBe(false);
  });

  it('knows properties indexed only for advanced queries, such as companyName', () => {
    const compiled = compileFilter("companyName eq 'Contoso'", userFilterSchema);
    expect(compiled.requiresAdvancedQuery).toBe(true);
    expect(compiled.matches({ ...alex, companyName: 'contoso' })).toBe(true);
  });

  it('matches endsWith on mail only as an advanced query', () => {
    const compiled = compileFilter("endsWith(mail,'@CONTOSO.onmicrosoft.com')", userFilterSchema);
    expect(everyone.filter((u) => compiled.matches(u))).toEqual([alex, megan]);
    expect(compiled.requiresAdvancedQuery).toBe(true);
  });
});
