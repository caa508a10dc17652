import { describe, expect, it } from 'vitest';
import type { Schedule, ScheduleRun } from '../../../src/domain/schedules/schedule.ts';
import { claimDueTime, recordRun } from '../../../src/domain/schedules/schedule-ticks.ts';
import { aSchedule } from '../../support/schedules.ts';

// The builder's schedule is due at 2026-12-07T01:00:00.000Z.
const due = '2026-12-07T01:00:00.000Z';
const atDue = new Date(due);
const afterDue = new Date('2026-12-07T01:00:30.000Z');
const beforeDue = new Date('2026-12-07T00:59:59.999Z');
const claimMs = 60_000;

const oneTime = {
  kind: 'once',
  phrase: 'at 2026-12-07 02:00',
  local: '2026-12-07T02:00',
  timeZone: 'Europe/Berlin',
} as const;

describe('claimDueTime', () => {
  it.each<[string, Partial<Schedule>, Date]>([
    ['a pending schedule', { state: 'pending' }, afterDue],
    ['a paused schedule', { state: 'paused' }, afterDue],
    ['a schedule that is done', { state: 'done', nextDueAt: undefined }, afterDue],
    ['an active schedule with nothing more due', { nextDueAt: undefined }, afterDue],
    ['an active schedule whose due time has not come', {}, beforeDue],
  ])('is refused as not due for %s', (_case, overrides, now) => {
    expect(claimDueTime(aSchedule(overrides), 'instance-a', now, claimMs)).toEqual({
      ok: false,
      failure: 'NOT_DUE',
    });
  });

  it('is refused while another instance holds an unexpired claim on the same due time', () => {
    const held = aSchedule({
      claim: { dueAt: due, holder: 'instance-b', expiresAt: '2026-12-07T01:01:00.000Z' },
    });
    expect(claimDueTime(held, 'instance-a', afterDue, claimMs)).toEqual({
      ok: false,
      failure: 'HELD',
    });
  });

  it.each<[string, Partial<Schedule>, Date]>([
    ['an unclaimed due time, at the very moment it is due', {}, atDue],
    ['an unclaimed due time, after it', {}, afterDue],
    [
      'a lapsed claim of an instance that died',
      { claim: { dueAt: due, holder: 'instance-b', expiresAt: '2026-12-07T01:00:30.000Z' } },
      afterDue,
    ],
    [
      'a claim left on an earlier due time',
      {
        claim: {
          dueAt: '2026-12-06T01:00:00.000Z',
          holder: 'instance-b',
          expiresAt: '2026-12-07T05:00:00.000Z',
        },
      },
      afterDue,
    ],
    [
      'its own claim, renewed',
      { claim: { dueAt: due, holder: 'instance-a', expiresAt: '2026-12-07T01:00:45.000Z' } },
      afterDue,
    ],
  ])('takes %s', (_case, overrides, now) => {
    const schedule = aSchedule(overrides);
    expect(claimDueTime(schedule, 'instance-a', now, claimMs)).toEqual({
      ok: true,
      value: {
        ...schedule,
        claim: {
          dueAt: due,
          holder: 'instance-a',
          expiresAt: new Date(now.getTime() + claimMs).toISOString(),
        },
        updatedAt: now.toISOString(),
      },
    });
  });
});

describe('recordRun', () => {
  const ranAt = '2026-12-07T01:00:05.000Z';
  const now = new Date('2026-12-07T01:00:10.000Z');
  const nextNight = '2026-12-08T01:00:00.000Z';
  const ownClaim = { dueAt: due, holder: 'instance-a', expiresAt: '2026-12-07T01:01:00.000Z' };
  const run = (result: ScheduleRun['result']): ScheduleRun => ({
    dueAt: due,
    ranAt,
    result,
    message: result === 'problem' ? 'Sales was not found' : '12 users licensed',
  });

  it.each<[ScheduleRun['result']]>([['started'], ['askedApproval'], ['nothingToDo']])(
    'ends a one-time schedule as done once its time was handled (%s), with nothing more due',
    (result) => {
      const recorded = recordRun(
        aSchedule({ timing: oneTime, claim: ownClaim }),
        run(result),
        { nextDueAt: nextNight },
        now,
      );
      expect(recorded.state).toBe('done');
      expect(recorded).not.toHaveProperty('nextDueAt');
      expect(recorded).not.toHaveProperty('claim');
      expect(recorded).toMatchObject({ lastRun: run(result), runCount: 1 });
    },
  );

  it('ends a one-time schedule cancelled when its request could not start (cancelled, rejected, expired)', () => {
    const schedule = aSchedule({ timing: oneTime, claim: ownClaim });
    const ended = recordRun(schedule, run('problem'), { nextDueAt: nextNight }, now);
    expect(ended).toMatchObject({ state: 'cancelled', runCount: 1 });
    expect(ended).not.toHaveProperty('claim');
    expect(ended).not.toHaveProperty('nextDueAt');
  });

  it('gives a recurring schedule its next due time and lets its claim go', () => {
    const schedule = aSchedule({ claim: ownClaim, runCount: 4 });
    expect(recordRun(schedule, run('started'), { nextDueAt: nextNight }, now)).toEqual({
      ...aSchedule({ claim: undefined }),
      nextDueAt: nextNight,
      lastRun: run('started'),
      runCount: 5,
      updatedAt: now.toISOString(),
    });
    const problem = recordRun(schedule, run('problem'), { nextDueAt: nextNight }, now);
    expect(problem).toMatchObject({ state: 'active', nextDueAt: nextNight, runCount: 5 });
  });

  it('keeps the due time and another instance’s claim on it after a run-now', () => {
    const otherClaim = { dueAt: due, holder: 'instance-b', expiresAt: '2026-12-07T01:01:00.000Z' };
    const recorded = recordRun(
      aSchedule({ claim: otherClaim }),
      run('started'),
      { nextDueAt: nextNight, runNow: true },
      now,
    );
    expect(recorded).toMatchObject({ state: 'active', nextDueAt: due, claim: otherClaim });
  });

  it('after a run-now of a paused schedule, keeps it paused with nothing due and no claim', () => {
    const recorded = recordRun(
      aSchedule({ state: 'paused', nextDueAt: undefined }),
      run('started'),
      { runNow: true },
      now,
    );
    expect(recorded.state).toBe('paused');
    expect(recorded).not.toHaveProperty('nextDueAt');
    expect(recorded).not.toHaveProperty('claim');
  });

  it('keeps no more than the last 20 events', () => {
    const events = Array.from({ length: 25 }, (_, index) => ({
      type: 'runNow' as const,
      by: 'system' as const,
      at: `2026-12-06T08:${String(index).padStart(2, '0')}:00.000Z`,
    }));
    const recorded = recordRun(
      aSchedule({ events }),
      run('started'),
      { nextDueAt: nextNight },
      now,
    );
    expect(recorded.events).toEqual(events.slice(5));
  });
});
