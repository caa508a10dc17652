import { describe, expect, it } from 'vitest';
import { needsAdvancedQuery, odataString, userPath } from '../../src/graph/odata.ts';
import { relativeToVersion } from '../../src/graph/graph-read.ts';
import { withQuery } from '../../src/graph/graph-call.ts';

describe('OData helpers', () => {
  it("doubles quotes in string literals (O'Brien)", () => {
    expect(odataString("O'Brien")).toBe("'O''Brien'");
  });

  it('encodes ids and UPNs in paths, keeping @ readable', () => {
    expect(userPath('alex#w@contoso.com')).toBe('/users/alex%23w@contoso.com');
    expect(userPath('a/b?c')).toBe('/users/a%2Fb%3Fc');
  });

  it('percent-encodes query values so & and + survive', () => {
    expect(
      withQuery('/users', { $filter: "department eq 'R&D+'", $top: '5', $count: undefined }),
    ).toBe("/users?$filter=department%20eq%20'R%26D%2B'&$top=5");
  });

  it('knows which filters Graph serves only as advanced queries', () => {
    expect(needsAdvancedQuery("department ne 'Sales'")).toBe(true);
    expect(needsAdvancedQuery('assignedLicenses/$count eq 0')).toBe(true);
    expect(needsAdvancedQuery("endswith(mail,'@contoso.com')")).toBe(true);
    expect(needsAdvancedQuery("department eq 'not ne'")).toBe(false);
    expect(needsAdvancedQuery("startswith(displayName,'A')")).toBe(false);
  });

  it('turns a nextLink from any host into a path under the version', () => {
    expect(relativeToVersion('http://127.0.0.1:3979/v1.0/users?$skiptoken=abc%3D&$top=5')).toBe(
      '/users?$skiptoken=abc%3D&$top=5',
    );
    expect(
      relativeToVersion('https://graph.microsoft.com/v1.0/groups/1/members?$skiptoken=x'),
    ).toBe('/groups/1/members?$skiptoken=x');
  });
});
