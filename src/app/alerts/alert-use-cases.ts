import type { AlertEntry } from '../../domain/alerts/alert.ts';
import type { Caller } from '../identity/caller.ts';
import type { ConversationKind } from '../ports/stores.ts';
import { lookForProblems, type Look } from './look-for-problems.ts';
import { monitorTenant, type MonitorDependencies } from './monitor-alerts.ts';

/** The conversation `alerts on` or `alerts off` is typed in. */
export interface AlertPlace {
  conversationId: string;
  kind: ConversationKind;
  teamId?: string;
}

/** Proactive alerts: subscriptions, the open problems now, and the monitor's ticks. */
export interface AlertUseCases {
  /** Subscribes the conversation (an approver asked); false when it already was. */
  subscribe(caller: Caller, place: AlertPlace): Promise<boolean>;
  /** False when it was not subscribed. */
  unsubscribe(tenantId: string, conversationId: string): Promise<boolean>;
  /** Whether the conversation gets alerts. */
  isSubscribed(tenantId: string, conversationId: string): Promise<boolean>;
  /** The tenant's problems as a look finds them now (nothing is sent or recorded). */
  openProblems(tenantId: string): Promise<Look>;
  /** An alert as the monitor keeps it (open or solved and still shown), for a summary's details. */
  find(tenantId: string, alertId: string): Promise<AlertEntry | null>;
  /**
   * One tick of the monitor over the tenants served: the background job, which never overlaps
   * itself in a process (and the lease keeps instances apart).
   */
  monitor(tenantIds: readonly string[]): Promise<void>;
}

/** Builds the alert use cases over the monitor's ports. */
export function alertUseCases(deps: MonitorDependencies): AlertUseCases {
  return {
    subscribe: (caller, place) =>
      deps.subscriptions.subscribe({
        tenantId: caller.tenantId,
        conversationId: place.conversationId,
        kind: place.kind,
        ...(place.teamId !== undefined ? { teamId: place.teamId } : {}),
        subscribedBy: { userId: caller.userId, displayName: caller.displayName },
        subscribedAt: deps.clock.now().toISOString(),
      }),
    unsubscribe: (tenantId, conversationId) =>
      deps.subscriptions.unsubscribe(tenantId, conversationId),
    isSubscribed: async (tenantId, conversationId) =>
      (await deps.subscriptions.list(tenantId)).some((s) => s.conversationId === conversationId),
    openProblems: (tenantId) =>
      lookForProblems(
        {
          directory: deps.directories.forTenant(tenantId),
          operations: deps.operations,
          logger: deps.logger.child({ tenantId }),
        },
        tenantId,
        deps.clock.now(),
      ),
    find: async (tenantId, alertId) =>
      (await deps.snapshots.get(tenantId))?.value.alerts.find((e) => e.finding.id === alertId) ??
      null,
    monitor: async (tenantIds) => {
      for (const tenantId of tenantIds) {
        try {
          await monitorTenant(deps, tenantId);
        } catch (error) {
          deps.logger.error({ err: error, tenantId }, 'alerts: the look at this tenant failed');
        }
      }
    },
  };
}
