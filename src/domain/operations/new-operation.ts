import type { AssignLicenseBody, ObjectId } from '../licensing.ts';
import type { ImpactRecord } from '../planning/impact-record.ts';
import {
  FIRST_USERS_KEPT,
  type Operation,
  type OperationItem,
  type OperationKind,
  type Person,
  type ScheduleOrigin,
  type SelectionNote,
} from './operation.ts';

/** One user's change as the planner made it, before it becomes a stored item. */
export interface PlannedItem {
  userId: ObjectId;
  userPrincipalName: string;
  displayName: string;
  body: AssignLicenseBody;
  setUsageLocation?: string;
  /** Present when nothing needs to be sent: the user is already in the target state. */
  skipReason?: string;
}

export interface NewOperation {
  id: string;
  tenantId: string;
  kind: OperationKind;
  requester: Person;
  summary: string;
  justification?: string;
  items: readonly PlannedItem[];
  /** The impact and the policy's reasons as planned: every copy of the card shows them. */
  impact?: ImpactRecord;
  now: Date;
  /** How long a pending request waits for a decision before it expires. */
  expiresAfterMs: number;
  /** Whom a bulk request selected, as counted. */
  selection?: SelectionNote;
  /** Approvers it needs, when more than one. */
  approversNeeded?: number;
  /** Run this many users first, then wait for an approver to continue. */
  pilotSize?: number;
  /** Start no earlier than this (a one-time schedule). */
  startAt?: Date;
  /** The schedule that made it. */
  schedule?: ScheduleOrigin;
  /** The REST API request's hash, under an `Idempotency-Key`. */
  requestFingerprint?: string;
}

/** How many users an operation changes and the first few by name, from its items. */
export function usersOf(
  items: readonly OperationItem[],
): Pick<Operation, 'userCount' | 'firstUsers'> {
  return {
    userCount: items.length,
    firstUsers: items
      .slice(0, FIRST_USERS_KEPT)
      .map(({ userId, userPrincipalName, displayName }) => ({
        userId,
        userPrincipalName,
        displayName,
      })),
  };
}

/** A new operation and its users' items, stored apart (the operation names the first few). */
export interface OperationWithItems {
  operation: Operation;
  items: OperationItem[];
}

/**
 * A pending operation with one item per user. The item id is the user id: an operation changes
 * each user once, and a retried write lands on the same item. Users already in the target state
 * start as skipped, so they are shown but never sent.
 */
export function newOperation(input: NewOperation): OperationWithItems {
  const at = input.now.toISOString();
  const items = input.items.map((planned): OperationItem => {
    const item: OperationItem = {
      itemId: planned.userId,
      userId: planned.userId,
      userPrincipalName: planned.userPrincipalName,
      displayName: planned.displayName,
      body: planned.body,
      state: planned.skipReason === undefined ? 'planned' : 'skipped',
    };
    if (planned.setUsageLocation !== undefined) {
      item.setUsageLocation = planned.setUsageLocation;
    }
    if (planned.skipReason !== undefined) {
      item.note = planned.skipReason;
    }
    return item;
  });
  const operation: Operation = {
    id: input.id,
    tenantId: input.tenantId,
    kind: input.kind,
    state: 'pending',
    requester: input.requester,
    summary: input.summary,
    ...usersOf(items),
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(input.now.getTime() + input.expiresAfterMs).toISOString(),
    events: [],
  };
  if (input.justification !== undefined && input.justification.trim() !== '') {
    operation.justification = input.justification.trim();
  }
  if (input.impact !== undefined) {
    operation.impact = input.impact;
  }
  if (input.selection !== undefined) {
    operation.selection = input.selection;
  }
  if (input.approversNeeded !== undefined) {
    operation.approversNeeded = input.approversNeeded;
  }
  if (input.pilotSize !== undefined) {
    operation.pilot = { size: input.pilotSize };
  }
  if (input.startAt !== undefined) {
    operation.startAt = input.startAt.toISOString();
  }
  if (input.schedule !== undefined) {
    operation.schedule = input.schedule;
  }
  if (input.requestFingerprint !== undefined) {
    operation.requestFingerprint = input.requestFingerprint;
  }
  return { operation, items };
}
