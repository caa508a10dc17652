import type { ObjectId, ServicePlanId, SkuId } from '../licensing.ts';
import type { Operation, OperationItem, Person } from '../operations/operation.ts';

/** What happened to one license of one user. */
export type HistoryChange =
  | 'added'
  | 'removed'
  | 'plansChanged'
  | 'usageLocationSet'
  | 'refused'
  | 'rejected'
  | 'expired'
  /** A user's group-based licenses evaluated again by Entra, as an approver asked. */
  | 'reprocessed';

/** One line of the append-only history: a license added, removed or changed, or a refusal. */
export interface HistoryEvent {
  /** Deterministic (operation + user + change + SKU): writing it twice is a conflict, not a copy. */
  id: string;
  tenantId: string;
  operationId: string;
  at: string;
  change: HistoryChange;
  userId: ObjectId;
  userPrincipalName: string;
  skuId?: SkuId;
  disabledPlans?: ServicePlanId[];
  /** The ISO country code set, for a `usageLocationSet` event. */
  usageLocation?: string;
  requester: Person;
  approver?: Person;
  result: 'succeeded' | 'failed' | 'skipped';
  /** A stable failure code and the admin-worded reason, when not succeeded. */
  failureCode?: string;
  message?: string;
  /** Graph's `request-id`, so Microsoft support can trace the call. */
  graphRequestId?: string;
  /**
   * Set when the change was to a group's licenses: `userId` and `userPrincipalName` then name the
   * group (its id and display name), and its members got the change through Entra.
   */
  group?: { id: ObjectId; displayName: string };
}

// Cosmos DB item ids may not contain these characters.
const safe = (part: string): string => part.replace(/[/\\?#]/g, '_');

/** The id of the event for one change of one SKU of one user in one operation. */
export function historyEventId(
  operationId: string,
  userId: ObjectId,
  change: HistoryChange,
  skuId = '-',
): string {
  return [operationId, userId, change, skuId].map(safe).join(':');
}

/**
 * The history events of one settled item: the usage location License Desk set first, if it did,
 * then one per SKU added (or changed, for a modify) and per SKU removed, carrying the result; a
 * failed item records the failure on each license. `usageLocationSet` says whether the location
 * was written; a done item's was (a direct license needs one, and the run set it).
 */
export function historyEventsForItem(
  operation: Operation,
  item: OperationItem,
  at: Date,
  graphRequestId?: string,
  usageLocationSet = item.state === 'done',
): HistoryEvent[] {
  const result =
    item.state === 'done' ? 'succeeded' : item.state === 'failed' ? 'failed' : 'skipped';
  const base = {
    tenantId: operation.tenantId,
    operationId: operation.id,
    at: at.toISOString(),
    userId: item.userId,
    userPrincipalName: item.userPrincipalName,
    requester: operation.requester,
    result,
    ...(operation.decidedBy ? { approver: operation.decidedBy } : {}),
    ...(item.failure ? { failureCode: item.failure.code, message: item.failure.message } : {}),
    ...(item.note && !item.failure ? { message: item.note } : {}),
    ...(graphRequestId ? { graphRequestId } : {}),
  } as const;
  const added = operation.kind === 'modify' ? 'plansChanged' : 'added';
  const location = item.setUsageLocation;
  const { failureCode: _code, message: _message, graphRequestId: _id, ...locationBase } = base;
  return [
    ...(location !== undefined && usageLocationSet
      ? [
          {
            ...locationBase,
            id: historyEventId(operation.id, item.userId, 'usageLocationSet'),
            change: 'usageLocationSet' as const,
            usageLocation: location,
            result: 'succeeded' as const,
            message: `Usage location set to ${location}`,
          },
        ]
      : []),
    ...item.body.addLicenses.map((license): HistoryEvent => ({
      ...base,
      id: historyEventId(operation.id, item.userId, added, license.skuId),
      change: added,
      skuId: license.skuId,
      disabledPlans: license.disabledPlans,
    })),
    ...item.body.removeLicenses.map((skuId): HistoryEvent => ({
      ...base,
      id: historyEventId(operation.id, item.userId, 'removed', skuId),
      change: 'removed',
      skuId,
    })),
  ];
}

/**
 * Events for an operation rejected, refused by the policy, or expired before anyone decided:
 * one per user, no SKU changed.
 */
export function historyEventsForDecision(
  operation: Operation,
  items: readonly OperationItem[],
  change: 'rejected' | 'refused' | 'expired',
  reason: string,
  at: Date,
): HistoryEvent[] {
  return items.map((item) => ({
    id: historyEventId(operation.id, item.userId, change),
    tenantId: operation.tenantId,
    operationId: operation.id,
    at: at.toISOString(),
    change,
    userId: item.userId,
    userPrincipalName: item.userPrincipalName,
    requester: operation.requester,
    ...(operation.decidedBy ? { approver: operation.decidedBy } : {}),
    result: 'skipped' as const,
    message: reason,
  }));
}

/**
 * The history of a group license change once Entra processed it: one event per SKU added,
 * changed or removed on the group, naming the group, the requester and the approver.
 */
export function historyEventsForGroup(
  operation: Operation,
  at: Date,
  result: { succeeded: boolean; message: string },
): HistoryEvent[] {
  const group = operation.group;
  if (group === undefined) {
    return [];
  }
  const base = {
    tenantId: operation.tenantId,
    operationId: operation.id,
    at: at.toISOString(),
    userId: group.id,
    userPrincipalName: group.displayName,
    group: { id: group.id, displayName: group.displayName },
    requester: operation.requester,
    ...(operation.decidedBy ? { approver: operation.decidedBy } : {}),
    result: result.succeeded ? ('succeeded' as const) : ('failed' as const),
    message: result.message,
  };
  const added: HistoryChange = operation.kind === 'modify' ? 'plansChanged' : 'added';
  return [
    ...group.body.addLicenses.map((license) => ({
      ...base,
      id: historyEventId(operation.id, group.id, added, license.skuId),
      change: added,
      skuId: license.skuId,
      disabledPlans: [...license.disabledPlans],
    })),
    ...group.body.removeLicenses.map((skuId) => ({
      ...base,
      id: historyEventId(operation.id, group.id, 'removed', skuId),
      change: 'removed' as const,
      skuId,
    })),
  ];
}
