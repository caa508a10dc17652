import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { playgroundConfigAs, playgroundPeople } from '../../src/embedded/playground-config.ts';

const config = `version: "0.1.1"
tenantId: 00000000-0000-0000-0000-0000000000001
bot:
  id: 00000000-0000-0000-0000-00000000000011
  name: License Desk
currentUser:
  id: user-id-0
  name: Alex Wilber
  userPrincipleName: alexw@contoso.onmicrosoft.com
  aadObjectId: 00000000-0000-0000-0000-0000000000020
users:
  - id: user-id-1
    name: Megan Bowen
    userPrincipleName: meganb@contoso.onmicrosoft.com
    aadObjectId: 00000000-0000-0000-0000-0000000000021
  - id: user-id-4
    name: Patti Fernandez
    userPrincipleName: pattif@contoso.onmicrosoft.com
    aadObjectId: 00000000-0000-0000-0000-0000000000024
personalChat:
  id: personal-chat-id
team:
  id: team-id
  name: IT
`;

describe('chatting as someone else', () => {
  it('makes the chosen person the current user and keeps everyone else as users', () => {
    const result = playgroundConfigAs(config, 'megan');
    expect(result.ok).toBe(true);
    const people = playgroundPeople(result.ok ? result.yaml : '');
    expect(people.current.name).toBe('Megan Bowen');
    expect(people.others.map((user) => user.name).sort()).toEqual([
      'Alex Wilber',
      'Patti Fernandez',
    ]);
    expect(people.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
  });

  it('finds people by UPN alias, full name or object id', () => {
    for (const who of ['pattif', 'Patti Fernandez', '00000000-0000-0000-0000-0000000000024']) {
      const result = playgroundConfigAs(config, who);
      expect(result.ok && result.user.name).toBe('Patti Fernandez');
    }
  });

  it('gives the personal chat its own id, so each person has their own conversation', () => {
    const result = playgroundConfigAs(config, 'megan');
    const parsed = parse(result.ok ? result.yaml : '') as {
      personalChat: { id: string };
      team: unknown;
    };
    expect(parsed.personalChat.id).toBe('personal-chat-id-meganb');
    expect(parsed.team).toEqual({ id: 'team-id', name: 'IT' });
  });

  it("chats from another tenant as one of its people: that tenant's id and colleagues", () => {
    const fiona = {
      id: 'user-fiona',
      name: 'Fiona Admin',
      aadObjectId: 'f2b1c3d4-0001-4000-8000-000000000001',
      userPrincipleName: 'fiona.admin@fabrikam.example',
    };
    const felix = { ...fiona, id: 'user-felix', name: 'Felix Moreau', aadObjectId: 'felix' };
    const result = playgroundConfigAs(config, 'fiona', [
      { tenantId: 'fabrikam-tenant', people: [fiona, felix] },
    ]);
    const parsed = parse(result.ok ? result.yaml : '') as {
      tenantId: string;
      currentUser: { name: string };
      users: { name: string }[];
    };
    expect(parsed.tenantId).toBe('fabrikam-tenant');
    expect(parsed.currentUser.name).toBe('Fiona Admin');
    expect(parsed.users.map((user) => user.name)).toEqual(['Felix Moreau']);
    const megan = parse(
      (
        playgroundConfigAs(config, 'megan', [{ tenantId: 'f', people: [fiona] }]) as {
          yaml: string;
        }
      ).yaml,
    ) as { tenantId: string };
    expect(megan.tenantId).toBe('00000000-0000-0000-0000-0000000000001');
  });

  it('names the people there are when nobody matches', () => {
    const result = playgroundConfigAs(config, 'bob');
    expect(result).toEqual({
      ok: false,
      message: expect.stringContaining('Alex Wilber, Megan Bowen, Patti Fernandez') as string,
    });
  });
});
