import { describe, expect, it } from 'vitest';
import { requestCost } from '../../../src/simulator/throttle/throttle.ts';

const cost = (method: string, path: string, query = '') =>
  requestCost(method, path, new URLSearchParams(query));

describe('request cost (Graph identity and access)', () => {
  it.each([
    ['GET', '/users', 2],
    ['GET', '/subscribedSkus', 3],
    ['GET', '/groups/g1/members', 3],
    ['GET', '/groups/g1/transitiveMembers', 5],
    ['GET', '/groups/g1/transitiveMembers/microsoft.graph.user', 5],
    ['GET', '/users/u1/licenseDetails', 2],
    ['GET', '/users/alexw@contoso.onmicrosoft.com/transitiveMemberOf', 2],
    ['GET', '/users/u1', 1],
    ['GET', '/groups', 1],
    ['GET', '/organization', 1],
    ['GET', '/groups/g1/membersWithLicenseErrors', 1],
  ])('charges %s %s %i resource units and no write', (method, path, units) => {
    expect(cost(method, path)).toEqual({ resourceUnits: units, writes: 0 });
  });

  it.each([
    ['POST', '/users/u1/assignLicense'],
    ['POST', '/groups/g1/assignLicense'],
    ['POST', '/users/u1/reprocessLicenseAssignment'],
    ['PATCH', '/users/u1'],
    ['DELETE', '/groups/g1/members/u1/$ref'],
  ])('charges %s %s one resource unit and one write', (method, path) => {
    expect(cost(method, path)).toEqual({ resourceUnits: 1, writes: 1 });
  });

  it('takes one off for $select, never below 1', () => {
    expect(cost('GET', '/users', '$select=id,displayName')).toEqual({
      resourceUnits: 1,
      writes: 0,
    });
    expect(cost('GET', '/subscribedSkus', '$select=skuId').resourceUnits).toBe(2);
    expect(cost('GET', '/users/u1', '$select=id').resourceUnits).toBe(1);
  });

  it('adds one for $expand', () => {
    expect(cost('GET', '/users/u1', '$expand=manager').resourceUnits).toBe(2);
  });

  it('takes one off for $top under 20 only', () => {
    expect(cost('GET', '/groups/g1/members', '$top=10').resourceUnits).toBe(2);
    expect(cost('GET', '/groups/g1/members', '$top=999').resourceUnits).toBe(3);
  });

  it('reads query options written without the $ prefix too', () => {
    expect(cost('GET', '/users', 'select=id').resourceUnits).toBe(1);
  });

  it('charges reads sent as POST without a write', () => {
    expect(cost('POST', '/directoryObjects/getByIds')).toEqual({ resourceUnits: 3, writes: 0 });
    expect(cost('POST', '/users/u1/getMemberGroups')).toEqual({ resourceUnits: 2, writes: 0 });
  });

  it('charges nothing for the $batch envelope, whose inner requests are charged one by one', () => {
    expect(cost('POST', '/$batch')).toEqual({ resourceUnits: 0, writes: 0 });
  });
});
