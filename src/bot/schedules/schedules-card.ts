import { commandText } from '../requests/command-text.ts';
import type { Attachment } from 'botbuilder';
import { describeTiming, formatDue } from '../../app/schedules/schedule-use-cases.ts';
import type { Schedule, ScheduleBound, ScheduleState } from '../../domain/schedules/schedule.ts';
import { CardTooLargeError, renderCard } from '../cards/render-card.ts';
import type { ScheduleRowData, SchedulesCardData } from './schedule-card-data.ts';

/** Who looks at a schedule card: approvers see and act on every schedule. */
export interface ScheduleViewer {
  userId: string;
  isApprover: boolean;
}

/** What the last click did (or why not), shown above the list. */
export interface ScheduleNotice {
  text: string;
  color: SchedulesCardData['noticeColor'];
}

/** How many schedules the card lists at most (fewer when long ones would pass 28 KB). */
export const SCHEDULES_SHOWN = 25;

// A summary or a run's message can be long (many users named): the card keeps a line of it.
const CLIP = 300;
const clip = (text: string) => (text.length > CLIP ? `${text.slice(0, CLIP - 1)}…` : text);

const STATE_WORDS: Record<ScheduleState, string> = {
  pending: 'waiting for approval',
  active: 'active',
  paused: 'paused: runs nothing until an approver resumes it',
  done: 'done: it has run',
  rejected: 'rejected',
  cancelled: 'cancelled',
};

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** A recurring rule's bound in words: "at most 50 users and 50 new seats a run". */
export function boundText(bound: ScheduleBound): string {
  return `at most ${plural(bound.users, 'user')} and ${plural(bound.seats, 'new seat')} a run`;
}

/** A schedule's state in words, with who rejected it and why. */
export function scheduleStateText(schedule: Schedule): string {
  if (schedule.state === 'rejected' && schedule.decidedBy) {
    const why = schedule.rejectionReason ? `: ${schedule.rejectionReason}` : '';
    return `rejected by ${schedule.decidedBy.displayName}${why}`;
  }
  return STATE_WORDS[schedule.state];
}

/** The schedules a viewer sees: approvers every one of the tenant, requesters their own. */
export function visibleSchedules(
  schedules: readonly Schedule[],
  viewer: ScheduleViewer,
): Schedule[] {
  return viewer.isApprover
    ? [...schedules]
    : schedules.filter((schedule) => schedule.owner.userId === viewer.userId);
}

/**
 * The buttons a viewer may use on a schedule, by the rules `moveSchedule` applies: approvers
 * pause, resume, run now and delete; the owner may also cancel, until it has first run.
 */
export function scheduleButtons(
  schedule: Schedule,
  viewer: ScheduleViewer,
): Pick<
  ScheduleRowData,
  'canPause' | 'canResume' | 'canRunNow' | 'canCancel' | 'canDelete' | 'canEdit'
> {
  const approver = viewer.isApprover;
  const recurring = schedule.timing.kind === 'recurring';
  const { state } = schedule;
  const ownBeforeRun = schedule.owner.userId === viewer.userId && schedule.runCount === 0;
  return {
    canPause: approver && state === 'active' && recurring,
    canResume: approver && state === 'paused',
    canRunNow: approver && (state === 'active' || (state === 'paused' && recurring)),
    canCancel: (approver || ownBeforeRun) && ['pending', 'active', 'paused'].includes(state),
    canDelete: approver,
    canEdit:
      recurring &&
      schedule.change !== undefined &&
      (approver || ownBeforeRun) &&
      ['pending', 'active', 'paused'].includes(state),
  };
}

function row(schedule: Schedule, viewer: ScheduleViewer): ScheduleRowData {
  const zone = schedule.timing.timeZone;
  const last = schedule.lastRun;
  const facts = [
    { title: 'When', value: describeTiming(schedule.timing) },
    { title: 'State', value: scheduleStateText(schedule) },
    {
      title: 'Next run',
      value: schedule.nextDueAt ? formatDue(new Date(schedule.nextDueAt), zone) : '—',
    },
    {
      title: 'Last run',
      value: last
        ? `${clip(last.message)} (${formatDue(new Date(last.ranAt), zone)}${last.late ? ', late' : ''})`
        : 'not run yet',
    },
    { title: 'Asked by', value: schedule.owner.displayName },
  ];
  if (schedule.timing.kind === 'recurring') {
    facts.push({
      title: 'Each run',
      value: schedule.bound ? boundText(schedule.bound) : 'set by the approver who approves it',
    });
  }
  const buttons = scheduleButtons(schedule, viewer);
  return {
    scheduleId: schedule.id,
    summary: clip(schedule.summary),
    facts,
    ...buttons,
    editText: buttons.canEdit ? editText(schedule) : '',
    hasButtons: Object.values(buttons).some(Boolean),
  };
}

/**
 * The rule as the command that asks for it, time and reason included, for its Edit box: what is
 * sent back is read by the same parser as a typed request.
 */
export function editText(schedule: Schedule): string {
  if (schedule.change === undefined) {
    return '';
  }
  const { justification: _why, when: _when, ...change } = schedule.change;
  const why = schedule.justification ? ` because ${schedule.justification}` : '';
  return `${commandText(change)} ${schedule.timing.phrase}${why}`;
}

/**
 * The `schedules` card's data: the schedules the viewer may see in the order given (soonest due
 * first, as `list` returns them), at most `SCHEDULES_SHOWN`, each with the buttons they may use.
 */
export function schedulesCardData(
  schedules: readonly Schedule[],
  viewer: ScheduleViewer,
  notice?: ScheduleNotice,
  limit = SCHEDULES_SHOWN,
): SchedulesCardData {
  const visible = visibleSchedules(schedules, viewer);
  const shown = visible.slice(0, limit);
  const hidden = visible.length - shown.length;
  return {
    title: 'Schedules',
    scope: viewer.isApprover
      ? 'Every schedule of your organisation, soonest first (you are a license approver).'
      : 'The schedules you asked for, soonest first. License approvers see everyone’s.',
    notice: notice?.text ?? '',
    noticeColor: notice?.color ?? 'Default',
    empty: visible.length === 0,
    schedules: shown.map((schedule) => row(schedule, viewer)),
    more: hidden > 0 ? `… and ${hidden} more (the ones due latest).` : '',
  };
}

/**
 * The `schedules` card, rendered: see `schedulesCardData`. A row with its buttons takes about a
 * kilobyte, so 25 long ones can pass Teams' 28 KB: then fewer are listed, the rest counted.
 */
export function schedulesCard(
  schedules: readonly Schedule[],
  viewer: ScheduleViewer,
  notice?: ScheduleNotice,
): Attachment {
  for (let limit = SCHEDULES_SHOWN; ; limit -= 5) {
    try {
      return renderCard('schedules', schedulesCardData(schedules, viewer, notice, limit));
    } catch (error) {
      if (!(error instanceof CardTooLargeError) || limit <= 5) {
        throw error;
      }
    }
  }
}
