import { randomUUID } from 'node:crypto';
import { CosmosClient } from '@azure/cosmos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureContainers, ensureDatabase } from '../../src/store/containers.ts';
import { startEmbeddedCosmos } from '../../src/store/embedded-cosmos.ts';
import { StoreUnavailableError } from '../../src/store/index.ts';
import type { EmbeddedCosmos } from '../../src/store/index.ts';
import { startForbiddingProxy } from './support/forbidding-proxy.ts';

describe('containers, when the identity may not create them (managed identity)', () => {
  let embedded: EmbeddedCosmos;
  let proxy: Awaited<ReturnType<typeof startForbiddingProxy>>;
  let direct: CosmosClient;
  let restricted: CosmosClient;

  beforeAll(async () => {
    embedded = await startEmbeddedCosmos();
    proxy = await startForbiddingProxy(embedded);
    const policy = { connectionPolicy: { enableEndpointDiscovery: false } };
    direct = new CosmosClient({
      endpoint: embedded.endpoint,
      key: embedded.key,
      agent: embedded.agent,
      ...policy,
    });
    restricted = new CosmosClient({
      endpoint: proxy.endpoint,
      key: embedded.key,
      agent: proxy.agent,
      ...policy,
    });
  });
  afterAll(async () => {
    direct.dispose();
    restricted.dispose();
    await proxy.close();
    await embedded.close();
  });

  it('stops with what to create when the database is missing', async () => {
    const id = `missing-${randomUUID()}`;
    const error: unknown = await ensureDatabase(restricted, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toContain(
      `Cosmos DB database "${id}" cannot be read or created by this identity`,
    );
  });

  it('names the missing container and its partition key', async () => {
    const id = `partial-${randomUUID()}`;
    await direct.databases.create({ id });
    const database = await ensureDatabase(restricted, id);
    const error: unknown = await ensureContainers(database).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(
      /Cosmos DB container "\w+" does not exist in database "partial-.*"/,
    );
    expect((error as Error).message).toMatch(
      /Create it with partition key \/(tenantId|operationId)/,
    );
  });

  it('uses the database and containers the infrastructure created', async () => {
    const id = `ready-${randomUUID()}`;
    const { database: created } = await direct.databases.create({ id });
    await ensureContainers(created);
    const containers = await ensureContainers(await ensureDatabase(restricted, id));
    await containers.leases.items.create({ id: 'lease:x', tenantId: 't' });
    const { resource } = await containers.leases.item('lease:x', 't').read<{ id: string }>();
    expect(resource?.id).toBe('lease:x');
  });
});
