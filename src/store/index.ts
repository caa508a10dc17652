/** The Cosmos DB adapter: the only place that imports `@azure/cosmos`. */
export { openCosmosStore } from './cosmos-store.ts';
export type { CosmosStore, OpenStoreOptions, StoreReadiness } from './cosmos-store.ts';
// The stand-in itself is imported from './embedded-cosmos.ts' by the embedded run and the tests
// only, so that production never loads it.
export type { CosmosStandIn, EmbeddedCosmos } from './embedded-cosmos.ts';
export { containerDefinitions } from './containers.ts';
export type { ContainerName, Containers } from './containers.ts';
export { CosmosConversationStore } from './cosmos-conversation-store.ts';
export { CosmosUserPreferencesStore } from './cosmos-user-preferences-store.ts';
export { CosmosPriceStore } from './cosmos-price-store.ts';
export { CosmosPriceHistory } from './cosmos-price-history.ts';
export { CosmosOperationStore } from './cosmos-operation-store.ts';
export { CosmosOperationItemStore } from './cosmos-operation-item-store.ts';
export { CosmosHistoryLog } from './cosmos-history-log.ts';
export { CosmosTemplateStore } from './cosmos-template-store.ts';
export { CosmosApprovalChannelStore } from './cosmos-approval-channel-store.ts';
export { CosmosRequestCardStore } from './cosmos-request-card-store.ts';
export { CosmosLeaseStore } from './cosmos-lease-store.ts';
export { CosmosChangeNoticeStore } from './cosmos-change-notice-store.ts';
export { CosmosAlertSubscriptionStore } from './cosmos-alert-subscription-store.ts';
export { CosmosAlertSnapshotStore } from './cosmos-alert-snapshot-store.ts';
export { CosmosScheduleStore } from './cosmos-schedule-store.ts';
export { CosmosTenantRegistry } from './cosmos-tenant-registry.ts';
export { MemoryOperationStore } from './memory/memory-operation-store.ts';
export { MemoryOperationItemStore } from './memory/memory-operation-item-store.ts';
export { MemoryHistoryLog } from './memory/memory-history-log.ts';
export { MemoryTemplateStore } from './memory/memory-template-store.ts';
export { MemoryApprovalChannelStore } from './memory/memory-approval-channel-store.ts';
export { MemoryRequestCardStore } from './memory/memory-request-card-store.ts';
export { MemoryConversationStore } from './memory/memory-conversation-store.ts';
export { MemoryUserPreferencesStore } from './memory/memory-user-preferences-store.ts';
export { MemoryPriceStore } from './memory/memory-price-store.ts';
export { MemoryPriceHistory } from './memory/memory-price-history.ts';
export { MemoryLeaseStore } from './memory/memory-lease-store.ts';
export { MemoryChangeNoticeStore } from './memory/memory-change-notice-store.ts';
export { MemoryAlertSubscriptionStore } from './memory/memory-alert-subscription-store.ts';
export { MemoryAlertSnapshotStore } from './memory/memory-alert-snapshot-store.ts';
export { MemoryScheduleStore } from './memory/memory-schedule-store.ts';
export { MemoryTenantRegistry } from './memory/memory-tenant-registry.ts';
export {
  createOnce,
  createVersioned,
  deleteIfMatch,
  readVersioned,
  replaceIfMatch,
  updateWithETag,
} from './etag-guard.ts';
export type { Document, UpdateOptions } from './etag-guard.ts';
export { releaseLease, renewLease, tryAcquireLease } from './leases.ts';
export type { Lease, LeaseClaim, LeaseRequest } from './leases.ts';
export { queryAll, queryPage } from './paging.ts';
export type { Page, PageRequest } from './paging.ts';
export { StoreUnavailableError } from './cosmos-errors.ts';
export { StoredDocumentInvalidError } from './documents.ts';
