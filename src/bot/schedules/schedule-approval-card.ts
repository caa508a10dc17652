import type { Attachment } from 'botbuilder';
import type { SchedulePreview } from '../../app/ports/schedule-notifier.ts';
import { checkTiming, describeTiming, formatDue } from '../../app/schedules/schedule-use-cases.ts';
import { recordImpact } from '../../domain/planning/impact-record.ts';
import type { Schedule } from '../../domain/schedules/schedule.ts';
import { renderCard } from '../cards/render-card.ts';
import { impactLines } from '../requests/approval-card.ts';
import type { ScheduleApprovalCardData } from './schedule-card-data.ts';
import { boundText, type ScheduleViewer } from './schedules-card.ts';

const STATES: Record<
  Schedule['state'],
  Pick<ScheduleApprovalCardData, 'stateText' | 'stateColor'>
> = {
  pending: { stateText: 'Waiting for approval', stateColor: 'Warning' },
  active: { stateText: 'Approved: it runs at its times', stateColor: 'Good' },
  paused: { stateText: 'Approved, paused now', stateColor: 'Default' },
  done: { stateText: 'Done: it has run', stateColor: 'Good' },
  rejected: { stateText: 'Rejected', stateColor: 'Attention' },
  cancelled: { stateText: 'Cancelled', stateColor: 'Default' },
};

/** When the schedule runs first (pending) or next; '—' once nothing more is due. */
function firstRun(schedule: Schedule, now: Date): string {
  const zone = schedule.timing.timeZone;
  if (schedule.nextDueAt) {
    return formatDue(new Date(schedule.nextDueAt), zone);
  }
  if (schedule.state !== 'pending') {
    return '—';
  }
  // A pending rule has no due time stored yet: approving it now would make this its first.
  const checked = checkTiming(schedule.timing, now);
  return checked.ok ? formatDue(checked.firstDue, zone) : checked.message;
}

/** Who decided and when, and what a run may change; '' while nobody has. */
function decidedLine(schedule: Schedule): string {
  const zone = schedule.timing.timeZone;
  const at = (iso: string) => formatDue(new Date(iso), zone);
  if (schedule.state === 'rejected' && schedule.decidedBy) {
    const when = schedule.decidedAt ? ` on ${at(schedule.decidedAt)}` : '';
    return `Rejected by ${schedule.decidedBy.displayName}${when}: ${schedule.rejectionReason ?? ''}`;
  }
  const lines: string[] = [];
  if (schedule.decidedBy && schedule.decidedAt) {
    const bound = schedule.bound ? `; each run changes ${boundText(schedule.bound)}` : '';
    lines.push(
      `Approved by ${schedule.decidedBy.displayName} on ${at(schedule.decidedAt)}${bound}.`,
    );
  }
  const cancel = schedule.events.findLast((event) => event.type === 'cancel');
  if (schedule.state === 'cancelled' && cancel) {
    const by = cancel.by === 'system' ? 'License Desk' : cancel.by.displayName;
    lines.push(`Cancelled by ${by} on ${at(cancel.at)}.`);
  }
  return lines.join(' ');
}

/** What the rule would do if it ran now, from its preview; none once it is decided. */
function nowLines(preview: SchedulePreview | undefined): { line: string }[] {
  if (!preview) {
    return [];
  }
  if (!preview.impact) {
    return [{ line: preview.nothingNow ?? 'Nothing would change if it ran now.' }];
  }
  const { impact } = preview;
  const users = `${impact.changeCount} user${impact.changeCount === 1 ? '' : 's'} would change now`;
  return [users, ...impactLines(recordImpact(impact, []))].map((line) => ({ line }));
}

/**
 * The schedule request card: the owner, the change, its timing and first run, why, and what it
 * would do if it ran now (`preview`). While it is pending, the approvers' copy (no `viewer`) and
 * an approver who neither asked for nor edited it get the bound inputs, a reason box, Approve
 * and Reject; once decided the card
 * shows who decided, when and the bound. `now` sets the first run of a rule not yet approved.
 */
export function scheduleApprovalCard(
  schedule: Schedule,
  preview: SchedulePreview | undefined,
  viewer?: ScheduleViewer,
  now: Date = new Date(),
): Attachment {
  // The approvers' copy (no viewer) offers the decision; `decide` refuses whoever may not.
  const canDecide =
    schedule.state === 'pending' &&
    (viewer === undefined ||
      (viewer.isApprover &&
        viewer.userId !== schedule.owner.userId &&
        viewer.userId !== schedule.editedBy?.userId));
  const ranNow = nowLines(preview);
  const bound = preview?.suggestedBound ?? schedule.bound ?? { users: 10, seats: 10 };
  const data: ScheduleApprovalCardData = {
    scheduleId: schedule.id,
    title: 'Schedule request',
    ...STATES[schedule.state],
    owner: schedule.owner.displayName,
    summary: schedule.summary,
    timing: describeTiming(schedule.timing),
    firstRun: firstRun(schedule, now),
    justification: schedule.justification ?? '—',
    decided: decidedLine(schedule),
    nowTitle: ranNow.length > 0 ? 'If it ran now' : '',
    now: ranNow,
    canDecide,
    boundUsers: bound.users,
    boundSeats: bound.seats,
  };
  return renderCard('schedule-approval', data);
}
