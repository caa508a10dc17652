import { describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, createDemoTenantSeed } from '../../../src/simulator/seed/demo-tenant.ts';
import {
  createExtraTenantSeeds,
  extraTenantId,
} from '../../../src/simulator/seed/extra-tenants.ts';
import { simulatorToken, startSimulator } from '../../../src/simulator/index.ts';

const cast = new Set(DEMO_PEOPLE.map((person) => person.id));

describe('extra demo tenants', () => {
  it('each has an organization id and name of its own, and the size asked for', () => {
    const seeds = createExtraTenantSeeds({ count: 3, seed: 1, size: 120 });
    expect(seeds.map((seed) => seed.organization.id)).toEqual([1, 2, 3].map(extraTenantId));
    expect(new Set(seeds.map((seed) => seed.organization.displayName)).size).toBe(3);
    expect(seeds.every((seed) => seed.users.length === 120)).toBe(true);
  });

  it('shares no generated person with the home tenant or with each other', () => {
    const home = createDemoTenantSeed({ seed: 1, size: 120 });
    const seeds = [home, ...createExtraTenantSeeds({ count: 2, seed: 1, size: 120 })];
    const generated = seeds.flatMap((seed) =>
      seed.users.map((user) => user.id).filter((id) => !cast.has(id)),
    );
    expect(new Set(generated).size).toBe(generated.length);
  });

  it('is served by a simulator to tokens naming its id, apart from the home tenant', async () => {
    const [extra] = createExtraTenantSeeds({ count: 1, seed: 1, size: 60 });
    const simulator = await startSimulator({ seed: 1, size: 60, otherTenants: [extra!] });
    try {
      const token = simulatorToken({ tenantId: extraTenantId(1), appId: 'test' });
      const response = await fetch(`${simulator.graphBaseUrl}/organization`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { value: { id: string; displayName: string }[] };
      expect(body.value[0]).toMatchObject({
        id: extraTenantId(1),
        displayName: 'Contoso Customer 1',
      });
      expect(simulator.tenants()).toHaveLength(2);
    } finally {
      await simulator.close();
    }
  });
});
