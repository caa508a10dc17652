import { describe, expect, it } from 'vitest';
import { claimDueTime } from '../../../src/domain/schedules/schedule-ticks.ts';
import { compact, GROUP, POWER_BI_PRO, scheduleAsk, scheduleWorld } from './schedule-world.ts';

const world = scheduleWorld('2026-12-07T10:00:00.000Z');
const NIGHTLY = `assign Power BI Pro to group "${GROUP}" every night at 02:00 because new starters report on sales`;

/** A nightly rule asked by Alex and approved by Megan with room for 50 users a run. */
async function approvedNightlyRule(instance: ReturnType<typeof world.instance>) {
  const owner = world.caller('alex', 'requester');
  const asked = await instance.schedules.ask(owner, scheduleAsk(NIGHTLY));
  expect(asked.kind).toBe('scheduledRule');
  if (asked.kind !== 'scheduledRule') {
    throw new Error('no rule');
  }
  const approved = await instance.schedules.decide(
    world.caller('megan', 'approver'),
    asked.schedule.value.id,
    { kind: 'approve', bound: { users: 50, seats: 50 } },
  );
  expect(approved.ok).toBe(true);
  if (!approved.ok) {
    throw new Error('not approved');
  }
  expect(approved.schedule.nextDueAt).toBe('2026-12-08T02:00:00.000Z');
  return { owner, schedule: approved.schedule };
}

/** No user was licensed twice: in the history, one `added` line per user and SKU at most. */
async function expectEachUserLicensedOnce(users: readonly string[]) {
  const added = (await world.history()).filter(
    (event) => event.change === 'added' && event.skuId === POWER_BI_PRO,
  );
  const byUser = added.map((event) => event.userId).sort();
  expect(byUser).toEqual([...users].sort());
  for (const user of users) {
    expect(world.skusOf(user).filter((sku) => sku === POWER_BI_PRO)).toHaveLength(1);
  }
}

describe('two instances over one Cosmos store: each due time runs once', () => {
  it('makes one operation per due time, whichever instance claims it', async () => {
    const users = world.licensableUsers(5);
    world.setMembers(users.slice(0, 3));
    const a = world.instance('instance-a');
    const b = world.instance('instance-b');
    const { owner, schedule } = await approvedNightlyRule(a);

    const dueTimes = [
      '2026-12-08T02:00:00.000Z',
      '2026-12-09T02:00:00.000Z',
      '2026-12-10T02:00:00.000Z',
    ];
    for (const [night, dueAt] of dueTimes.entries()) {
      if (night > 0) {
        // A new starter each night, so each due time has someone to license.
        world.addMember(users[night + 2]!);
      }
      world.clock.set(new Date(Date.parse(dueAt) + 1_000));
      // Both instances' jobs pass at the same moment, three times over.
      for (let pass = 0; pass < 3; pass += 1) {
        const passes = await Promise.all([
          a.schedules.runDue([world.tenantId]),
          b.schedules.runDue([world.tenantId]),
        ]);
        const ran = passes.flatMap((p) => p.ran);
        expect(ran).toHaveLength(pass === 0 ? 1 : 0);
        expect(passes.reduce((sum, p) => sum + p.failed, 0)).toBe(0);
      }
      await world.runsSettled();
      const current = await a.schedules.find(world.tenantId, schedule.id);
      expect(current?.lastRun).toMatchObject({ dueAt, result: 'started' });
      expect(current?.lastRun?.late).toBeUndefined();
      expect(current?.claim).toBeUndefined();
    }

    const operations = await world.operationsOf(owner.userId);
    expect(operations.map((op) => op.id)).toEqual(
      dueTimes.map((dueAt) => `${schedule.id}-${compact(dueAt)}`),
    );
    expect(operations.map((op) => op.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const after = await a.schedules.find(world.tenantId, schedule.id);
    expect(after?.runCount).toBe(dueTimes.length);
    expect(after?.nextDueAt).toBe('2026-12-11T02:00:00.000Z');
    await expectEachUserLicensedOnce(users);
  }, 60_000);
});

describe('a claim whose holder died', () => {
  it('is left alone until it lapses', async () => {
    world.setMembers(world.licensableUsers(2));
    const a = world.instance('instance-a', { claimMs: 60_000 });
    const b = world.instance('instance-b', { claimMs: 60_000 });
    const { owner, schedule } = await approvedNightlyRule(a);
    world.clock.set('2026-12-08T02:00:10.000Z');

    // Instance A claims the due time and dies before running it.
    const read = (await world.store.schedules.get(world.tenantId, schedule.id))!;
    const claim = claimDueTime(read.value, 'instance-a', world.clock.now(), 60_000);
    expect(claim.ok).toBe(true);
    if (!claim.ok) {
      throw new Error('not claimed');
    }
    await world.store.schedules.replace(claim.value, read.etag);

    world.clock.advance(30_000);
    const held = await b.schedules.runDue([world.tenantId]);
    expect(held).toMatchObject({ ran: [], heldElsewhere: 1, failed: 0 });
    expect(await world.operationsOf(owner.userId)).toEqual([]);

    world.clock.advance(31_000);
    const taken = await b.schedules.runDue([world.tenantId]);
    expect(taken.ran).toHaveLength(1);
    expect(taken.ran[0]).toMatchObject({
      dueAt: '2026-12-08T02:00:00.000Z',
      operationId: `${schedule.id}-20261208T020000000Z`,
      result: 'started',
    });
    await world.runsSettled();
    const operations = await world.operationsOf(owner.userId);
    expect(operations.map((op) => [op.id, op.state])).toEqual([
      [`${schedule.id}-20261208T020000000Z`, 'succeeded'],
    ]);
    const after = await b.schedules.find(world.tenantId, schedule.id);
    expect(after).toMatchObject({ runCount: 1, nextDueAt: '2026-12-09T02:00:00.000Z' });
    expect(after?.claim).toBeUndefined();
  }, 60_000);

  it('is taken over after the holder stored the operation: the same operation runs, once', async () => {
    const users = world.licensableUsers(3);
    world.setMembers(users);
    // Instance A stores the due time's operation, then dies before starting it.
    const a = world.instance('instance-a', {
      claimMs: 60_000,
      start: () => {
        throw new Error('instance-a died');
      },
    });
    const b = world.instance('instance-b', { claimMs: 60_000 });
    const { owner, schedule } = await approvedNightlyRule(a);
    world.clock.set('2026-12-08T02:00:10.000Z');

    const died = await a.schedules.runDue([world.tenantId]);
    expect(died).toMatchObject({ ran: [], failed: 1 });
    const left = await world.store.schedules.get(world.tenantId, schedule.id);
    expect(left?.value.claim).toMatchObject({
      holder: 'instance-a',
      dueAt: '2026-12-08T02:00:00.000Z',
    });
    const opId = `${schedule.id}-20261208T020000000Z`;
    expect((await world.operationsOf(owner.userId)).map((op) => [op.id, op.state])).toEqual([
      [opId, 'approved'],
    ]);

    world.clock.advance(30_000);
    expect(await b.schedules.runDue([world.tenantId])).toMatchObject({
      ran: [],
      heldElsewhere: 1,
    });

    world.clock.advance(31_000);
    const taken = await b.schedules.runDue([world.tenantId]);
    expect(taken.ran.map((run) => [run.operationId, run.result])).toEqual([[opId, 'started']]);
    await world.runsSettled();

    const operations = await world.operationsOf(owner.userId);
    expect(operations.map((op) => [op.id, op.state])).toEqual([[opId, 'succeeded']]);
    expect(await world.itemsOf(opId)).toHaveLength(users.length);
    await expectEachUserLicensedOnce(users);
    const after = await b.schedules.find(world.tenantId, schedule.id);
    expect(after).toMatchObject({ runCount: 1, nextDueAt: '2026-12-09T02:00:00.000Z' });
  }, 60_000);
});
