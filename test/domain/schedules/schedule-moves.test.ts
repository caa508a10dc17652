import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleState } from '../../../src/domain/schedules/schedule.ts';
import {
  moveSchedule,
  SCHEDULE_EVENTS_KEPT,
  type ScheduleActor,
  type ScheduleMove,
} from '../../../src/domain/schedules/schedule-moves.ts';
import { aSchedule } from '../../support/schedules.ts';

const now = new Date('2026-12-06T09:00:00.000Z');
const at = now.toISOString();
const nextNight = '2026-12-07T01:00:00.000Z';

// The builder's schedule was asked for by manager-1 (Miriam Graham) and approved by approver-1.
const owner: ScheduleActor = {
  userId: 'manager-1',
  displayName: 'Miriam Graham',
  isApprover: false,
};
const ownerApprover: ScheduleActor = { ...owner, isApprover: true };
const approver: ScheduleActor = {
  userId: 'approver-2',
  displayName: 'Adele Vance',
  isApprover: true,
};
const stranger: ScheduleActor = {
  userId: 'user-9',
  displayName: 'Lynne Robbins',
  isApprover: false,
};
const byApprover = { userId: 'approver-2', displayName: 'Adele Vance' };

const oneTime = {
  kind: 'once',
  phrase: 'at 2026-12-07 02:00',
  local: '2026-12-07T02:00',
  timeZone: 'Europe/Berlin',
} as const;
const claim = {
  dueAt: nextNight,
  holder: 'instance-a',
  expiresAt: '2026-12-07T01:01:00.000Z',
};

/** A recurring rule as asked for, before any approver decided on it. */
const pending = (overrides: Partial<Schedule> = {}) =>
  aSchedule({
    state: 'pending',
    bound: undefined,
    nextDueAt: undefined,
    decidedBy: undefined,
    decidedAt: undefined,
    events: aSchedule().events.slice(0, 1),
    ...overrides,
  });

/** A schedule in `state`, as it would be stored there. */
function inState(state: ScheduleState, overrides: Partial<Schedule> = {}): Schedule {
  switch (state) {
    case 'pending':
      return pending(overrides);
    case 'rejected':
      return pending({ state, rejectionReason: 'too broad', ...overrides });
    case 'active':
      return aSchedule(overrides);
    default:
      return aSchedule({ state, nextDueAt: undefined, ...overrides });
  }
}

const approve: ScheduleMove = {
  type: 'approve',
  bound: { users: 50, seats: 20 },
  nextDueAt: nextNight,
};
const edit: Extract<ScheduleMove, { type: 'edit' }> = {
  type: 'edit',
  change: {
    kind: 'assign',
    license: 'E5',
    users: [],
    withoutPlans: [],
    selection: { kind: 'group', group: 'Execs' },
  },
  summary: 'assign E5 to group "Execs"',
  timing: {
    kind: 'recurring',
    phrase: 'every Monday at 06:00',
    cron: '0 6 * * 1',
    timeZone: 'UTC',
  },
};

function moved(schedule: Schedule, move: ScheduleMove, actor: ScheduleActor): Schedule {
  const result = moveSchedule(schedule, move, actor, now);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
}

function refused(schedule: Schedule, move: ScheduleMove, actor: ScheduleActor) {
  const result = moveSchedule(schedule, move, actor, now);
  if (result.ok) {
    throw new Error(`expected ${move.type} to be refused`);
  }
  return result.failure;
}

describe('who may move a schedule', () => {
  const onlyApprovers = {
    code: 'NOT_AN_APPROVER',
    message: 'Only license approvers can do that to a schedule.',
  };
  const onlyOwner = {
    code: 'NOT_THE_OWNER',
    message: 'Only the person who asked for this schedule, or a license approver, can do that.',
  };
  const hasRun = {
    code: 'NOT_THE_OWNER',
    message: 'It has run already: ask a license approver to change or end it.',
  };

  it.each<[string, Schedule, ScheduleMove, ScheduleActor, object]>([
    ['the owner may not approve', pending(), approve, owner, onlyApprovers],
    ['someone else may not approve', pending(), approve, stranger, onlyApprovers],
    [
      'the owner may not reject',
      pending(),
      { type: 'reject', reason: 'changed my mind' },
      owner,
      onlyApprovers,
    ],
    ['the owner may not pause', aSchedule(), { type: 'pause' }, owner, onlyApprovers],
    [
      'the owner may not resume',
      inState('paused'),
      { type: 'resume', nextDueAt: nextNight },
      owner,
      onlyApprovers,
    ],
    ['the owner may not run it now', aSchedule(), { type: 'runNow' }, owner, onlyApprovers],
    [
      'an owner who is an approver may still not approve their own schedule',
      pending(),
      approve,
      ownerApprover,
      {
        code: 'SELF_APPROVAL',
        message: 'You asked for this schedule, so another approver has to approve it.',
      },
    ],
    [
      'the approver who edited it may not approve their own edit',
      pending({ editedBy: { userId: approver.userId, displayName: approver.displayName } }),
      approve,
      approver,
      {
        code: 'SELF_APPROVAL',
        message: 'You edited this schedule, so another approver has to approve it.',
      },
    ],
    ['someone else may not cancel', aSchedule(), { type: 'cancel' }, stranger, onlyOwner],
    ['someone else may not edit', aSchedule(), edit, stranger, onlyOwner],
    [
      'the owner may not cancel once it has run',
      aSchedule({ runCount: 1 }),
      { type: 'cancel' },
      owner,
      hasRun,
    ],
    ['the owner may not edit once it has run', aSchedule({ runCount: 3 }), edit, owner, hasRun],
  ])('%s', (_case, schedule, move, actor, refusal) => {
    expect(refused(schedule, move, actor)).toEqual(refusal);
  });

  it.each<[string, Schedule, ScheduleMove, ScheduleActor]>([
    ['the owner may cancel before it has run', aSchedule(), { type: 'cancel' }, owner],
    ['the owner may edit before it has run', aSchedule(), edit, owner],
    [
      'an approver may cancel after it has run',
      aSchedule({ runCount: 5 }),
      { type: 'cancel' },
      approver,
    ],
    ['an approver may edit after it has run', aSchedule({ runCount: 5 }), edit, approver],
    ['another approver may approve', pending(), approve, approver],
    ['an approver may pause', aSchedule(), { type: 'pause' }, approver],
    ['an approver may run it now', aSchedule(), { type: 'runNow' }, approver],
  ])('%s', (_case, schedule, move, actor) => {
    expect(moveSchedule(schedule, move, actor, now).ok).toBe(true);
  });
});

describe('the states that refuse a move', () => {
  const notNow = (words: string, what: string) => ({
    code: 'NOT_ALLOWED',
    message: `This schedule is ${words}: it cannot ${what}.`,
  });

  it.each<[ScheduleState, ScheduleMove, string, string]>([
    ['active', approve, 'active', 'be approved'],
    ['rejected', approve, 'rejected', 'be approved'],
    ['active', { type: 'reject', reason: 'no' }, 'active', 'be rejected'],
    ['cancelled', { type: 'reject', reason: 'no' }, 'cancelled', 'be rejected'],
    ['pending', { type: 'pause' }, 'waiting for approval', 'be paused'],
    ['paused', { type: 'pause' }, 'paused', 'be paused'],
    ['active', { type: 'resume', nextDueAt: nextNight }, 'active', 'be resumed'],
    ['pending', { type: 'resume', nextDueAt: nextNight }, 'waiting for approval', 'be resumed'],
    ['done', { type: 'cancel' }, 'done: it has run', 'be cancelled'],
    ['rejected', { type: 'cancel' }, 'rejected', 'be cancelled'],
    ['cancelled', { type: 'cancel' }, 'cancelled', 'be cancelled'],
    ['rejected', edit, 'rejected', 'be edited'],
    ['cancelled', edit, 'cancelled', 'be edited'],
    ['pending', { type: 'runNow' }, 'waiting for approval', 'run now'],
    ['done', { type: 'runNow' }, 'done: it has run', 'run now'],
    ['cancelled', { type: 'runNow' }, 'cancelled', 'run now'],
  ])('a recurring schedule %s refuses %o', (state, move, words, what) => {
    expect(refused(inState(state), move, approver)).toEqual(notNow(words, what));
  });

  it.each<[ScheduleState, ScheduleMove, string, string]>([
    ['active', { type: 'pause' }, 'active', 'be paused (cancel a one-time schedule)'],
    ['active', edit, 'active', 'be edited: cancel it and ask for the new time instead'],
    ['done', edit, 'done: it has run', 'be edited: cancel it and ask for the new time instead'],
    ['paused', { type: 'runNow' }, 'paused', 'run now'],
  ])('a one-time schedule %s refuses %o', (state, move, words, what) => {
    expect(refused(inState(state, { timing: oneTime }), move, approver)).toEqual(
      notNow(words, what),
    );
  });
});

describe('approve', () => {
  it('makes a pending rule active within its bound, due at its next time, saying who approved it', () => {
    const schedule = pending();
    expect(moved(schedule, approve, approver)).toEqual({
      ...schedule,
      state: 'active',
      bound: { users: 50, seats: 20 },
      nextDueAt: nextNight,
      decidedBy: byApprover,
      decidedAt: at,
      updatedAt: at,
      events: [...schedule.events, { type: 'approve', by: byApprover, at }],
    });
  });

  it.each([
    ['at least 1 user, no new seats', { users: 1, seats: 0 }, true],
    ['no users', { users: 0, seats: 10 }, false],
    ['a part of a user', { users: 2.5, seats: 10 }, false],
    ['negative seats', { users: 10, seats: -1 }, false],
    ['a part of a seat', { users: 10, seats: 0.5 }, false],
    ['seats that are not a number', { users: 10, seats: Number.NaN }, false],
  ])('takes a bound of whole numbers: %s', (_case, bound, accepted) => {
    const result = moveSchedule(pending(), { ...approve, bound }, approver, now);
    expect(result.ok).toBe(accepted);
    if (!result.ok) {
      expect(result.failure).toEqual({
        code: 'INVALID_BOUND',
        message:
          'Give a whole number of users per run (at least 1) and of new seats (0 or more), e.g. 50 and 50.',
      });
    }
  });
});

describe('reject', () => {
  it('ends a pending rule with the reason, trimmed, for the requester to read', () => {
    const schedule = pending();
    expect(moved(schedule, { type: 'reject', reason: '  too broad ' }, approver)).toEqual({
      ...schedule,
      state: 'rejected',
      decidedBy: byApprover,
      decidedAt: at,
      rejectionReason: 'too broad',
      updatedAt: at,
      events: [...schedule.events, { type: 'reject', by: byApprover, at, reason: 'too broad' }],
    });
  });

  it('needs a reason', () => {
    expect(refused(pending(), { type: 'reject', reason: '   ' }, approver)).toEqual({
      code: 'REASON_REQUIRED',
      message: 'Say why you reject it: the requester will read it.',
    });
  });
});

describe('pause and resume', () => {
  it('pauses an active recurring rule: nothing is due and its claim goes', () => {
    const schedule = aSchedule({ claim });
    const { nextDueAt: _next, claim: _claim, ...rest } = schedule;
    expect(moved(schedule, { type: 'pause' }, approver)).toEqual({
      ...rest,
      state: 'paused',
      updatedAt: at,
      events: [...schedule.events, { type: 'pause', by: byApprover, at }],
    });
  });

  it('resumes a paused rule at its next due time', () => {
    const resumed = moved(inState('paused'), { type: 'resume', nextDueAt: nextNight }, approver);
    expect(resumed).toMatchObject({ state: 'active', nextDueAt: nextNight, updatedAt: at });
    expect(resumed.events.at(-1)).toEqual({ type: 'resume', by: byApprover, at });
  });
});

describe('cancel', () => {
  it.each<[ScheduleState, Schedule['timing']]>([
    ['pending', aSchedule().timing],
    ['active', aSchedule().timing],
    ['active', oneTime],
    ['paused', aSchedule().timing],
  ])('ends a %s schedule (%o): nothing more is due and no claim is kept', (state, timing) => {
    const cancelled = moved(inState(state, { timing, claim }), { type: 'cancel' }, owner);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled).not.toHaveProperty('nextDueAt');
    expect(cancelled).not.toHaveProperty('claim');
    expect(cancelled.events.at(-1)).toEqual({
      type: 'cancel',
      by: { userId: 'manager-1', displayName: 'Miriam Graham' },
      at,
    });
  });
});

describe('edit', () => {
  it.each<[ScheduleState]>([['pending'], ['active'], ['paused']])(
    'asks for approval again of a %s rule: the last approval, its justification, due time and claim go',
    (state) => {
      const schedule = inState(state, { claim, lastRun: undefined });
      const edited = moved(schedule, edit, owner);
      const {
        bound: _bound,
        decidedBy: _by,
        decidedAt: _decidedAt,
        justification: _why,
        nextDueAt: _next,
        claim: _claim,
        ...kept
      } = schedule;
      expect(edited).toEqual({
        ...kept,
        change: edit.change,
        summary: 'assign E5 to group "Execs"',
        editedBy: { userId: 'manager-1', displayName: 'Miriam Graham' },
        timing: {
          kind: 'recurring',
          phrase: 'every Monday at 06:00',
          cron: '0 6 * * 1',
          timeZone: 'UTC',
        },
        state: 'pending',
        updatedAt: at,
        events: [
          ...schedule.events,
          { type: 'edit', by: { userId: 'manager-1', displayName: 'Miriam Graham' }, at },
        ],
      });
    },
  );

  it('keeps a new justification given with the edit', () => {
    const edited = moved(aSchedule(), { ...edit, justification: 'Execs now too' }, approver);
    expect(edited.justification).toBe('Execs now too');
  });
});

describe('runNow', () => {
  it.each<[ScheduleState, Schedule['timing']]>([
    ['active', aSchedule().timing],
    ['active', oneTime],
    ['paused', aSchedule().timing],
  ])('runs a %s schedule (%o) now, keeping its state, due time and claim', (state, timing) => {
    const schedule = inState(state, { timing, claim, nextDueAt: nextNight });
    expect(moved(schedule, { type: 'runNow' }, approver)).toEqual({
      ...schedule,
      updatedAt: at,
      events: [...schedule.events, { type: 'runNow', by: byApprover, at }],
    });
  });
});

describe('its events', () => {
  it(`keeps only the last ${SCHEDULE_EVENTS_KEPT}, for a move and for an edit`, () => {
    const events = Array.from({ length: SCHEDULE_EVENTS_KEPT }, (_, index) => ({
      type: 'runNow' as const,
      by: 'system' as const,
      at: `2026-12-06T08:${String(index).padStart(2, '0')}:00.000Z`,
    }));
    const ranAgain = moved(aSchedule({ events }), { type: 'runNow' }, approver);
    expect(ranAgain.events).toEqual([...events.slice(1), { type: 'runNow', by: byApprover, at }]);
    const edited = moved(aSchedule({ events }), edit, approver);
    expect(edited.events).toEqual([...events.slice(1), { type: 'edit', by: byApprover, at }]);
  });
});
