import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  DEMO_PEOPLE,
  DEMO_TENANT_ID,
  createDemoTenantSeed,
} from '../../../src/simulator/seed/demo-tenant.ts';

interface PlaygroundUser {
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

const config = parse(
  readFileSync(new URL('../../../.m365agentsplayground.yml', import.meta.url), 'utf8'),
) as {
  version: string;
  tenantId: string;
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
};

describe('the Teams App Test Tool config', () => {
  const seed = createDemoTenantSeed({ size: 200 });
  const people = [config.currentUser, ...config.users];

  it('keeps the tool default version and tenant', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.tenantId).toBe(DEMO_TENANT_ID);
    expect(seed.organization.id).toBe(DEMO_TENANT_ID);
  });

  it('chats as demo tenant people: same ids, names, UPNs and mail', () => {
    expect(people.length).toBeGreaterThanOrEqual(6);
    for (const person of people) {
      const user = seed.users.find((u) => u.id === person.aadObjectId);
      expect(user, person.name).toMatchObject({
        displayName: person.name,
        userPrincipalName: person.userPrincipleName,
        mail: person.email,
        givenName: person.givenName,
        surname: person.surname,
      });
    }
    expect(people.map((p) => p.aadObjectId)).toEqual(DEMO_PEOPLE.map((p) => p.id));
  });

  it('starts as a manager and includes a License Approvers member', () => {
    const current = seed.users.find((u) => u.id === config.currentUser.aadObjectId)!;
    expect(seed.users.some((u) => u.managerId === current.id)).toBe(true);
    const approvers = seed.groups.find((g) => g.displayName === 'License Approvers')!;
    expect(people.some((p) => approvers.memberIds.includes(p.aadObjectId))).toBe(true);
  });
});
