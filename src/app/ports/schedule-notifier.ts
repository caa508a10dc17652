import type { Impact } from '../../domain/planning/impact.ts';
import type {
  Schedule,
  ScheduleCardCopy,
  ScheduleEvent,
  ScheduleRun,
} from '../../domain/schedules/schedule.ts';
import type { StoredOperation } from './operation-store.ts';

/** What a new recurring rule would do if it ran now, for its approval card. */
export interface SchedulePreview {
  /** The change planned against the directory now (absent: nothing would change now). */
  impact?: Impact;
  /** Why nothing would change now ("Everyone in the group has Power BI Pro already."). */
  nothingNow?: string;
  /** The bound the approver is offered: what a run may change without asking again. */
  suggestedBound: { users: number; seats: number };
}

/**
 * Teams' side of schedules, implemented by the bot: approval cards for recurring rules, the
 * owner told of decisions and runs, and each run's progress card in the owner's chat. It must
 * not throw: what it is told is already stored, and a failed message is logged, not undone.
 */
export interface ScheduleNotifier {
  /** A rule waits for approval: its card goes to the approvers; the copies posted. */
  asked(schedule: Schedule, preview: SchedulePreview): Promise<ScheduleCardCopy[]>;
  /**
   * Someone approved, rejected, paused, resumed, cancelled or edited it: every copy of its
   * approval card is redrawn as it is now, and its owner is told.
   */
  changed(schedule: Schedule, event: ScheduleEvent): Promise<void>;
  /** A due time made an operation that runs now: its progress card goes to the owner's chat. */
  runStarted(schedule: Schedule, operation: StoredOperation): Promise<void>;
  /** A due time ran nothing (nothing to do, approval asked, a problem): the owner is told why. */
  ran(schedule: Schedule, run: ScheduleRun): Promise<void>;
}
