import { describe, expect, it } from 'vitest';
import type { Caller } from '../../../src/app/identity/caller.ts';
import type { ScheduleDecision } from '../../../src/app/schedules/schedule-use-cases.ts';
import type { Schedule } from '../../../src/domain/schedules/schedule.ts';
import type { CommandTurn, Reply } from '../../../src/bot/routing/command.ts';
import { scheduleApprovalCard } from '../../../src/bot/schedules/schedule-approval-card.ts';
import { scheduleActions } from '../../../src/bot/schedules/schedule-commands.ts';
import {
  schedulesCard,
  schedulesCardData,
  type ScheduleViewer,
} from '../../../src/bot/schedules/schedules-card.ts';

const owner = { userId: 'owner-1', displayName: 'Megan Bowen' };
const approver: ScheduleViewer = { userId: 'approver-1', isApprover: true };
const ownerView: ScheduleViewer = { userId: owner.userId, isApprover: false };
const stranger: ScheduleViewer = { userId: 'someone-else', isApprover: false };

function schedule(changes: Partial<Schedule> = {}): Schedule {
  return {
    id: 'sched-1',
    tenantId: 'tenant-1',
    state: 'active',
    owner,
    change: {
      kind: 'assign',
      license: 'POWER_BI_PRO',
      users: [],
      withoutPlans: [],
      selection: { kind: 'group', group: 'Sales' },
    },
    summary: 'Assign Power BI Pro to the members of group "Sales"',
    justification: 'new joiners need reports',
    timing: {
      kind: 'recurring',
      phrase: 'every night at 02:00',
      cron: '0 2 * * *',
      timeZone: 'Europe/Berlin',
    },
    bound: { users: 50, seats: 50 },
    nextDueAt: '2027-01-15T01:00:00.000Z',
    runCount: 0,
    createdAt: '2027-01-10T09:00:00.000Z',
    updatedAt: '2027-01-10T09:00:00.000Z',
    events: [],
    ...changes,
  };
}

const buttonsOf = (s: Schedule, viewer: ScheduleViewer) => {
  const row = schedulesCardData([s], viewer).schedules[0]!;
  return (['canPause', 'canResume', 'canRunNow', 'canCancel', 'canDelete'] as const).filter(
    (key) => row[key],
  );
};
const factsOf = (s: Schedule, viewer: ScheduleViewer = approver) =>
  Object.fromEntries(
    schedulesCardData([s], viewer).schedules[0]!.facts.map((f) => [f.title, f.value]),
  );

describe('the schedules card', () => {
  it('gives approvers the buttons the state allows', () => {
    expect(buttonsOf(schedule(), approver)).toEqual([
      'canPause',
      'canRunNow',
      'canCancel',
      'canDelete',
    ]);
    expect(buttonsOf(schedule({ state: 'paused' }), approver)).toEqual([
      'canResume',
      'canRunNow',
      'canCancel',
      'canDelete',
    ]);
    expect(buttonsOf(schedule({ state: 'pending' }), approver)).toEqual(['canCancel', 'canDelete']);
    expect(buttonsOf(schedule({ state: 'done' }), approver)).toEqual(['canDelete']);
    const once = schedule({
      timing: {
        kind: 'once',
        phrase: 'at 2027-01-15 22:00',
        local: '2027-01-15T22:00',
        timeZone: 'UTC',
      },
    });
    expect(buttonsOf(once, approver)).toEqual(['canRunNow', 'canCancel', 'canDelete']);
    expect(buttonsOf({ ...once, state: 'paused' }, approver)).toEqual([
      'canResume',
      'canCancel',
      'canDelete',
    ]);
  });

  it('lets the owner cancel only before the first run, and nothing else', () => {
    expect(buttonsOf(schedule(), ownerView)).toEqual(['canCancel']);
    expect(buttonsOf(schedule({ runCount: 1 }), ownerView)).toEqual([]);
    expect(schedulesCardData([schedule({ runCount: 1 })], ownerView).schedules[0]!.hasButtons).toBe(
      false,
    );
    expect(buttonsOf(schedule({ state: 'cancelled' }), ownerView)).toEqual([]);
  });

  it('shows a requester only their own schedules, and says so', () => {
    const theirs = schedule({ id: 'theirs', owner: { userId: 'x', displayName: 'Alex' } });
    const data = schedulesCardData([theirs, schedule()], ownerView);
    expect(data.schedules.map((row) => row.scheduleId)).toEqual(['sched-1']);
    expect(data.scope).toMatch(/you asked for/);
    expect(schedulesCardData([theirs], stranger).empty).toBe(true);
    const all = schedulesCardData([theirs, schedule()], approver);
    expect(all.schedules).toHaveLength(2);
    expect(all.scope).toMatch(/Every schedule of your organisation/);
  });

  it('says timing, state, next run, last result, owner and bound in words', () => {
    const ran = schedule({
      state: 'paused',
      runCount: 3,
      lastRun: {
        dueAt: '2027-01-14T01:00:00.000Z',
        ranAt: '2027-01-14T01:00:05.000Z',
        result: 'started',
        message: '12 users licensed',
      },
    });
    const { nextDueAt: _next, ...unscheduled } = ran;
    expect(factsOf(unscheduled)).toEqual({
      When: 'every night at 02:00 (Europe/Berlin)',
      State: 'paused: runs nothing until an approver resumes it',
      'Next run': '—',
      'Last run': '12 users licensed (Thu 2027-01-14 02:00 Europe/Berlin)',
      'Asked by': 'Megan Bowen',
      'Each run': 'at most 50 users and 50 new seats a run',
    });
    expect(factsOf(schedule())['Next run']).toBe('Fri 2027-01-15 02:00 Europe/Berlin');
    expect(factsOf(schedule())['Last run']).toBe('not run yet');
    const rejected = schedule({
      state: 'rejected',
      decidedBy: { userId: 'a', displayName: 'Adele' },
      rejectionReason: 'too broad',
    });
    expect(factsOf(rejected).State).toBe('rejected by Adele: too broad');
  });

  it('lists 25 at most and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => schedule({ id: `s${i}` }));
    const data = schedulesCardData(many, approver);
    expect(data.schedules).toHaveLength(25);
    expect(data.more).toBe('… and 5 more (the ones due latest).');
  });

  it('lists fewer when 25 long ones would pass 28 KB, and still counts the rest', () => {
    const long = 'Assign Microsoft 365 E5 to person.number@contoso.onmicrosoft.com, '.repeat(10);
    const many = Array.from({ length: 25 }, (_, i) =>
      schedule({ id: `7f3c2a10-1111-4c5d-a1b2-8f3c0c7c1c${i}`, summary: long }),
    );
    const card = JSON.stringify(schedulesCard(many, approver));
    expect(card).toMatch(/and \d+ more/);
  });

  it('tells how to make one when there are none', () => {
    const card = JSON.stringify(schedulesCard([], approver));
    expect(card).toContain(
      'No schedules yet. Add a time to any request: `assign Power BI Pro to group \\"Sales\\" every night at 02:00 because new joiners need reports`',
    );
  });
});

type Card = { body: Record<string, unknown>[]; actions?: { verb: string; data: unknown }[] };
const contentOf = (attachment: { content?: unknown }) => attachment.content as Card;
const textOf = (card: Card) => JSON.stringify(card);

describe('the schedule approval card', () => {
  const pending = schedule({ state: 'pending', bound: undefined, nextDueAt: undefined });
  const preview = {
    impact: {
      userCount: 30,
      changeCount: 23,
      noopCount: 7,
      blockedCount: 0,
      usageLocationsToSet: 0,
      conflictCount: 0,
      conflicts: [],
      seats: [
        {
          skuId: 'sku-1',
          name: 'Power BI Pro',
          total: 100,
          usedBefore: 60,
          usedAfter: 83,
          availableAfter: 17,
          shortfall: 0,
        },
      ],
      cost: [],
      unpriced: [],
      leavesShort: false,
      warnings: ['Data at risk'],
    },
    suggestedBound: { users: 23, seats: 23 },
  };
  const now = new Date('2027-01-10T09:00:00.000Z');

  it('gives another approver the bound inputs, a reason, Approve and Reject', () => {
    const card = contentOf(scheduleApprovalCard(pending, preview, approver, now));
    const text = textOf(card);
    expect(text).toContain('Schedule request');
    expect(text).toContain('Megan Bowen');
    expect(text).toContain('every night at 02:00 (Europe/Berlin)');
    expect(text).toContain('Mon 2027-01-11 02:00 Europe/Berlin');
    expect(text).toContain('23 users would change now');
    expect(text).toContain('Power BI Pro: 60 → 83 of 100 seats used');
    expect(text).toContain('Data at risk');
    expect(card.actions!.map((a) => [a.verb, a.data])).toEqual([
      ['schedule-approve', { scheduleId: 'sched-1' }],
      ['schedule-reject', { scheduleId: 'sched-1' }],
    ]);
    const inputs = JSON.stringify(card.body);
    expect(inputs).toContain(
      '"id":"boundUsers","label":"At most users per run","min":1,"value":23',
    );
    expect(inputs).toContain(
      '"id":"boundSeats","label":"At most new seats per run","min":0,"value":23',
    );
    expect(inputs).toContain('"id":"reason"');
  });

  it('says when nothing would change now', () => {
    const text = textOf(
      contentOf(
        scheduleApprovalCard(
          pending,
          {
            nothingNow: 'Everyone in the group has Power BI Pro already.',
            suggestedBound: { users: 10, seats: 10 },
          },
          approver,
          now,
        ),
      ),
    );
    expect(text).toContain('Everyone in the group has Power BI Pro already.');
  });

  it("gives the approvers' copy (drawn for no one) the bound inputs, Approve and Reject", () => {
    const card = contentOf(scheduleApprovalCard(pending, preview, undefined, now));
    expect((card.actions ?? []).length).toBeGreaterThan(0);
    expect(JSON.stringify(card)).toContain('boundUsers');
  });

  it('gives no buttons to the owner, a requester, or once decided', () => {
    const self = { userId: owner.userId, isApprover: true };
    for (const [s, viewer] of [
      [pending, self],
      [pending, stranger],
      [schedule(), approver],
      [schedule(), undefined],
    ] as const) {
      const card = contentOf(scheduleApprovalCard(s, preview, viewer, now));
      expect(card.actions ?? []).toEqual([]);
      expect(textOf(card)).not.toContain('boundUsers');
    }
  });

  it('shows who approved, when, and the bound; who rejected and why', () => {
    const approved = schedule({
      decidedBy: { userId: 'a', displayName: 'Adele Vance' },
      decidedAt: '2027-01-10T09:00:00.000Z',
    });
    expect(textOf(contentOf(scheduleApprovalCard(approved, undefined)))).toContain(
      'Approved by Adele Vance on Sun 2027-01-10 10:00 Europe/Berlin; each run changes at most 50 users and 50 new seats a run.',
    );
    const rejected = schedule({
      state: 'rejected',
      decidedBy: { userId: 'a', displayName: 'Adele Vance' },
      decidedAt: '2027-01-10T09:00:00.000Z',
      rejectionReason: 'too broad',
    });
    expect(textOf(contentOf(scheduleApprovalCard(rejected, undefined)))).toContain(
      'Rejected by Adele Vance on Sun 2027-01-10 10:00 Europe/Berlin: too broad',
    );
  });
});

describe('the schedule buttons', () => {
  const caller: Caller = {
    tenantId: 'tenant-1',
    userId: 'approver-1',
    displayName: 'Adele Vance',
    userPrincipalName: 'adele@contoso.com',
    role: 'approver',
  };
  function turnWith(answer: (decision: ScheduleDecision) => unknown) {
    const decisions: ScheduleDecision[] = [];
    const turn = {
      caller,
      deps: {
        schedules: {
          list: () => Promise.resolve([schedule({ state: 'paused' })]),
          decide: (_c: Caller, _id: string, decision: ScheduleDecision) => {
            decisions.push(decision);
            return Promise.resolve(answer(decision));
          },
        },
      },
    } as unknown as CommandTurn;
    return { turn, decisions };
  }
  const run = (verb: string, turn: CommandTurn, data: unknown): Promise<Reply> => {
    const action = scheduleActions.find((a) => a.verb === verb)!;
    const parsed = action.data.safeParse(data);
    if (!parsed.success) {
      throw new Error(`bad data for ${verb}`);
    }
    return action.handle(turn, parsed.data);
  };

  it('redraws the list with what happened above it', async () => {
    const { turn, decisions } = turnWith(() => ({
      ok: true,
      schedule: schedule({ state: 'paused' }),
    }));
    const reply = await run('schedule-pause', turn, { scheduleId: 'sched-1' });
    expect(decisions).toEqual([{ kind: 'pause' }]);
    const text = textOf(contentOf((reply as { card: { content?: unknown } }).card));
    expect(text).toContain('Paused \\"Assign Power BI Pro');
    expect(text).toContain('schedule-resume');
  });

  it('answers run now with the run’s message, and a refusal with its own', async () => {
    const ran = turnWith(() => ({
      ok: true,
      schedule: schedule(),
      run: { dueAt: '', ranAt: '', result: 'started', message: '12 users licensed' },
    }));
    const reply = await run('schedule-run-now', ran.turn, { scheduleId: 'sched-1' });
    expect(ran.decisions).toEqual([{ kind: 'runNow' }]);
    expect(textOf(contentOf((reply as { card: { content?: unknown } }).card))).toContain(
      'now: 12 users licensed',
    );
    const refused = turnWith(() => ({
      ok: false,
      refusal: { code: 'NOT_FOUND', message: 'I can find no such schedule in your organisation.' },
    }));
    const answer = await run('schedule-delete', refused.turn, { scheduleId: 'gone' });
    expect(textOf(contentOf((answer as { card: { content?: unknown } }).card))).toContain(
      'I can find no such schedule in your organisation.',
    );
  });

  it('approves with the bound typed, and replaces the card without buttons', async () => {
    const { turn, decisions } = turnWith(() => ({ ok: true, schedule: schedule() }));
    const reply = await run('schedule-approve', turn, {
      scheduleId: 'sched-1',
      boundUsers: '40',
      boundSeats: 0,
    });
    expect(decisions).toEqual([{ kind: 'approve', bound: { users: 40, seats: 0 } }]);
    expect(contentOf((reply as { card: { content?: unknown } }).card).actions ?? []).toEqual([]);
  });

  it('says what is wrong with a bound of "abc" or -1, without deciding', async () => {
    const { turn, decisions } = turnWith(() => ({ ok: true, schedule: schedule() }));
    expect(
      await run('schedule-approve', turn, { scheduleId: 's', boundUsers: 'abc', boundSeats: '5' }),
    ).toEqual({ text: 'Give the most users per run as a whole number of 1 or more.' });
    expect(
      await run('schedule-approve', turn, { scheduleId: 's', boundUsers: '5', boundSeats: '-1' }),
    ).toEqual({ text: 'Give the most new seats per run as a whole number of 0 or more.' });
    expect(decisions).toEqual([]);
  });

  it('rejects with the reason, and answers a refusal with its message', async () => {
    const { turn, decisions } = turnWith(() => ({
      ok: false,
      refusal: {
        code: 'SELF_APPROVAL',
        message: 'You asked for this schedule, so another approver has to approve it.',
      },
    }));
    expect(await run('schedule-reject', turn, { scheduleId: 's', reason: 'too broad' })).toEqual({
      text: 'You asked for this schedule, so another approver has to approve it.',
    });
    expect(decisions).toEqual([{ kind: 'reject', reason: 'too broad' }]);
  });
});
