import type { LicenseCommand } from '../commands/license-command.ts';
import type { OperationState, Person } from '../operations/operation.ts';

/** A license change a schedule runs: any change a request can be (never the bare `request`). */
export type ScheduledChange = Exclude<LicenseCommand, { kind: 'request' }>;

/**
 * When a schedule runs, as typed and as computed. A one-time time is a wall-clock time in its
 * zone (`local`, `YYYY-MM-DDTHH:mm`); a recurring one is a cron expression read in its zone,
 * so "every night at 02:00" stays 02:00 across daylight-saving changes.
 */
export type ScheduleTiming =
  | { kind: 'once'; phrase: string; local: string; timeZone: string }
  | { kind: 'recurring'; phrase: string; cron: string; timeZone: string };

/**
 * Where a schedule is: `pending` waits for an approver (a recurring rule), `active` runs at its
 * due times, `paused` keeps its rule but runs nothing, `done` ran its one time, and the rest end
 * it without a run.
 */
export type ScheduleState = 'pending' | 'active' | 'paused' | 'done' | 'rejected' | 'cancelled';

/** What one run of a recurring rule may change without asking again. */
export interface ScheduleBound {
  /** Users changed per run at most. */
  users: number;
  /** New seats taken per run at most (the sum over SKUs of seats added). */
  seats: number;
}

/** How a due time was handled: started, waiting for an approver, nothing to do, or refused. */
export type ScheduleRunResult = 'started' | 'askedApproval' | 'nothingToDo' | 'problem';

/** One due time taken: what it did, and the operation it made (if it made one). */
export interface ScheduleRun {
  dueAt: string;
  ranAt: string;
  result: ScheduleRunResult;
  /** Taken after its due time by more than the grace (nothing was running then). */
  late?: boolean;
  operationId?: string;
  /** In the admin's words: "12 users licensed", "23 users > bound of 10: approval asked". */
  message: string;
  /** The operation's state when last read, for the `schedules` list. */
  operationState?: OperationState;
}

/**
 * One instance's claim on a due time: an ETag-guarded write of the schedule. Another instance
 * may take the same due time only once `expiresAt` passed (the claimer died).
 */
export interface ScheduleClaim {
  dueAt: string;
  holder: string;
  expiresAt: string;
}

/** A step in a schedule's life, for its card and audit. */
export interface ScheduleEvent {
  type: 'request' | 'approve' | 'reject' | 'pause' | 'resume' | 'edit' | 'cancel' | 'runNow';
  by: Person | 'system';
  at: string;
  reason?: string;
}

/**
 * An approved change run later: once at a time (its operation is made and approved now, and
 * started then) or on a recurring rule (each due time selects anew and makes its own operation).
 */
export interface Schedule {
  id: string;
  tenantId: string;
  state: ScheduleState;
  /** Who asked for it: they may cancel it before it runs. */
  owner: Person;
  /**
   * The change, as a command (its selection is read again at every recurring run); absent for a
   * one-time group license change, whose operation holds it.
   */
  change?: ScheduledChange;
  /** The change in one line of the admin's words, for lists and cards. */
  summary: string;
  justification?: string;
  timing: ScheduleTiming;
  /** A recurring rule's approved bound per run. */
  bound?: ScheduleBound;
  /** A one-time schedule's operation, made (and approved, or sent for approval) when asked. */
  operationId?: string;
  /** The next due time (UTC ISO); absent once nothing more is due. */
  nextDueAt?: string;
  claim?: ScheduleClaim;
  lastRun?: ScheduleRun;
  runCount: number;
  decidedBy?: Person;
  /** Who last edited the rule: they may not approve the edit (four eyes, as for the owner). */
  editedBy?: Person;
  decidedAt?: string;
  rejectionReason?: string;
  createdAt: string;
  updatedAt: string;
  /** The latest steps (older ones are dropped: the operations keep each run's own history). */
  events: ScheduleEvent[];
  /** Where its approval card was posted, so every copy is redrawn when it is decided. */
  approvalCards?: ScheduleCardCopy[];
}

/** One posted copy of a schedule's approval card: the message and where to write it again. */
export interface ScheduleCardCopy {
  conversationId: string;
  activityId: string;
  /** The Bot Framework conversation reference, as JSON. */
  reference: Record<string, unknown>;
}
