import type { CosmosClient, Database } from '@azure/cosmos';
import type { CosmosSettings } from '../config/settings.ts';
import { createCosmosClient } from './cosmos-client.ts';
import type { CosmosConnection } from './cosmos-client.ts';
import { CosmosAlertSnapshotStore } from './cosmos-alert-snapshot-store.ts';
import { CosmosScheduleStore } from './cosmos-schedule-store.ts';
import { CosmosTenantRegistry } from './cosmos-tenant-registry.ts';
import { CosmosAlertSubscriptionStore } from './cosmos-alert-subscription-store.ts';
import { CosmosApprovalChannelStore } from './cosmos-approval-channel-store.ts';
import { CosmosChangeNoticeStore } from './cosmos-change-notice-store.ts';
import { CosmosConversationStore } from './cosmos-conversation-store.ts';
import { CosmosHistoryLog } from './cosmos-history-log.ts';
import { CosmosLeaseStore } from './cosmos-lease-store.ts';
import { CosmosOperationItemStore } from './cosmos-operation-item-store.ts';
import { CosmosOperationStore } from './cosmos-operation-store.ts';
import { CosmosPriceHistory } from './cosmos-price-history.ts';
import { CosmosPriceStore } from './cosmos-price-store.ts';
import { CosmosRequestCardStore } from './cosmos-request-card-store.ts';
import { CosmosTemplateStore } from './cosmos-template-store.ts';
import { CosmosUserPreferencesStore } from './cosmos-user-preferences-store.ts';
import { ensureContainers, ensureDatabase } from './containers.ts';
import type { Containers } from './containers.ts';
import type { CosmosStandIn, EmbeddedCosmos } from './embedded-cosmos.ts';
import type { Telemetry } from '../app/ports/telemetry.ts';

/** What `/readyz` reports for the store; the reason is for logs. */
export type StoreReadiness = { ok: true } | { ok: false; reason: string };

/** The store, opened: repositories over their containers, a readiness check, and close. */
export interface CosmosStore {
  conversations: CosmosConversationStore;
  preferences: CosmosUserPreferencesStore;
  prices: CosmosPriceStore;
  /** Every change of a price, beside the prices in their container. */
  priceHistory: CosmosPriceHistory;
  operations: CosmosOperationStore;
  operationItems: CosmosOperationItemStore;
  history: CosmosHistoryLog;
  templates: CosmosTemplateStore;
  approvalChannels: CosmosApprovalChannelStore;
  requestCards: CosmosRequestCardStore;
  /** How far each operation's state changes have been told (redrawn, requester told). */
  notices: CosmosChangeNoticeStore;
  /** Who runs what: operation runs and periodic ticks claimed by one instance at a time. */
  leases: CosmosLeaseStore;
  /** The conversations that asked for proactive alerts (`alerts on`). */
  alertSubscriptions: CosmosAlertSubscriptionStore;
  /** Each tenant's alerts as last seen, and where each was sent. */
  alertSnapshots: CosmosAlertSnapshotStore;
  /** One-time and recurring schedules, and each one's claim on its due time. */
  schedules: CosmosScheduleStore;
  /** The customer tenants this deployment serves besides its own (many tenants). */
  tenants: CosmosTenantRegistry;
  /** Every container, for tools and tests that reach one directly. */
  containers: Containers;
  database: Database;
  /** The stand-in when this store runs on one (embedded mode, tests). */
  embedded?: CosmosStandIn;
  /** Reads the database within `timeoutMs` (default 2 s). */
  ping(options?: { timeoutMs?: number }): Promise<StoreReadiness>;
  /** Closes the client and, when this store started it, the in-process server. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /**
   * Use this running stand-in (a test harness shares one, or `npm run stand-ins` runs it);
   * otherwise one is started in this process.
   */
  embedded?: CosmosStandIn;
  /** When set, every request to Cosmos is a dependency span with its RU charge. */
  telemetry?: Telemetry;
}

/**
 * Connects to Cosmos as the settings say, creates the database and containers that are missing,
 * and returns the repositories. In embedded mode it starts the in-process server unless one is
 * given, and then owns it.
 */
export async function openCosmosStore(
  settings: CosmosSettings,
  options: OpenStoreOptions = {},
): Promise<CosmosStore> {
  const ownEmbedded =
    settings.kind === 'embedded' && options.embedded === undefined
      ? // Loaded only here: production never loads the Cosmos stand-in.
        await (await import('./embedded-cosmos.ts')).startEmbeddedCosmos()
      : undefined;
  const embedded = options.embedded ?? ownEmbedded;
  const connection: CosmosConnection =
    settings.kind === 'embedded'
      ? { kind: 'embedded', database: settings.database, ...pick(embedded) }
      : settings;
  const client = createCosmosClient(connection, options.telemetry);
  try {
    const database = await ensureDatabase(
      client,
      settings.database,
      settings.kind === 'embedded' ? undefined : settings.databaseThroughput,
    );
    const containers = await ensureContainers(database);
    return {
      conversations: new CosmosConversationStore(containers.conversations, containers.preferences),
      preferences: new CosmosUserPreferencesStore(containers.preferences),
      prices: new CosmosPriceStore(containers.prices),
      priceHistory: new CosmosPriceHistory(containers.prices),
      operations: new CosmosOperationStore(containers.operations),
      operationItems: new CosmosOperationItemStore(containers.operationItems),
      history: new CosmosHistoryLog(containers.history),
      templates: new CosmosTemplateStore(containers.templates),
      approvalChannels: new CosmosApprovalChannelStore(containers.preferences),
      requestCards: new CosmosRequestCardStore(containers.requestCards),
      notices: new CosmosChangeNoticeStore(containers.notices),
      leases: new CosmosLeaseStore(containers.leases),
      alertSubscriptions: new CosmosAlertSubscriptionStore(containers.alerts),
      alertSnapshots: new CosmosAlertSnapshotStore(containers.alerts),
      schedules: new CosmosScheduleStore(containers.schedules),
      tenants: new CosmosTenantRegistry(containers.tenants),
      containers,
      database,
      ...(embedded !== undefined && { embedded }),
      ping: (pingOptions) => ping(database, pingOptions?.timeoutMs ?? 2000),
      close: () => close(client, ownEmbedded),
    };
  } catch (error) {
    await close(client, ownEmbedded);
    throw error;
  }
}

const pick = (embedded: CosmosStandIn | undefined) => {
  if (embedded === undefined) {
    throw new Error('openCosmosStore: embedded settings without an embedded server.');
  }
  return { endpoint: embedded.endpoint, key: embedded.key, agent: embedded.agent };
};

async function ping(database: Database, timeoutMs: number): Promise<StoreReadiness> {
  try {
    await database.read({ abortSignal: AbortSignal.timeout(timeoutMs) });
    return { ok: true };
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, reason: `Cosmos DB database ${database.id} unreachable (${reason})` };
  }
}

async function close(client: CosmosClient, embedded: EmbeddedCosmos | undefined): Promise<void> {
  client.dispose();
  await embedded?.close();
}
