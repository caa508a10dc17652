import type { ApprovalPolicy } from '../../domain/policy/approval-policy.ts';
import type { TenantPolicy } from '../../domain/tenants/tenant.ts';
import type { ApprovalChannelStore } from '../ports/approval-channel-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { HistoryLog } from '../ports/history-log.ts';
import type { LeaseStore } from '../ports/lease-store.ts';
import type { LicenseWriter } from '../ports/license-writer.ts';
import type { Logger } from '../ports/logger.ts';
import type { OperationNotifier } from '../ports/operation-notifier.ts';
import type { OperationItemStore } from '../ports/operation-item-store.ts';
import type { OperationStore } from '../ports/operation-store.ts';
import type { PerTenant } from '../ports/per-tenant.ts';
import type { PriceStore } from '../ports/stores.ts';
import type { TemplateStore } from '../ports/template-store.ts';
import type { RunsInFlight } from '../runs/runs-in-flight.ts';

/** What the request, approval and run use cases work with, wired by the composition root. */
export interface RequestDependencies {
  /** Graph's directory, read as it is now (no cache), per tenant. */
  directory: PerTenant<Directory>;
  /** Graph's license writes, per tenant: each tenant's writer keeps that tenant's write budget. */
  licenses: PerTenant<LicenseWriter>;
  operations: OperationStore;
  operationItems: OperationItemStore;
  history: HistoryLog;
  templates: TemplateStore;
  approvalChannels: ApprovalChannelStore;
  prices: PriceStore;
  policy: ApprovalPolicy;
  /** A customer tenant's own approval rules over `policy` (the registry's); see `policyForTenant`. */
  tenantPolicy?: (tenantId: string) => TenantPolicy | undefined;
  /** Redraws approval cards and tells requesters after every state change. */
  notifier: OperationNotifier;
  /** Claims on operation runs, so one instance runs each and a dead one's run is taken over. */
  leases: LeaseStore;
  /**
   * How long a run's lease lasts unless renewed (default `OPERATION_LEASE_MS`, a minute): how
   * long a run a dead process left waits before another instance takes it over.
   */
  runLeaseMs?: number;
  /** This process, as lease holder and in checkpoints: host, process id and a random part. */
  instanceId: string;
  /** The runs in flight and the stop signal they check (absent: untracked, never stopped). */
  runs?: RunsInFlight;
  clock: Clock;
  logger: Logger;
  /** A new operation id (a UUID in production; tests may make them predictable). */
  newId(): string;
}
