import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { control, expectGraphError, graph } from './client.ts';
import { salesEmeaId, salesId, smallTenantSeed } from './fixture.ts';

const eventual = { ConsistencyLevel: 'eventual' };

// Sales holds user 0 and Sales EMEA (users 5 and 10); a kiosk joins Sales, a contact Sales EMEA.
let sim: RunningSimulator;
let kioskId: string;
let contactId: string;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(250) });
  const kiosk = await control(sim, 'POST', `/groups/${salesId}/devices`, {
    displayName: 'Sales kiosk 01',
  });
  const contact = await control(sim, 'POST', `/groups/${salesEmeaId}/contacts`, {
    displayName: 'Rob Young (Fabrikam)',
    mail: 'rob.young@fabrikam.com',
  });
  expect([kiosk.status, contact.status]).toEqual([201, 201]);
  kioskId = kiosk.body['id'] as string;
  contactId = contact.body['id'] as string;
});
afterAll(async () => {
  await sim.close();
});

describe('devices and contacts as group members', () => {
  it('creates them through the control API, answering with the new object', async () => {
    const kiosk = await control(sim, 'POST', `/groups/${salesEmeaId}/devices`, {
      displayName: 'Lobby screen',
      operatingSystem: 'Android',
    });
    expect(kiosk.status).toBe(201);
    expect(kiosk.body).toMatchObject({
      displayName: 'Lobby screen',
      operatingSystem: 'Android',
      accountEnabled: true,
    });
    expect(kiosk.body['id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(kiosk.body['deviceId']).not.toBe(kiosk.body['id']);
    expect((await control(sim, 'POST', `/groups/${salesId}/contacts`, {})).status).toBe(400);
    const missing = await control(sim, 'POST', '/groups/missing/devices', { displayName: 'x' });
    expect(missing.status).toBe(404);
    const lobbyId = kiosk.body['id'] as string;
    expect((await control(sim, 'DELETE', `/groups/${salesEmeaId}/members/${lobbyId}`)).status).toBe(
      204,
    );
  });

  it('lists them in members and transitiveMembers with their @odata.type', async () => {
    const direct = await graph(sim, `/groups/${salesId}/members?$select=id`);
    expect(direct.body.value.map((m) => [m['@odata.type'], m.id])).toEqual([
      ['#microsoft.graph.user', 'user-0000'],
      ['#microsoft.graph.group', salesEmeaId],
      ['#microsoft.graph.device', kioskId],
    ]);
    const transitive = await graph(sim, `/groups/${salesId}/transitiveMembers?$select=id`);
    expect(transitive.body.value.map((m) => m['@odata.type'])).toEqual([
      '#microsoft.graph.user',
      '#microsoft.graph.group',
      '#microsoft.graph.user',
      '#microsoft.graph.user',
      '#microsoft.graph.orgContact',
      '#microsoft.graph.device',
    ]);
    expect(transitive.body.value.map((m) => m.id)).toContain(contactId);
  });

  it('returns only the selected properties each type has', async () => {
    const response = await graph(
      sim,
      `/groups/${salesId}/transitiveMembers?$select=id,displayName,mail,userPrincipalName,accountEnabled,deviceId`,
    );
    const byId = new Map(response.body.value.map((m) => [m.id, m]));
    expect(byId.get(kioskId)).toEqual({
      '@odata.type': '#microsoft.graph.device',
      id: kioskId,
      displayName: 'Sales kiosk 01',
      accountEnabled: true,
      deviceId: expect.any(String),
    });
    expect(byId.get(contactId)).toEqual({
      '@odata.type': '#microsoft.graph.orgContact',
      id: contactId,
      displayName: 'Rob Young (Fabrikam)',
      mail: 'rob.young@fabrikam.com',
    });
    expect(byId.get('user-0000')).not.toHaveProperty('deviceId');
  });

  it('shows every device property without $select', async () => {
    const response = await graph(sim, `/groups/${salesId}/members`);
    const kiosk = response.body.value.find((m) => m.id === kioskId)!;
    expect(kiosk).toMatchObject({ operatingSystem: 'Windows', isCompliant: null, physicalIds: [] });
    expect(kiosk).not.toHaveProperty('userPrincipalName');
  });

  it('leaves them out of the user cast, its count and /users', async () => {
    const cast = await graph(sim, `/groups/${salesId}/transitiveMembers/microsoft.graph.user`);
    expect(cast.body.value.map((u) => u.id)).toEqual(['user-0000', 'user-0005', 'user-0010']);
    const count = async (path: string) => (await graph(sim, path, { headers: eventual })).text;
    expect(await count(`/groups/${salesId}/transitiveMembers/microsoft.graph.user/$count`)).toBe(
      '3',
    );
    expect(await count(`/groups/${salesId}/transitiveMembers/$count`)).toBe('6');
    expect(await count(`/groups/${salesId}/members/$count`)).toBe('3');
    expect(await count('/users/$count')).toBe('250');
    expectGraphError(await graph(sim, `/users/${kioskId}`), 404, 'Request_ResourceNotFound');
    expectGraphError(await graph(sim, `/users/${contactId}`), 404, 'Request_ResourceNotFound');
  });

  it('adds an existing device to another group by its id', async () => {
    const added = await control(sim, 'POST', `/groups/${salesEmeaId}/members`, {
      memberId: kioskId,
    });
    expect(added.status).toBe(204);
    const members = await graph(sim, `/groups/${salesEmeaId}/members?$select=id`);
    expect(members.body.value.map((m) => m.id)).toContain(kioskId);
    // Listed once in Sales' transitive members though it is now in two of its groups.
    const transitive = await graph(sim, `/groups/${salesId}/transitiveMembers?$select=id`);
    expect(transitive.body.value.filter((m) => m.id === kioskId)).toHaveLength(1);
    expect((await control(sim, 'DELETE', `/groups/${salesEmeaId}/members/${kioskId}`)).status).toBe(
      204,
    );
  });
});
