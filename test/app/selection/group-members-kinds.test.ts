import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectGroupMembers } from '../../../src/app/selection/group-selection.ts';
import { memberId } from '../../../src/simulator/tenant/tenant.ts';
import { startGraphFixture, type GraphFixture } from '../../graph/support/graph-fixture.ts';

// The demo tenant over HTTP: "Sales" holds people, the nested "Sales EMEA", two kiosk devices
// and an external partner's contact.
let g: GraphFixture;
beforeAll(async () => {
  g = await startGraphFixture();
});
afterAll(async () => {
  await g.close();
});

const groupId = (name: string) =>
  g.sim
    .tenant()
    .groups()
    .find((x) => x.displayName === name)!.id;

/** What Entra would list: the group's transitive members of one kind, by id. */
function transitive(name: string, kind: 'user' | 'device' | 'orgContact'): string[] {
  const members = g.sim.tenant().groupMembers(groupId(name), true);
  return members.ok ? members.value.filter((m) => m.kind === kind).map(memberId) : [];
}

async function control(path: string, body: unknown): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${g.sim.url}/_simulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, ...(text === '' ? {} : (JSON.parse(text) as { id: string })) };
}

describe('selecting a group whose members are not all people', () => {
  it('keeps the users only, counting the devices and contacts it skips', async () => {
    const selected = await selectGroupMembers(g.directory, 'Sales');
    expect(selected.ok).toBe(true);
    const value = selected.ok ? selected.value : undefined;
    expect(value?.label).toBe('group "Sales"');
    expect(value?.skippedMembers).toEqual({ devices: 2, contacts: 1, other: 0 });
    const ids = value?.users.map((u) => u.id) ?? [];
    expect(ids.sort()).toEqual(transitive('Sales', 'user').sort());
    const others = new Set([
      ...transitive('Sales', 'device'),
      ...transitive('Sales', 'orgContact'),
    ]);
    expect(others.size).toBe(3);
    expect(ids.some((id) => others.has(id))).toBe(false);
    expect(value?.users.every((u) => typeof u.userPrincipalName === 'string')).toBe(true);
  });

  it("includes a nested group's members once, and its devices and contacts in the counts", async () => {
    const emeaUsers = transitive('Sales EMEA', 'user');
    expect(emeaUsers.length).toBeGreaterThan(0);
    // One of Sales EMEA's people is also a direct member of Sales: still one person.
    const twice = emeaUsers[0]!;
    expect((await control(`/groups/${groupId('Sales')}/members`, { memberId: twice })).status).toBe(
      204,
    );
    const device = await control(`/groups/${groupId('Sales EMEA')}/devices`, {
      displayName: 'EMEA kiosk',
    });
    const contact = await control(`/groups/${groupId('Sales EMEA')}/contacts`, {
      displayName: 'Partner in Paris',
      mail: 'partner@fabrikam.fr',
    });
    expect([device.status, contact.status]).toEqual([201, 201]);

    const selected = await selectGroupMembers(g.directory, 'Sales');
    const value = selected.ok ? selected.value : undefined;
    expect(value?.skippedMembers).toEqual({ devices: 3, contacts: 2, other: 0 });
    const ids = value?.users.map((u) => u.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === twice)).toHaveLength(1);
    expect(ids).toEqual(expect.arrayContaining(emeaUsers));
    expect(ids.sort()).toEqual(transitive('Sales', 'user').sort());
    expect(ids).not.toContain(device.id);
    expect(ids).not.toContain(contact.id);
  });
});
