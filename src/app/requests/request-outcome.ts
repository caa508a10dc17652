import type { LicenseCommand } from '../../domain/commands/license-command.ts';
import type { LicensingFailure } from '../../domain/errors.ts';
import type { DirectoryUser } from '../../domain/licensing.ts';
import type { Impact } from '../../domain/planning/impact.ts';
import type { SelectionRowProblem } from '../../domain/selection/csv/selection-sheet.ts';
import type { StoredOperation } from '../ports/operation-store.ts';
import type { Versioned } from '../ports/stores.ts';
import type { SentCsv } from '../selection/selected-users.ts';
import type { ScheduleOrigin } from '../../domain/operations/operation.ts';
import type { ScheduleBound } from '../../domain/schedules/schedule.ts';
import type { SelectionCount } from '../../domain/selection/selection-count.ts';

/** How a bulk selection counted, and the rows of a file it left out. */
export interface SelectionReport {
  count: SelectionCount;
  rowProblems: SelectionRowProblem[];
}

/** What became of a typed request, for the bot to word. */
export type RequestOutcome =
  | { kind: 'problem'; message: string; failure?: LicensingFailure }
  | { kind: 'chooseUser'; typed: string; matches: DirectoryUser[] }
  | { kind: 'chooseLicense'; typed: string; choices: string[]; message: string }
  | { kind: 'nothingToDo'; message: string; rowProblems?: SelectionRowProblem[] }
  /** A selection larger than the policy's size: counted, and asked again once confirmed. */
  | ({ kind: 'confirmSelection' } & SelectionReport)
  | {
      kind: 'pending';
      operation: Versioned<StoredOperation>;
      impact: Impact;
      reasons: string[];
      selection?: SelectionReport;
    }
  | {
      kind: 'runNow';
      operation: Versioned<StoredOperation>;
      impact: Impact;
      selection?: SelectionReport;
    }
  /** Asked for before under the same id (a second click, a redelivery): that request, as is. */
  | { kind: 'alreadyAsked'; operation: Versioned<StoredOperation> };

export interface RequestOptions {
  /**
   * The new operation's id, made from what the request was asked with (the message or the clicked
   * card, and the caller) instead of a new one: asked again, the id is taken, and the request is
   * not made twice (nor run twice, when it may run at once).
   */
  operationId?: string;
  /** The REST API request's hash under an `Idempotency-Key`, kept on the new operation. */
  requestFingerprint?: string;
  /** The requester confirmed a selection larger than the policy asks confirmation for. */
  confirmed?: boolean;
  /** The CSV a file selection reads (sent in chat, or uploaded in the demo). */
  file?: SentCsv;
  /** A one-time schedule's time: approved now (or asked for), started no earlier than this. */
  startAt?: Date;
  /**
   * A recurring schedule's run: the rule's approval stands for the policy's within its bound
   * (beyond it, an approver is asked), and users already as asked get no item.
   */
  scheduled?: { bound?: ScheduleBound; origin: ScheduleOrigin };
}

/** A license change as typed or picked on the form (`request` itself only opens the form). */
export type ChangeCommand = Exclude<LicenseCommand, { kind: 'request' }>;

/** What ends a request before anything is stored: a problem, a question, a count to confirm. */
export type EarlyOutcome = Exclude<RequestOutcome, { kind: 'pending' | 'runNow' | 'alreadyAsked' }>;

/** A change planned and judged, not stored: what the bulk form shows before it is submitted. */
export type PreviewOutcome =
  | EarlyOutcome
  | {
      kind: 'preview';
      summary: string;
      impact: Impact;
      /** Why it needs approval (empty when it may run at once) and by how many approvers. */
      reasons: string[];
      approversNeeded: number;
      selection?: SelectionReport;
    };
