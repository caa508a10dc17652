import { createDemoTenantSeed } from '../../../src/simulator/seed/demo-tenant.ts';

/**
 * The demo tenant a test stack seeds with `SIMULATOR_SEED` 1 and 200 people, rebuilt from the
 * seed so tests know the answers without asking the product.
 */
export const seededTenant = createDemoTenantSeed({ seed: 1, size: 200 });

const groupsById = new Map(seededTenant.groups.map((group) => [group.id, group]));

/** A group's users, nested groups' members included: what Entra's transitive members are. */
export function transitiveUsers(name: string): Set<string> {
  const found = new Set<string>();
  const visit = (id: string) => {
    for (const member of groupsById.get(id)!.memberIds) {
      if (groupsById.has(member)) {
        visit(member);
      } else {
        found.add(member);
      }
    }
  };
  visit(seededTenant.groups.find((group) => group.displayName === name)!.id);
  return found;
}
