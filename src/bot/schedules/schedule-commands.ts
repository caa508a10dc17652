import { z } from 'zod';
import { tidyPlainText } from '../../domain/commands/command-text.ts';
import { parseLicenseCommand } from '../../domain/commands/grammar.ts';
import { formatDue } from '../../app/schedules/schedule-use-cases.ts';
import type {
  ScheduleDecision,
  ScheduleDecisionOutcome,
} from '../../app/schedules/schedule-use-cases.ts';
import type { Schedule } from '../../domain/schedules/schedule.ts';
import type { CardAction, CommandTurn, Reply, TextCommand } from '../routing/command.ts';
import { scheduleApprovalCard } from './schedule-approval-card.ts';
import { schedulesCard, type ScheduleNotice, type ScheduleViewer } from './schedules-card.ts';

// Card data carries the schedule's id only; the schedule and the caller are read again here.
const scheduleId = z.string().trim().min(1).max(100);
const cardData = <S extends z.ZodRawShape>(shape: S) =>
  z.preprocess((value) => value ?? {}, z.looseObject(shape));
const scheduleData = cardData({ scheduleId });
type ScheduleData = z.infer<typeof scheduleData>;

// The bound inputs are read leniently here and checked in the handler, so "abc" or -1 gets a
// sentence about the field rather than the router's "that button did not carry what I need".
const approveData = cardData({
  scheduleId,
  boundUsers: z.union([z.string().max(50), z.number()]).optional(),
  boundSeats: z.union([z.string().max(50), z.number()]).optional(),
});
type ApproveData = z.infer<typeof approveData>;
const rejectData = cardData({ scheduleId, reason: z.string().max(500).default('') });
type RejectData = z.infer<typeof rejectData>;
// The edit box is `change-<scheduleId>`: ids are unique on a card that lists many schedules.
const editData = cardData({ scheduleId }).transform((data) => {
  const typed = (data as Record<string, unknown>)[`change-${data.scheduleId}`];
  return {
    scheduleId: data.scheduleId,
    change: typeof typed === 'string' ? typed.slice(0, 2_000) : '',
  };
});
type EditData = z.infer<typeof editData>;

const EDIT_EXAMPLE =
  'assign Power BI Pro to group "Sales" every night at 02:00 because new joiners need reports';

/** The edited rule read like a typed request, or what is wrong with it in words. */
function editedRule(text: string, turn: CommandTurn): ScheduleDecision | { problem: string } {
  const parsed = parseLicenseCommand(tidyPlainText(text));
  if (!parsed.ok) {
    return { problem: `${parsed.failure.message} For example: ${parsed.failure.example}` };
  }
  const command = parsed.value;
  if (command.kind === 'request' || command.when === undefined) {
    return { problem: `Say when it runs, at the end of the change. For example: ${EDIT_EXAMPLE}` };
  }
  if (command.when.kind !== 'recurring') {
    return {
      problem: `A rule repeats: give a repeating time ("every night at 02:00"). For a one-time change, ask for it as a new request. For example: ${EDIT_EXAMPLE}`,
    };
  }
  return {
    kind: 'edit',
    command,
    when: command.when,
    ...(command.justification ? { justification: command.justification } : {}),
    ...(turn.place.timeZone ? { timeZone: turn.place.timeZone } : {}),
  };
}

/** A whole number from an Input.Number (sent as a number or as the text typed). */
const wholeNumber = (least: number, what: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value),
    z
      .number({ error: `Give ${what} as a whole number of ${least} or more.` })
      .int({ error: `Give ${what} as a whole number of ${least} or more.` })
      .min(least, { error: `Give ${what} as a whole number of ${least} or more.` }),
  );
const boundInput = z.object({
  users: wholeNumber(1, 'the most users per run'),
  seats: wholeNumber(0, 'the most new seats per run'),
});

const viewerOf = ({ caller }: CommandTurn): ScheduleViewer => ({
  userId: caller.userId,
  isApprover: caller.role === 'approver',
});

/** The list card for this caller, with what the last click did above it. */
async function listCard(turn: CommandTurn, notice?: ScheduleNotice): Promise<Reply> {
  const schedules = await turn.deps.schedules.list(turn.caller.tenantId);
  return { card: schedulesCard(schedules, viewerOf(turn), notice) };
}

/** `schedules`: the schedules the caller may see (approvers: all), with their buttons. */
export const schedulesCommand: TextCommand<string> = {
  name: 'schedules',
  aliases: ['schedule list', 'list schedules', 'show schedules', 'my schedules'],
  role: 'requester',
  summary:
    'license changes set to run later or on a rule: when they run next, how the last run went; pause, run now or cancel them',
  example: 'schedules',
  input: z.string().max(0),
  usage: 'Just type `schedules`.',
  handle: (turn) => listCard(turn),
};

const quoted = (schedule: Schedule) => `"${schedule.summary}"`;

/** What a list button did, in a line above the redrawn list. */
function doneText(
  kind: 'pause' | 'resume' | 'runNow' | 'cancel' | 'delete',
  outcome: Extract<ScheduleDecisionOutcome, { ok: true }>,
): string {
  const { schedule } = outcome;
  switch (kind) {
    case 'pause':
      return `Paused ${quoted(schedule)}: it runs nothing until an approver resumes it.`;
    case 'resume': {
      const next = schedule.nextDueAt
        ? ` Next run: ${formatDue(new Date(schedule.nextDueAt), schedule.timing.timeZone)}.`
        : '';
      return `Resumed ${quoted(schedule)}.${next}`;
    }
    case 'runNow':
      return `Ran ${quoted(schedule)} now: ${outcome.run?.message ?? 'done.'}`;
    case 'cancel':
      return `Cancelled ${quoted(schedule)}: it will not run again.`;
    case 'delete':
      return `Deleted ${quoted(schedule)}. The requests it made keep their history.`;
  }
}

/** A list button: decide, then the list redrawn with what happened or why not above it. */
function listAction(
  verb: string,
  kind: 'pause' | 'resume' | 'runNow' | 'cancel' | 'delete',
): CardAction<ScheduleData> {
  return {
    verb,
    role: 'requester',
    data: scheduleData,
    handle: async (turn, input) => {
      const outcome = await turn.deps.schedules.decide(turn.caller, input.scheduleId, { kind });
      const notice: ScheduleNotice = outcome.ok
        ? {
            text: doneText(kind, outcome),
            color: kind === 'runNow' && outcome.run?.result === 'problem' ? 'Attention' : 'Good',
          }
        : { text: outcome.refusal.message, color: 'Attention' };
      return listCard(turn, notice);
    },
  };
}

/** Approve or reject: the card replaced by the decided one, or the refusal in words. */
async function decideRequest(turn: CommandTurn, id: string, decision: ScheduleDecision) {
  const outcome = await turn.deps.schedules.decide(turn.caller, id, decision);
  return outcome.ok
    ? { card: scheduleApprovalCard(outcome.schedule, undefined) }
    : { text: outcome.refusal.message };
}

/** The schedule cards' buttons: the list's per-schedule buttons, and approve or reject a rule. */
export const scheduleActions: CardAction[] = [
  listAction('schedule-pause', 'pause'),
  listAction('schedule-resume', 'resume'),
  listAction('schedule-run-now', 'runNow'),
  listAction('schedule-cancel', 'cancel'),
  listAction('schedule-delete', 'delete'),
  {
    verb: 'schedule-approve',
    role: 'requester',
    data: approveData,
    handle: async (turn, input: ApproveData) => {
      const bound = boundInput.safeParse({ users: input.boundUsers, seats: input.boundSeats });
      if (!bound.success) {
        return { text: bound.error.issues[0]?.message ?? 'Give the bound as whole numbers.' };
      }
      return decideRequest(turn, input.scheduleId, { kind: 'approve', bound: bound.data });
    },
  } satisfies CardAction<ApproveData>,
  {
    verb: 'schedule-edit',
    role: 'requester',
    data: editData,
    handle: async (turn, input: EditData) => {
      const decision = editedRule(input.change, turn);
      if ('problem' in decision) {
        return listCard(turn, { text: decision.problem, color: 'Attention' });
      }
      const outcome = await turn.deps.schedules.decide(turn.caller, input.scheduleId, decision);
      return listCard(
        turn,
        outcome.ok
          ? {
              text: `Edited ${quoted(outcome.schedule)}: it waits for an approver again (they have its card), and runs nothing until then.`,
              color: 'Good',
            }
          : { text: outcome.refusal.message, color: 'Attention' },
      );
    },
  } satisfies CardAction<EditData>,
  {
    verb: 'schedule-reject',
    role: 'requester',
    data: rejectData,
    handle: (turn, input: RejectData) =>
      decideRequest(turn, input.scheduleId, { kind: 'reject', reason: input.reason }),
  } satisfies CardAction<RejectData>,
] as CardAction[];
