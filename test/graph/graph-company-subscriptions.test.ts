import { afterEach, describe, expect, it } from 'vitest';
import { startGraphFixture } from './support/graph-fixture.ts';
import { createGraphClient } from '../../src/graph/graph-client.ts';
import { GraphDirectory } from '../../src/graph/graph-directory.ts';
import { startRecordingServer } from './support/recording-server.ts';

// Graph's companySubscription as documented (GET /directory/subscriptions), two pages.
const firstPage = (nextLink: string) => ({
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directory/subscriptions',
  '@odata.nextLink': nextLink,
  value: [
    {
      commerceSubscriptionId: '4d0e8c27-9c2f-4f2a-9fd5-8bd0a1b1e4a5',
      createdDateTime: '2019-01-01T00:00:00Z',
      id: '456d8f18-2a6e-4c5d-a1b2-8f3c0c7c1c11',
      isTrial: false,
      nextLifecycleDateTime: '2026-12-20T00:00:00Z',
      ownerId: null,
      ownerTenantId: null,
      ownerType: null,
      serviceStatus: [],
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      skuPartNumber: 'SPE_E3',
      status: 'Enabled',
      totalLicenses: 400,
    },
  ],
});
const secondPage = {
  value: [
    {
      id: '7a1f0c2e-1111-4c5d-a1b2-8f3c0c7c1c22',
      skuId: '4b9405b0-7788-4568-add1-99614e613b69',
      status: 'Warning',
      nextLifecycleDateTime: null,
      totalLicenses: 20,
      isTrial: true,
    },
  ],
};

describe('GraphDirectory: company subscriptions', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
  });

  async function directoryAnswering(answer: (url: string) => { status: number; body: unknown }) {
    const server = await startRecordingServer((request, response) => {
      const { status, body } = answer(request.url);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
    close = server.close;
    const client = createGraphClient({
      graphBaseUrl: `${server.url}/v1.0`,
      credential: { kind: 'staticToken', token: 'license-desk-tests' },
    });
    return { directory: new GraphDirectory(client, { objectIds: 'guid' }), server };
  }

  it('reads every page of /directory/subscriptions: status, next lifecycle date, seats', async () => {
    const { directory, server } = await directoryAnswering((url) =>
      url.includes('skiptoken')
        ? { status: 200, body: secondPage }
        : {
            status: 200,
            body: firstPage(`${server.url}/v1.0/directory/subscriptions?$skiptoken=2`),
          },
    );
    expect(await directory.listCompanySubscriptions()).toEqual([
      {
        id: '456d8f18-2a6e-4c5d-a1b2-8f3c0c7c1c11',
        skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
        skuPartNumber: 'SPE_E3',
        status: 'Enabled',
        nextLifecycleDateTime: '2026-12-20T00:00:00Z',
        totalLicenses: 400,
        isTrial: false,
      },
      {
        id: '7a1f0c2e-1111-4c5d-a1b2-8f3c0c7c1c22',
        skuId: '4b9405b0-7788-4568-add1-99614e613b69',
        skuPartNumber: '',
        status: 'Warning',
        nextLifecycleDateTime: null,
        totalLicenses: 20,
        isTrial: true,
      },
    ]);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1.0/directory/subscriptions',
      '/v1.0/directory/subscriptions?$skiptoken=2',
    ]);
  });

  it('answers null when the directory has no such endpoint (404), so the check is skipped', async () => {
    const { directory } = await directoryAnswering(() => ({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: 'Resource not found.' } },
    }));
    expect(await directory.listCompanySubscriptions()).toBeNull();
  });

  it('lets other failures through', async () => {
    const { directory } = await directoryAnswering(() => ({
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
    }));
    await expect(directory.listCompanySubscriptions()).rejects.toMatchObject({
      failure: { httpStatus: 403 },
    });
  });
});

describe('GraphDirectory: company subscriptions from the simulator', () => {
  it('reads every subscription the tenant has, with its status and next lifecycle date', async () => {
    const g = await startGraphFixture();
    try {
      const read = await g.directory.listCompanySubscriptions();
      const truth = g.sim.tenant().subscriptions();
      expect(truth.some((s) => s.status === 'Warning')).toBe(true);
      expect(read?.map((s) => [s.id, s.skuId, s.status, s.nextLifecycleDateTime])).toEqual(
        truth.map((s) => [s.id, s.skuId, s.status, s.nextLifecycleDateTime]),
      );
      expect(g.exchanges.map((e) => e.url)).toContain('/v1.0/directory/subscriptions');
    } finally {
      await g.close();
    }
  });
});
