import type { LicensingFailure, LicensingFailureCode } from '../errors.ts';
import type { AssignedLicense, AssignLicenseBody, ObjectId } from '../licensing.ts';
import type { DynamicGroupBody } from '../dynamic-rules/dynamic-group-body.ts';
import type { ImpactRecord } from '../planning/impact-record.ts';

/** What an operation does to each of its users; a bulk operation is the same with more items. */
export type OperationKind = 'assign' | 'remove' | 'modify' | 'transfer';

/** Where an operation is in its life; see `state-machine.ts` for the moves between them. */
export type OperationState =
  | 'pending'
  | 'approved'
  | 'running'
  /** Its pilot's users are done: it waits for an approver to continue or stop it. */
  | 'paused'
  | 'succeeded'
  | 'partiallyFailed'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled';

/** A person acting on an operation, identified from the Teams activity, never from card data. */
export interface Person {
  userId: ObjectId;
  displayName: string;
}

/** Who performs a transition: a person (with their role, decided by the caller) or License Desk. */
export type Actor = (Person & { kind: 'user'; isApprover: boolean }) | { kind: 'system' };

/**
 * Where one user's change is: written before Graph is called, settled after. `cancelled`: a
 * stop came before the run reached the user (nothing was sent, or what was sent did not take).
 */
export type ItemState = 'planned' | 'sent' | 'done' | 'failed' | 'skipped' | 'cancelled';

/** How many of an operation's users are in each state. */
export type ItemCounts = Record<ItemState, number>;

/** Counts of an operation with no item in any state, to count into. */
export const noItems = (): ItemCounts => ({
  planned: 0,
  sent: 0,
  done: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
});

/** Failed users who share a reason (and SKU): one line on the card, one set of fix buttons. */
export interface FailureGroup {
  code: LicensingFailureCode;
  /** The reason in an admin's words, as the first user of the group got it. */
  reason: string;
  skuId?: string;
  count: number;
  /** The first users of the group by name, so the card says who without listing thousands. */
  names: string[];
  /** The group's first user, whole: its fix buttons are worked out from this item. */
  first: OperationItem;
  /**
   * Addresses of the group's users with exactly the first one's change, up to a request's
   * worth: a corrected request for all of them when the group is that small.
   */
  sameChange: string[];
  /** Whether `sameChange` holds every user of the group. */
  sameChangeIsAll: boolean;
}

/** Users skipped for one reason (already had it, stopped before reaching them…). */
export interface SkipGroup {
  reason: string;
  count: number;
}

/** One of the first users' results, for the card's per-user lines. */
export interface UserResult {
  userId: string;
  state: ItemState;
  note?: string;
}

/**
 * What a run did, written on the operation when it ends: counts, failures grouped by reason,
 * skips grouped by reason and the first users' results. Its size does not grow with the users.
 */
export interface OperationOutcome {
  counts: ItemCounts;
  /** Users the run never reached because someone stopped it (`cancelled`). */
  notReached: number;
  failures: FailureGroup[];
  skips: SkipGroup[];
  /** Failure reasons beyond the groups kept (their users are in the counts and the CSV). */
  otherFailures: number;
  /**
   * Why the users in `otherFailures` failed when a run was given up without its items being
   * readable (their documents are left as they were).
   */
  unreadable?: string;
  firstResults: UserResult[];
  /**
   * For a group license change: the group's members in error once Entra processed it, by reason
   * ("3 members: not enough seats of Microsoft 365 E5").
   */
  groupErrors?: GroupErrorCount[];
  /**
   * For a group license added: members who hold the same SKU directly too, now covered by the
   * group (their direct license can go), per SKU, with the first addresses for a removal request.
   */
  directAlso?: DirectAlso[];
}

/** Members covered by a group's license who also hold it directly. */
export interface DirectAlso {
  skuId: string;
  skuPartNumber: string;
  count: number;
  addresses: string[];
}

/** Members of a group in error for one reason after Entra processed the group's licenses. */
export interface GroupErrorCount {
  /** Entra's error code: CountViolation, MutuallyExclusiveViolation… */
  error: string;
  reason: string;
  count: number;
  names: string[];
}

/**
 * The group an operation changes the licenses of: one `assignLicense` on the group, then Entra
 * applies it to every member in the background (the run follows its processing state).
 */
export interface GroupTarget {
  id: ObjectId;
  displayName: string;
  body: AssignLicenseBody;
  /** The group's licenses once the change applies: a group already so is not sent it again. */
  after: AssignedLicense[];
  /**
   * A dynamic group to create first (its id is '' until the run created it, and the run's
   * checkpoint keeps the id it got).
   */
  create?: DynamicGroupBody;
}

/** One user's planned change: the exact `assignLicense` body, and a usage location to set first. */
export interface OperationItem {
  /** Deterministic within the operation (the user id), so a retry finds the same item. */
  itemId: string;
  userId: ObjectId;
  userPrincipalName: string;
  displayName: string;
  body: AssignLicenseBody;
  /** Set with `PATCH /users/{id}` before `assignLicense`, when the user has none. */
  setUsageLocation?: string;
  state: ItemState;
  /** Why the item is skipped (already in the target state) or failed. */
  note?: string;
  failure?: LicensingFailure;
}

/** A user of an operation as its card names them. */
export type OperationUser = Pick<OperationItem, 'userId' | 'userPrincipalName' | 'displayName'>;

/** How many users an operation names on itself; the rest are only in its items. */
export const FIRST_USERS_KEPT = 20;

/** A step in the operation's life, kept for the card ("approved by Megan at 10:02") and audit. */
export interface OperationEvent {
  type: TransitionEvent['type'];
  from: OperationState;
  to: OperationState;
  by: Person | 'system';
  at: string;
  reason?: string;
}

/** A request to change licenses, stored before anything touches Graph. */
export interface Operation {
  id: string;
  tenantId: string;
  kind: OperationKind;
  state: OperationState;
  requester: Person;
  justification?: string;
  /** One line in the admin's words: "Assign Microsoft 365 E3 to 3 users". */
  summary: string;
  /**
   * How many users it changes. The users' items live apart from the operation (an item store),
   * so an operation of 100,000 users stays a small document.
   */
  userCount: number;
  /** Its first users (up to `FIRST_USERS_KEPT`), for the card: "Adele, Alex and 1,998 more". */
  firstUsers: OperationUser[];
  createdAt: string;
  updatedAt: string;
  /** A pending operation not decided by then expires. */
  expiresAt: string;
  /** The approver who approved or rejected it. */
  decidedBy?: Person;
  decidedAt?: string;
  rejectionReason?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Whether the policy let it run without approval. */
  autoApproved?: boolean;
  /**
   * The hash of the REST API request that made it under an `Idempotency-Key`: the same key sent
   * with another request is refused instead of answered with this operation.
   */
  requestFingerprint?: string;
  /**
   * Someone stopped the run: nothing new is sent, batches already in Graph finish, users not yet
   * reached end skipped, and the operation ends `cancelled`.
   */
  cancelRequested?: { by: Person; at: string };
  /**
   * The impact and the policy's reasons as planned, written when the request is made and never
   * changed; absent on requests made before it was kept.
   */
  impact?: ImpactRecord;
  /** What the run did, written when it ends: counts and failures grouped by reason. */
  outcome?: OperationOutcome;
  /**
   * Approvers it needs, when more than one: a large or costly operation needs two different
   * approvers (the policy's thresholds). Absent: one.
   */
  approversNeeded?: number;
  /**
   * Run the first `size` users, then pause until an approver continues (or someone stops it).
   */
  pilot?: { size: number; continuedBy?: Person; continuedAt?: string };
  /** Approvals given so far while it waits for the last one (the last is `decidedBy`). */
  approvals?: { by: Person; at: string }[];
  /** Whom a bulk request selected, as counted when it was asked (absent for named people). */
  selection?: SelectionNote;
  /**
   * Set when the operation changes a group's licenses rather than users' (it has no items then;
   * `userCount` is the group's member count when it was asked).
   */
  group?: GroupTarget;
  /**
   * A scheduled operation starts no earlier than this (UTC ISO): approved now, run then. An
   * approval that comes after it starts the run at once.
   */
  startAt?: string;
  /** Made by a schedule: which one, for which due time (cards and notices say so). */
  schedule?: ScheduleOrigin;
  events: OperationEvent[];
}

/** The schedule an operation was made by, as its cards and notices name it. */
export interface ScheduleOrigin {
  scheduleId: string;
  /** "every night at 02:00 (Europe/Berlin)". */
  timing: string;
  /** The zone its times are told in. */
  timeZone: string;
  dueAt: string;
  /** Taken well after its due time because nothing was running then. */
  late?: boolean;
  /** The approver of the recurring rule this run stays within (absent for a one-time schedule). */
  ruleApprovedBy?: Person;
}

/** A bulk selection as the requester chose it and as it was counted, for the cards. */
export interface SelectionNote {
  /** `group "Sales Department"`, `users where department eq "Sales"`, `the users in the file`. */
  label: string;
  /** `247 users match group "Sales" (12 without usage location, 3 disabled)`. */
  counted: string;
}

/** What may happen to an operation. */
export type TransitionEvent =
  | { type: 'approve' }
  /** By License Desk itself: the policy's, or a setting's for an app (`reason` says which). */
  | { type: 'autoApprove'; reason?: string }
  | { type: 'reject'; reason: string }
  | { type: 'cancel' }
  | { type: 'expire' }
  | { type: 'start' }
  | { type: 'finish'; outcome: OperationOutcome }
  | { type: 'pause' }
  | { type: 'continue' };
