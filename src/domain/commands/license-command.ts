import type { ScheduleWhen } from '../schedules/schedule-phrase.ts';
import type { BulkSelection } from '../selection/user-selection.ts';

/**
 * What an admin asked for in chat, before anything is looked up: SKU, template, plan and user
 * words stay as typed, because resolving them needs the tenant (`resolve-sku.ts`, the directory).
 */
export type LicenseCommand =
  AssignCommand | RemoveCommand | TransferCommand | ModifyCommand | { kind: 'request' };

/** What every change may carry: `… because <reason>` at the end of the command. */
export interface Reasoned {
  /** Why, in the admin's words: approvers read it and the history keeps it. */
  justification?: string;
  /** `pilot <N>`: run the first N users, then wait for an approver to continue. */
  pilot?: number;
  /** `at 2027-01-15 22:00`, `every night at 02:00`…: run it then rather than now. */
  when?: ScheduleWhen;
}

/**
 * Whom a change is for beyond named people: a group, a filter or a file. When it is set, `users`
 * is empty.
 */
export interface Selected {
  selection?: BulkSelection;
}

/** `assign <SKU or template> to <user>[, <user>…] [without <plan>, …] [location <CC>]` */
export interface AssignCommand extends Reasoned, Selected {
  kind: 'assign';
  /**
   * A SKU or a template name, as typed; '' only for a file whose rows name their licenses
   * (`assign from this file`).
   */
  license: string;
  users: string[];
  /** Plans to leave off, as typed. */
  withoutPlans: string[];
  /** ISO 3166-1 alpha-2, upper case, for users who have no usage location yet. */
  usageLocation?: string;
}

/** `remove <SKU|all> from <user>[, <user>…]` */
export interface RemoveCommand extends Reasoned, Selected {
  kind: 'remove';
  /** A SKU as typed, or every license the user holds directly. */
  license: { scope: 'sku'; sku: string } | { scope: 'all' };
  users: string[];
  /**
   * `… keeping mailboxes`: the license stays with Exchange Online on and every other plan off,
   * so the mailboxes are kept (the seat stays taken).
   */
  keepMailbox?: boolean;
}

/** `transfer <user>[, <user>…] from <SKU> to <SKU>` */
export interface TransferCommand extends Reasoned, Selected {
  kind: 'transfer';
  users: string[];
  fromSku: string;
  toSku: string;
}

/** `enable|disable <plan>[, <plan>…] [in <SKU>] for <user>[, <user>…]` */
export interface ModifyCommand extends Reasoned, Selected {
  kind: 'modify';
  action: 'enable' | 'disable';
  plans: string[];
  /** The SKU holding the plans; absent when the admin left it to be found from the user's licenses. */
  sku?: string;
  users: string[];
}

/** Why a command could not be read, in the admin's words, with the right form to copy. */
export interface CommandFailure {
  code:
    | 'EMPTY'
    | 'NOT_A_LICENSE_COMMAND'
    | 'MISSING_LICENSE'
    | 'MISSING_USERS'
    | 'MISSING_PLANS'
    | 'MISSING_SKU'
    | 'INVALID_LOCATION'
    | 'MISSING_REASON'
    | 'TOO_LONG'
    | 'INVALID_PILOT'
    | 'INVALID_SCHEDULE';
  message: string;
  /** A correct command of the same kind. */
  example: string;
  /** The verb the admin probably meant, when the first word was a typo. */
  suggestion?: string;
}
