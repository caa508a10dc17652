import { tenantUseCases, type TenantUseCases } from '../../app/tenants/tenant-use-cases.ts';
import type { ServedTenants } from '../../app/tenants/served-tenants.ts';
import { randomUUID } from 'node:crypto';
import { alertUseCases, type AlertUseCases } from '../../app/alerts/alert-use-cases.ts';
import { LicenseWritesClear } from '../../app/caching/license-writes-clear.ts';
import {
  forgetConversations,
  type Forgotten,
  type GoneConversations,
} from '../../app/conversations/forget-conversations.ts';
import {
  groupLicenseUseCases,
  type GroupLicenseUseCases,
} from '../../app/group-licenses/group-license-use-cases.ts';
import {
  groupFixUseCases,
  type GroupFixUseCases,
} from '../../app/group-fixes/group-fix-use-cases.ts';
import { historyUseCases, type HistoryUseCases } from '../../app/history/history-use-cases.ts';
import { noticeUseCases, type NoticeUseCases } from '../../app/notices/notice-use-cases.ts';
import type { ChangeSender, TellDependencies } from '../../app/notices/tell-changes.ts';
import type { AlertCardWriter } from '../../app/ports/alert-card-writer.ts';
import type { Clock } from '../../app/ports/clock.ts';
import type { ScheduleNotifier } from '../../app/ports/schedule-notifier.ts';
import { scheduleUseCases, type ScheduleUseCases } from '../../app/schedules/schedule-use-cases.ts';
import type { Logger } from '../../app/ports/logger.ts';
import type { OperationNotifier } from '../../app/ports/operation-notifier.ts';
import { instancePerTenant } from '../../app/ports/per-tenant.ts';
import { viewUseCases, type ViewUseCases } from '../../app/views/view-use-cases.ts';
import { pricingUseCases, type Pricing } from '../../app/prices/pricing.ts';
import { reportUseCases, type ReportUseCases } from '../../app/reports/report-use-cases.ts';
import { ruleUseCases, type RuleUseCases } from '../../app/rules/rule-use-cases.ts';
import type { RequestDependencies } from '../../app/requests/request-deps.ts';
import { requestUseCases, type RequestUseCases } from '../../app/requests/request-use-cases.ts';
import {
  operationReadUseCases,
  type OperationReadUseCases,
} from '../../app/requests/operation-read-use-cases.ts';
import { runUseCases, type RunUseCases } from '../../app/runs/run-use-cases.ts';
import type { RunsInFlight } from '../../app/runs/runs-in-flight.ts';
import { templateUseCases, type TemplateUseCases } from '../../app/templates/template-use-cases.ts';
import type { Config } from '../../config.ts';
import { defaultApprovalPolicy } from '../../domain/policy/approval-policy.ts';
import type { CosmosStore } from '../../store/index.ts';
import type { graphAdapters } from './graph-adapters.ts';
import type { ReadCaches } from './read-caches.ts';

/** How long one alert look may hold its tenant's tick lease: a killed look is retaken after it. */
const ALERT_TICK_LEASE_MS = 60_000;

/** Every use case License Desk has, built once: what the bot and the jobs are given. */
export interface LicenseDeskUseCases {
  requests: RequestUseCases;
  /** Operations and their per-user items, read (the REST API's `GET …/operations`). */
  operations: OperationReadUseCases;
  groupLicenses: GroupLicenseUseCases;
  runs: RunUseCases;
  notices: NoticeUseCases;
  history: HistoryUseCases;
  templates: TemplateUseCases;
  pricing: Pricing;
  /** The tenants served: onboard, check, suspend, act in one (the operator's approvers). */
  tenants: TenantUseCases;
  /** Monthly reports per tenant for billing reconciliation: seats, cost change, CSV. */
  reports: ReportUseCases;
  /** Dynamic-rule previews: members, and what a group of them would need and cost. */
  rules: RuleUseCases;
  views: ViewUseCases;
  forgetConversations: (gone: GoneConversations) => Promise<Forgotten>;
  /** Proactive alerts: subscriptions, the open problems now, the monitor's ticks. */
  alerts: AlertUseCases;
  /** Fixes for group license errors: reprocess, set usage locations, find clashing licenses. */
  groupFixes: GroupFixUseCases;
  /** Changes at a time: one-time and recurring schedules, their decisions and their job. */
  schedules: ScheduleUseCases;
}

/** The ports the use cases work with, as the composition root made them. */
export interface UseCasePorts {
  config: Config;
  graph: ReturnType<typeof graphAdapters>;
  store: CosmosStore;
  caches: ReadCaches;
  /** The tenants served: the operator's and the registry's customers, with their own policy. */
  tenants: ServedTenants;
  /** Telling changes, and the operation store every state change goes through (`changeTelling`). */
  telling: TellDependencies;
  /** The notifier (`app/notices`): redraws the cards and notifies the requester through the bot. */
  notifier: OperationNotifier & { send: ChangeSender };
  runs: RunsInFlight;
  /** This process, as lease holder: host, process id and a random part. */
  instanceId: string;
  /** The bot's alert card writer (`TeamsAlertWriter`). */
  alertWriter: AlertCardWriter;
  /** The bot's side of schedules: approval cards, the owner told, each run's progress card. */
  scheduleNotifier: ScheduleNotifier;
  clock: Clock;
  logger: Logger;
}

/** Builds the use cases of every slice over `ports`. */
export function licenseDeskUseCases(ports: UseCasePorts): LicenseDeskUseCases {
  const { config, graph, store, caches, clock, logger } = ports;
  // Each tenant's views read through its own cache, the same the bot identifies callers with.
  const viewDirectories = caches.directories;
  const forgetGone = (gone: GoneConversations) =>
    forgetConversations(
      {
        conversations: caches.conversations,
        approvalChannels: store.approvalChannels,
        operations: ports.telling.operations,
        notices: store.notices,
        clock,
        logger,
        alertSubscriptions: store.alertSubscriptions,
      },
      gone,
    );
  const requestDeps: RequestDependencies = {
    directory: graph.directories,
    // License Desk's own license writes clear the views' seat counts at once.
    licenses: instancePerTenant(
      (tenantId) =>
        new LicenseWritesClear(graph.licenseWriters.forTenant(tenantId), () =>
          viewDirectories.forTenant(tenantId).invalidateLicenses(),
        ),
    ),
    operations: ports.telling.operations,
    operationItems: store.operationItems,
    history: store.history,
    templates: store.templates,
    approvalChannels: store.approvalChannels,
    prices: store.prices,
    tenantPolicy: (tenantId) => ports.tenants.known(tenantId)?.policy,
    policy: {
      ...defaultApprovalPolicy,
      expiresAfterHours: config.approvalExpiryHours,
      confirmSelectionAbove: config.bulkConfirmAbove,
      twoApproversAboveUsers: config.twoApproversAboveUsers,
      ...(config.twoApproversAboveMonthlyCost === undefined
        ? {}
        : { twoApproversAboveMonthlyCost: config.twoApproversAboveMonthlyCost }),
    },
    notifier: ports.notifier,
    leases: store.leases,
    instanceId: ports.instanceId,
    runLeaseMs: config.runLeaseSeconds * 1000,
    runs: ports.runs,
    clock,
    logger,
    newId: () => randomUUID(),
  };
  const runs = runUseCases(requestDeps);
  return {
    requests: requestUseCases(requestDeps),
    operations: operationReadUseCases({
      operations: ports.telling.operations,
      operationItems: store.operationItems,
    }),
    groupLicenses: groupLicenseUseCases(requestDeps),
    runs,
    schedules: scheduleUseCases({
      schedules: store.schedules,
      requests: requestDeps,
      runs,
      notifier: ports.scheduleNotifier,
      clock,
      logger,
      instanceId: ports.instanceId,
      newId: () => randomUUID(),
    }),
    notices: noticeUseCases(ports.telling, ports.notifier.send),
    history: historyUseCases(requestDeps),
    templates: templateUseCases({ ...requestDeps, viewDirectory: viewDirectories }),
    pricing: pricingUseCases({
      directory: caches.directory,
      directories: viewDirectories,
      prices: caches.prices,
      priceHistory: store.priceHistory,
      clock,
    }),
    tenants: tenantUseCases({
      registry: store.tenants,
      served: ports.tenants,
      directories: graph.directories,
      preferences: store.preferences,
      operations: ports.telling.operations,
      clock,
      ...consentClient(config),
    }),
    reports: reportUseCases({
      history: store.history,
      prices: caches.prices,
      priceHistory: store.priceHistory,
      directory: viewDirectories,
      clock,
    }),
    rules: ruleUseCases({
      directory: viewDirectories,
      templates: store.templates,
      prices: caches.prices,
    }),
    views: viewUseCases({
      directory: viewDirectories,
      prices: caches.prices,
      skuHolders: graph.skuHolders,
      requests: { operations: ports.telling.operations, operationItems: store.operationItems },
    }),
    groupFixes: groupFixUseCases({
      directory: graph.directories,
      licenses: requestDeps.licenses,
      history: store.history,
      clock,
      newId: () => randomUUID(),
    }),
    forgetConversations: forgetGone,
    alerts: alertUseCases({
      directories: graph.directories,
      operations: ports.telling.operations,
      subscriptions: store.alertSubscriptions,
      snapshots: store.alertSnapshots,
      conversations: caches.conversations,
      leases: store.leases,
      writer: ports.alertWriter,
      instanceId: ports.instanceId,
      leaseMs: ALERT_TICK_LEASE_MS,
      clock,
      logger,
      forgetConversations: forgetGone,
      // Closing ends a wait at once: what is left is sent by the next look.
      pace: (ms) => clock.sleep(ms, ports.runs.signal),
    }),
  };
}

/** The app registration customers' admins consent to, when License Desk signs in as one. */
function consentClient(config: Config): { consentClientId?: string } {
  const { credential } = config.graph;
  return credential.kind === 'clientSecret' || credential.kind === 'certificate'
    ? { consentClientId: credential.clientId }
    : {};
}
