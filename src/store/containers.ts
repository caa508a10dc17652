import type { Container, CosmosClient, Database } from '@azure/cosmos';
import { cosmosStatus, isNotFound, StoreUnavailableError } from './cosmos-errors.ts';

/**
 * Every container License Desk uses, with its partition key. Most data belongs to one tenant and
 * is read per tenant; an operation's items are many (one per user) and are read per operation.
 */
export const containerDefinitions = {
  conversations: '/tenantId',
  preferences: '/tenantId',
  // The price table and, beside it, a record of each price change (`type: 'priceChange'`).
  prices: '/tenantId',
  operations: '/tenantId',
  operationItems: '/operationId',
  // Read only per operation (every redraw lists one operation's copies); see the store.
  requestCards: '/operationId',
  history: '/tenantId',
  // One small document per operation: how far its state changes have been told.
  notices: '/tenantId',
  templates: '/tenantId',
  leases: '/tenantId',
  // Alert subscriptions (one per conversation) and the tenant's alert snapshot.
  alerts: '/tenantId',
  // Scheduled changes, read per tenant (the `schedules` list and each tick's due ones).
  schedules: '/tenantId',
  // The customer tenants served (many tenants): one item each, keyed by its tenant id.
  tenants: '/tenantId',
} as const;

export type ContainerName = keyof typeof containerDefinitions;
export type Containers = Record<ContainerName, Container>;

/**
 * Creates the containers that do not exist yet. With a managed identity, Cosmos' data-plane
 * roles cannot create databases or containers (403): then they must exist already (made by the
 * infrastructure template), and a missing one stops start-up with what to create.
 */
export async function ensureContainers(database: Database): Promise<Containers> {
  const entries = await Promise.all(
    Object.entries(containerDefinitions).map(async ([id, partitionKey]) => {
      try {
        const { container } = await database.containers.createIfNotExists({
          id,
          partitionKey: { paths: [partitionKey] },
        });
        return [id, container] as const;
      } catch (error) {
        if (cosmosStatus(error) !== 403) {
          throw error;
        }
        const container = database.container(id);
        try {
          await container.read();
        } catch (readError) {
          throw new StoreUnavailableError(
            isNotFound(readError)
              ? `Cosmos DB container "${id}" does not exist in database "${database.id}", and this identity may not create it. Create it with partition key ${partitionKey} (the infrastructure template does).`
              : `Cosmos DB refused to read container "${id}": check the identity's data-plane role assignment.`,
            { cause: readError },
          );
        }
        return [id, container] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as Containers;
}

/**
 * Creates the database unless it exists, or checks that it does when the identity may not.
 * `throughput` (shared RU/s) applies only when the database is created: without it, a
 * provisioned account gives each container its own 400 RU/s minimum, ten times over.
 */
export async function ensureDatabase(
  client: CosmosClient,
  id: string,
  throughput?: number,
): Promise<Database> {
  try {
    const { database } = await client.databases.createIfNotExists({
      id,
      ...(throughput !== undefined && { throughput }),
    });
    return database;
  } catch (error) {
    if (cosmosStatus(error) !== 403) {
      throw error;
    }
    const database = client.database(id);
    try {
      await database.read();
    } catch (readError) {
      throw new StoreUnavailableError(
        `Cosmos DB database "${id}" cannot be read or created by this identity: create it (the infrastructure template does) and grant the identity the "Cosmos DB Built-in Data Contributor" role.`,
        { cause: readError },
      );
    }
    return database;
  }
}
