import { randomUUID } from 'node:crypto';
import { get } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  containerDefinitions,
  openCosmosStore,
  queryPage,
  StoredDocumentInvalidError,
} from '../../src/store/index.ts';
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';
import type { CosmosStandIn, EmbeddedCosmos } from '../../src/store/index.ts';
import { freshTenant } from './support/embedded-store.ts';

describe('the Cosmos store', () => {
  let embedded: EmbeddedCosmos;
  beforeAll(async () => {
    embedded = await startEmbeddedCosmos();
  });
  afterAll(async () => {
    await embedded.close();
  });
  const open = (database = `test-${randomUUID()}`) =>
    openCosmosStore({ kind: 'embedded', database }, { embedded });

  it('creates every container with its partition key: tenant, or operation for operation items', async () => {
    const store = await open();
    try {
      const keys = await Promise.all(
        Object.keys(containerDefinitions).map(async (id) => {
          const { resource } = await store.database.container(id).read();
          return [id, resource?.partitionKey?.paths] as const;
        }),
      );
      expect(Object.fromEntries(keys)).toEqual({
        conversations: ['/tenantId'],
        preferences: ['/tenantId'],
        prices: ['/tenantId'],
        operations: ['/tenantId'],
        operationItems: ['/operationId'],
        requestCards: ['/operationId'],
        history: ['/tenantId'],
        notices: ['/tenantId'],
        templates: ['/tenantId'],
        leases: ['/tenantId'],
        alerts: ['/tenantId'],
        schedules: ['/tenantId'],
        tenants: ['/tenantId'],
      });
    } finally {
      await store.close();
    }
  });

  it('opens again on an existing database and finds what was saved (a restart, or a second instance)', async () => {
    const database = `test-${randomUUID()}`;
    const tenantId = freshTenant();
    const first = await open(database);
    await first.prices.save({
      tenantId,
      skuId: '05e9a617-0261-4cee-bb44-138d3ef5d965',
      monthlyAmount: 36,
      currency: 'USD',
      updatedAt: '2026-11-23T00:00:00.000Z',
    });
    const second = await open(database);
    try {
      expect(await second.prices.list(tenantId)).toHaveLength(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('is ready while Cosmos answers, and says why not once it does not', async () => {
    const own = await startEmbeddedCosmos();
    const store = await openCosmosStore(
      { kind: 'embedded', database: 'readiness' },
      { embedded: own },
    );
    expect(await store.ping()).toEqual({ ok: true });
    await own.close();
    const readiness = await store.ping({ timeoutMs: 1000 });
    expect(readiness.ok).toBe(false);
    expect(readiness).toMatchObject({ reason: expect.stringContaining('readiness') as unknown });
    await store.close();
  });

  it('starts and stops its own in-process server in embedded mode', async () => {
    const store = await openCosmosStore({ kind: 'embedded', database: 'own' });
    const endpoint = store.embedded!.endpoint;
    expect(await store.ping()).toEqual({ ok: true });
    await store.close();
    await expect(fetchStatus(endpoint, store.embedded)).rejects.toThrow();
  });

  it("trusts the server's certificate only for the store's client, with TLS checks on", async () => {
    await expect(fetchStatus(embedded.endpoint)).rejects.toMatchObject({
      code: 'DEPTH_ZERO_SELF_SIGNED_CERT',
    });
    expect(await fetchStatus(embedded.endpoint, embedded)).toBeGreaterThan(0);
  });

  it('pages a query with continuation tokens, each item once, the last page without a token', async () => {
    const store = await open();
    try {
      const tenantId = freshTenant();
      for (let index = 0; index < 25; index += 1) {
        await store.containers.history.items.create({
          id: `event-${index}`,
          tenantId,
          sequence: index,
        });
      }
      await store.containers.history.items.create({
        id: 'event-x',
        tenantId: freshTenant(),
        sequence: 99,
      });
      const query = {
        query: 'SELECT * FROM c WHERE c.tenantId = @tenantId ORDER BY c.sequence DESC',
        parameters: [{ name: '@tenantId', value: tenantId }],
      };
      const pages: number[][] = [];
      let continuationToken: string | undefined;
      do {
        const page = await queryPage<{ sequence: number }>(
          store.containers.history,
          query,
          tenantId,
          {
            pageSize: 10,
            ...(continuationToken !== undefined && { continuationToken }),
          },
        );
        pages.push(page.items.map((item) => item.sequence));
        continuationToken = page.continuationToken;
      } while (continuationToken !== undefined);
      expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
      expect(pages.flat()).toEqual(Array.from({ length: 25 }, (_, index) => 24 - index));
    } finally {
      await store.close();
    }
  });

  it('refuses a stored conversation that does not have the expected shape, naming it', async () => {
    const store = await open();
    try {
      const tenantId = freshTenant();
      await store.containers.conversations.items.create({ id: 'a:broken', tenantId, kind: 'fax' });
      const error: unknown = await store.conversations
        .get(tenantId, 'a:broken')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoredDocumentInvalidError);
      expect((error as Error).message).toContain('a:broken');
    } finally {
      await store.close();
    }
  });
});

/** GET / on the server, with the given server's agent or with Node's default trust. */
function fetchStatus(endpoint: string, trusted?: CosmosStandIn): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(
      `${endpoint}/`,
      { ...(trusted && { agent: trusted.agent }), timeout: 2000 },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
  });
}
