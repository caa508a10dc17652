import { describe, expect, it } from 'vitest';
import type { ScheduleBound } from '../../../src/domain/schedules/schedule.ts';
import { compact, GROUP, POWER_BI_PRO, scheduleAsk, scheduleWorld } from './schedule-world.ts';

const world = scheduleWorld('2026-12-07T10:00:00.000Z');
const NIGHTLY = `assign Power BI Pro to group "${GROUP}" every night at 02:00 because new starters report on sales`;

/** Alex asks for the nightly rule; Megan (another approver than the owner) approves it. */
async function approvedNightlyRule(bound: ScheduleBound) {
  const instance = world.instance('instance-a');
  const owner = world.caller('alex', 'requester');
  const asked = await instance.schedules.ask(owner, scheduleAsk(NIGHTLY));
  if (asked.kind !== 'scheduledRule') {
    throw new Error(`no rule: ${JSON.stringify(asked)}`);
  }
  expect(asked.schedule.value.state).toBe('pending');
  const approved = await instance.schedules.decide(
    world.caller('megan', 'approver'),
    asked.schedule.value.id,
    { kind: 'approve', bound },
  );
  if (!approved.ok) {
    throw new Error(`not approved: ${JSON.stringify(approved)}`);
  }
  expect(approved.schedule).toMatchObject({
    state: 'active',
    bound,
    nextDueAt: '2026-12-08T02:00:00.000Z',
  });
  return { instance, owner, schedule: approved.schedule };
}

const holdsPowerBi = (userId: string) => world.skusOf(userId).includes(POWER_BI_PRO);

describe('a nightly rule and the members who join its group between two ticks', () => {
  it('licenses at the second tick only the one new member without the license', async () => {
    const [first, second, joiner, alreadyLicensed] = world.licensableUsers(4);
    world.setMembers([first!, second!]);
    const { instance, owner, schedule } = await approvedNightlyRule({ users: 10, seats: 10 });

    world.clock.set('2026-12-08T02:00:30.000Z');
    const tick1 = await instance.schedules.runDue([world.tenantId]);
    expect(tick1.ran.map((run) => run.result)).toEqual(['started']);
    await world.runsSettled();
    expect([first, second].map((id) => holdsPowerBi(id!))).toEqual([true, true]);

    // One new member without the license, one who got it elsewhere.
    world.licenseDirectly(alreadyLicensed!);
    world.addMember(joiner!);
    world.addMember(alreadyLicensed!);

    world.clock.set('2026-12-09T02:00:30.000Z');
    const tick2 = await instance.schedules.runDue([world.tenantId]);
    expect(tick2.ran.map((run) => run.result)).toEqual(['started']);
    await world.runsSettled();

    const secondId = `${schedule.id}-${compact('2026-12-09T02:00:00.000Z')}`;
    const operation = (await world.store.operations.get(world.tenantId, secondId))?.value;
    expect(operation).toMatchObject({ state: 'succeeded', userCount: 1, kind: 'assign' });
    const items = await world.itemsOf(secondId);
    expect(items.map((item) => [item.userId, item.state])).toEqual([[joiner, 'done']]);
    expect(holdsPowerBi(joiner!)).toBe(true);

    const added = (await world.history()).filter(
      (event) => event.change === 'added' && event.skuId === POWER_BI_PRO,
    );
    expect(added.filter((event) => event.operationId === secondId).map((e) => e.userId)).toEqual([
      joiner,
    ]);
    expect(added.map((event) => event.userId).sort()).toEqual([first, second, joiner].sort());

    const after = await instance.schedules.find(world.tenantId, schedule.id);
    expect(after).toMatchObject({
      runCount: 2,
      nextDueAt: '2026-12-10T02:00:00.000Z',
      lastRun: {
        dueAt: '2026-12-09T02:00:00.000Z',
        result: 'started',
        operationId: secondId,
      },
    });
    expect(after?.lastRun?.message).toContain(operation!.summary);
    // The owner's chat gets each run's progress card.
    expect(world.notices.runStarted.map((notice) => notice.operation.id)).toEqual([
      `${schedule.id}-${compact('2026-12-08T02:00:00.000Z')}`,
      secondId,
    ]);
    expect(await world.operationsOf(owner.userId)).toHaveLength(2);
  }, 60_000);
});

describe('a run beyond the approved bound', () => {
  it('asks an approver and changes nobody', async () => {
    const users = world.licensableUsers(3);
    const { instance, owner, schedule } = await approvedNightlyRule({ users: 1, seats: 10 });
    // Three members join after the approval: the run would change three users.
    world.setMembers(users);
    const seatsBefore = world.sim
      .tenant()
      .subscribedSkus()
      .find((sku) => sku.skuId === POWER_BI_PRO)!.consumedUnits;

    world.clock.set('2026-12-08T02:00:30.000Z');
    const tick = await instance.schedules.runDue([world.tenantId]);
    expect(tick.ran.map((run) => run.result)).toEqual(['askedApproval']);
    await world.runsSettled();

    const operationId = `${schedule.id}-${compact('2026-12-08T02:00:00.000Z')}`;
    const operations = await world.operationsOf(owner.userId);
    expect(operations.map((op) => [op.id, op.state])).toEqual([[operationId, 'pending']]);
    expect(world.runs).toHaveLength(0);
    expect(users.map(holdsPowerBi)).toEqual([false, false, false]);
    expect(
      world.sim
        .tenant()
        .subscribedSkus()
        .find((sku) => sku.skuId === POWER_BI_PRO)!.consumedUnits,
    ).toBe(seatsBefore);
    expect(await world.history()).toEqual([]);

    // The approvers' card is asked for, with the reason.
    expect(world.requestNotices.asked.map((notice) => notice.operation.id)).toEqual([operationId]);
    expect(world.requestNotices.asked[0]!.drawing.reasons?.join(' ')).toContain(
      'more than the 1 this schedule was approved for per run',
    );

    const after = await instance.schedules.find(world.tenantId, schedule.id);
    expect(after?.lastRun).toMatchObject({
      result: 'askedApproval',
      operationId,
      operationState: 'pending',
    });
    expect(after?.lastRun?.message).toMatch(/3 users would change/);
    expect(after?.lastRun?.message).toContain('the 1 this schedule was approved for per run');
    expect(after).toMatchObject({ runCount: 1, nextDueAt: '2026-12-09T02:00:00.000Z' });
    // The owner is told it did not run.
    expect(world.notices.ran.map((notice) => notice.run.result)).toEqual(['askedApproval']);
  }, 60_000);
});

describe('due times missed while nothing ran', () => {
  it('runs once, late, and is next due the first night after now', async () => {
    const [member] = world.licensableUsers(1);
    world.setMembers([member!]);
    const { instance, owner, schedule } = await approvedNightlyRule({ users: 10, seats: 10 });

    // Nothing ran for three nights: 8, 9 and 10 December went by.
    world.clock.set('2026-12-10T09:00:00.000Z');
    const pass = await instance.schedules.runDue([world.tenantId]);
    expect(pass.ran).toHaveLength(1);
    expect(pass.ran[0]).toMatchObject({
      dueAt: '2026-12-08T02:00:00.000Z',
      late: true,
      result: 'started',
    });
    expect(pass.ran[0]!.message).toContain('Late');
    // The owner gets the run's card and is told it was late, and why.
    expect(world.notices.runStarted).toHaveLength(1);
    expect(world.notices.ran.map(({ run }) => run.late)).toEqual([true]);
    await world.runsSettled();

    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
    const after = await instance.schedules.find(world.tenantId, schedule.id);
    expect(after).toMatchObject({
      runCount: 1,
      nextDueAt: '2026-12-11T02:00:00.000Z',
      lastRun: { late: true },
    });
    const operations = await world.operationsOf(owner.userId);
    expect(operations.map((op) => [op.id, op.state])).toEqual([
      [`${schedule.id}-${compact('2026-12-08T02:00:00.000Z')}`, 'succeeded'],
    ]);
    expect(holdsPowerBi(member!)).toBe(true);
  }, 60_000);
});
