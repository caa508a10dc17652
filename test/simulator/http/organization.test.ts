import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { expectGraphError, graph } from './client.ts';
import { smallTenantSeed, tenantId } from './fixture.ts';

const metadata = 'https://graph.microsoft.com/v1.0/$metadata#';
let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(20) });
});
afterAll(async () => {
  await sim.close();
});

describe('GET /organization', () => {
  it("answers a one-item collection with the tenant's id, name, country and domains", async () => {
    const response = await graph(sim, '/organization');
    expect(response.status).toBe(200);
    expect(response.body['@odata.context']).toBe(`${metadata}organization`);
    const [org] = response.body.value;
    expect(org).toMatchObject({ id: tenantId, displayName: 'Contoso', tenantType: 'AAD' });
    expect(org!.countryLetterCode).toMatch(/^[A-Z]{2}$/);
    expect(org!.businessPhones).toEqual([]);
    const domains = org!.verifiedDomains as Record<string, unknown>[];
    expect(domains[0]).toMatchObject({ type: 'Managed', isDefault: true });
  });

  it('honours $select, as the countryLetterCode lookup of group licensing does', async () => {
    const response = await graph(sim, '/organization?$select=id,countryLetterCode');
    expect(response.body['@odata.context']).toBe(`${metadata}organization(id,countryLetterCode)`);
    expect(Object.keys(response.body.value[0]!).sort()).toEqual(['countryLetterCode', 'id']);
    expectGraphError(await graph(sim, '/organization?$select=budget'), 400, 'BadRequest');
  });

  it('answers the organization by id (any case) and 404 for another', async () => {
    const byId = await graph(sim, `/organization/${tenantId.toUpperCase()}`);
    expect(byId.status).toBe(200);
    expect(byId.body['@odata.context']).toBe(`${metadata}organization/$entity`);
    expect(byId.body.id).toBe(tenantId);
    expectGraphError(
      await graph(sim, '/organization/11111111-1111-1111-1111-111111111111'),
      404,
      'Request_ResourceNotFound',
    );
  });
});
