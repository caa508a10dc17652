import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/index.ts';
import { expectGraphError, graph } from './client.ts';
import { smallTenantSeed, tenantId } from './fixture.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0, tenantSeed: smallTenantSeed(20) });
});
afterAll(async () => {
  await sim.close();
});

function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

describe('authentication', () => {
  it('answers 401 InvalidAuthenticationToken "Access token is empty." without a bearer token', async () => {
    const response = await graph(sim, '/users', { token: null });
    expectGraphError(response, 401, 'InvalidAuthenticationToken');
    expect(response.body.error.message).toBe('Access token is empty.');
  });

  it('answers 401 for an Authorization header that is not a bearer token', async () => {
    const response = await fetch(`${sim.graphBaseUrl}/users`, {
      headers: { Authorization: 'Basic abc' },
    });
    expect(response.status).toBe(401);
  });

  it('accepts any bearer token, a JWT or an opaque one', async () => {
    const token = jwt({ appid: 'app-1', tid: tenantId });
    expect((await graph(sim, '/organization', { token })).status).toBe(200);
    expect((await graph(sim, '/organization', { token: 'opaque' })).status).toBe(200);
  });
});

describe('request ids', () => {
  it('puts request-id and client-request-id on every response, echoing the client id', async () => {
    const response = await graph(sim, '/organization', {
      headers: { 'client-request-id': 'abc-123' },
    });
    expect(response.headers.get('client-request-id')).toBe('abc-123');
    expect(response.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const control = await fetch(`${sim.url}/_simulator/prices`);
    expect(control.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the request id as client-request-id when the client sends none', async () => {
    const response = await graph(sim, '/organization');
    expect(response.headers.get('client-request-id')).toBe(response.headers.get('request-id'));
  });
});

describe('unknown routes and bad input', () => {
  it("answers 400 BadRequest naming the unknown segment, as Graph's router does", async () => {
    const response = await graph(sim, '/licenses');
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toBe("Resource not found for the segment 'licenses'.");
    const nested = await graph(sim, '/users/user-0001/licences');
    expect(nested.body.error.message).toBe("Resource not found for the segment 'licences'.");
  });

  it('answers 400 for a version it does not serve', async () => {
    const response = await fetch(`${sim.url}/beta/users`, {
      headers: { Authorization: 'Bearer x' },
    });
    expect(response.status).toBe(400);
  });

  it('answers 405 for a known path with a method it does not take', async () => {
    const response = await graph(sim, '/subscribedSkus', { method: 'DELETE' });
    expectGraphError(response, 405, 'Request_BadRequest');
  });

  it('answers 404 Request_ResourceNotFound for an unknown user or group', async () => {
    expectGraphError(
      await graph(sim, '/users/nobody@contoso.onmicrosoft.com'),
      404,
      'Request_ResourceNotFound',
    );
    expectGraphError(await graph(sim, '/groups/no-such-group'), 404, 'Request_ResourceNotFound');
  });

  it('answers 400 BadRequest for a body that is not JSON', async () => {
    const response = await graph(sim, '/users/user-0001/assignLicense', {
      method: 'POST',
      body: '{"addLicenses": [',
    });
    expectGraphError(response, 400, 'BadRequest');
    expect(response.body.error.message).toMatch(/JSON/);
  });
});
