import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphFixture, type GraphFixture } from './support/graph-fixture.ts';

const ALEX = '00000000-0000-0000-0000-0000000000020';

let g: GraphFixture;
beforeAll(async () => {
  g = await startGraphFixture();
});
afterAll(async () => {
  await g.close();
});

describe('GraphDirectory.listUsersWithProperties (rule previews)', () => {
  it("asks for the licensing fields and only the rule's properties, and reads every user with them", async () => {
    const mark = g.exchanges.length;
    const users = [];
    for await (const user of g.directory.listUsersWithProperties([
      'department',
      'onPremisesExtensionAttributes',
      'assignedPlans',
      'proxyAddresses',
      'companyName',
    ])) {
      users.push(user);
    }
    const sent = g.exchanges.slice(mark).map((exchange) => decodeURIComponent(exchange.url));
    expect(sent[0]).toBe(
      '/v1.0/users?$select=id,userPrincipalName,displayName,country,usageLocation,accountEnabled,userType,assignedLicenses,licenseAssignmentStates,department,onPremisesExtensionAttributes,assignedPlans,proxyAddresses,companyName&$top=999',
    );
    const truth = g.sim.tenant().users();
    expect(users).toHaveLength(truth.length);
    const alex = users.find((user) => user.id === ALEX)!;
    const simAlex = truth.find((user) => user.id === ALEX)!;
    expect(alex.onPremisesExtensionAttributes?.extensionAttribute10).toBe('E3 All');
    expect(alex.department).toBe(simAlex.department);
    expect(alex.assignedLicenses?.length).toBeGreaterThan(0);
    expect(alex.assignedPlans?.length).toBeGreaterThan(0);
    expect(alex.assignedPlans?.[0]).toMatchObject({ capabilityStatus: 'Enabled' });
    expect(Array.isArray(alex.proxyAddresses)).toBe(true);
    // Not selected, so not read.
    expect(alex.jobTitle).toBeUndefined();
  });
});
