import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../src/graph/graph-client.ts';
import { GraphDirectory } from '../../src/graph/graph-directory.ts';
import { startRecordingServer } from './support/recording-server.ts';

const json = (body: unknown) => JSON.stringify(body);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('Graph client factory', () => {
  it('sends the bearer token and the /v1.0 path to an http base URL', async () => {
    const server = await startRecordingServer((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        json({ value: [{ id: 'tenant-1', displayName: 'Contoso', countryLetterCode: 'US' }] }),
      );
    });
    close = server.close;
    const client = createGraphClient({
      graphBaseUrl: `${server.url}/v1.0`,
      credential: { kind: 'staticToken', token: 'local-token' },
    });

    const org = await new GraphDirectory(client).getOrganization();

    expect(org).toEqual({ tenantId: 'tenant-1', displayName: 'Contoso', countryLetterCode: 'US' });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe(
      '/v1.0/organization?$select=id%2CdisplayName%2CcountryLetterCode',
    );
    expect(server.requests[0]!.headers.authorization).toBe('Bearer local-token');
  });

  it('follows an absolute nextLink on the local host, still with the token', async () => {
    const server = await startRecordingServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const page2 = `${server.url}/v1.0/users?$skiptoken=p%3D2`;
      res.end(
        req.url.includes('skiptoken')
          ? json({ value: [{ id: 'u2', userPrincipalName: 'b@x', displayName: 'B' }] })
          : json({
              value: [{ id: 'u1', userPrincipalName: 'a@x', displayName: 'A' }],
              '@odata.nextLink': page2,
            }),
      );
    });
    close = server.close;
    const directory = new GraphDirectory(
      createGraphClient({
        graphBaseUrl: `${server.url}/v1.0`,
        credential: { kind: 'staticToken', token: 't' },
      }),
    );

    const ids: string[] = [];
    for await (const user of directory.listUsers()) {
      ids.push(user.id);
    }

    expect(ids).toEqual(['u1', 'u2']);
    expect(server.requests.map((r) => r.url)[1]).toBe('/v1.0/users?$skiptoken=p%3D2');
    expect(server.requests.every((r) => r.headers.authorization === 'Bearer t')).toBe(true);
  });

  it('rejects settings without a usable credential', () => {
    expect(() =>
      createGraphClient({
        credential: { kind: 'clientSecret', tenantId: '', clientId: 'x', clientSecret: 'y' },
      }),
    ).toThrow();
  });
});
