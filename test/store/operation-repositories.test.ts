import { describe } from 'vitest';
import {
  MemoryApprovalChannelStore,
  MemoryHistoryLog,
  MemoryOperationItemStore,
  MemoryOperationStore,
  MemoryTemplateStore,
} from '../../src/store/index.ts';
import { approvalChannelStoreContract } from './contracts/approval-channel-store.contract.ts';
import { historyLogContract } from './contracts/history-log.contract.ts';
import { operationItemStoreContract } from './contracts/operation-item-store.contract.ts';
import { operationStoreContract } from './contracts/operation-store.contract.ts';
import { templateStoreContract } from './contracts/template-store.contract.ts';
import { useEmbeddedStore } from './support/embedded-store.ts';

// Issue 4's stores, each contract run against Cosmos (the in-process server) and memory.
describe('operation repositories', () => {
  const store = useEmbeddedStore();

  operationStoreContract('CosmosOperationStore', () => store().operations);
  operationStoreContract('MemoryOperationStore', () => new MemoryOperationStore());
  operationItemStoreContract('CosmosOperationItemStore', () => store().operationItems);
  operationItemStoreContract('MemoryOperationItemStore', () => new MemoryOperationItemStore());
  historyLogContract('CosmosHistoryLog', () => store().history);
  historyLogContract('MemoryHistoryLog', () => new MemoryHistoryLog());
  templateStoreContract('CosmosTemplateStore', () => store().templates);
  templateStoreContract('MemoryTemplateStore', () => new MemoryTemplateStore());
  approvalChannelStoreContract('CosmosApprovalChannelStore', () => store().approvalChannels);
  approvalChannelStoreContract(
    'MemoryApprovalChannelStore',
    () => new MemoryApprovalChannelStore(),
  );
});
