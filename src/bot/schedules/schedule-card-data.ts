/** The data the schedule cards (`cards/schedules.json`, `cards/schedule-approval.json`) bind. */

/** One schedule on the `schedules` card, with the buttons this viewer may use on it. */
export interface ScheduleRowData {
  scheduleId: string;
  summary: string;
  /** Timing, state, next run, last result, owner and (recurring rules) the bound, as facts. */
  facts: { title: string; value: string }[];
  canPause: boolean;
  canResume: boolean;
  canRunNow: boolean;
  canCancel: boolean;
  canDelete: boolean;
  /** A recurring rule may be edited (it is approved again): the command it stands for, to change. */
  canEdit: boolean;
  editText: string;
  hasButtons: boolean;
}

/** The `schedules` card: the schedules the viewer may see, soonest due first. */
export interface SchedulesCardData {
  title: string;
  /** Whose schedules these are: every one (approvers) or the viewer's own. */
  scope: string;
  /** What the last click did, or why not; '' for none. */
  notice: string;
  noticeColor: 'Default' | 'Good' | 'Attention';
  /** The card then says how to make one (its example is in the template). */
  empty: boolean;
  schedules: ScheduleRowData[];
  /** "… and 3 more", or ''. */
  more: string;
}

/** A schedule request as approvers and its owner see it; the bound inputs only for deciders. */
export interface ScheduleApprovalCardData {
  scheduleId: string;
  title: string;
  stateText: string;
  stateColor: 'Good' | 'Warning' | 'Attention' | 'Accent' | 'Default';
  owner: string;
  summary: string;
  timing: string;
  firstRun: string;
  justification: string;
  /** Who decided and when, and the bound a run may change; '' while pending. */
  decided: string;
  /** "If it ran now" and its lines, or what it would do nothing about. */
  nowTitle: string;
  now: { line: string }[];
  canDecide: boolean;
  boundUsers: number;
  boundSeats: number;
}
