import { describe, expect, it } from 'vitest';
import { parseGroupLicenseCommand } from '../../../src/domain/group-licenses/group-license-command.ts';
import { E3, E5, GROUP, scheduleAsk, scheduleWorld } from './schedule-world.ts';

const world = scheduleWorld('2026-12-07T10:00:00.000Z');

/** A user of the demo tenant holding E3 and not E5, with seats of E5 to spare. */
function e3Holder() {
  const tenant = world.sim.tenant();
  const user = tenant
    .users()
    .find(
      (candidate) =>
        candidate.accountEnabled &&
        candidate.usageLocation !== null &&
        candidate.licenseAssignmentStates.some((state) => state.skuId === E3) &&
        !candidate.licenseAssignmentStates.some((state) => state.skuId === E5),
    );
  expect(user).toBeDefined();
  const e5 = tenant.subscribedSkus().find((sku) => sku.skuId === E5)!;
  expect(tenant.setPrepaidUnits(E5, e5.consumedUnits + 5).ok).toBe(true);
  return user!;
}

/**
 * Megan (an approver) asks to move a user from E3 to E5 at 10:01, a minute ahead; a transfer
 * always waits for an approver, so Isaiah (another one) approves the request unless told not to.
 */
async function transferAt1001(options: { approve: boolean }) {
  const instance = world.instance('instance-a');
  const user = e3Holder();
  const owner = world.caller('megan', 'approver');
  const asked = await instance.schedules.ask(
    owner,
    scheduleAsk(
      `transfer ${user.userPrincipalName} from Microsoft 365 E3 to Microsoft 365 E5 at 2026-12-07 10:01 because she leads the analytics pilot`,
    ),
  );
  if (asked.kind !== 'scheduledOnce') {
    throw new Error(`not scheduled once: ${JSON.stringify(asked)}`);
  }
  expect(asked.request.kind).toBe('pending');
  const schedule = asked.schedule.value;
  expect(schedule).toMatchObject({
    state: 'active',
    nextDueAt: '2026-12-07T10:01:00.000Z',
    timing: { kind: 'once' },
  });
  const operationId = schedule.operationId!;
  expect(operationId).toBeDefined();
  if (!options.approve) {
    return { instance, user, owner, schedule, operationId };
  }
  const decided = await instance.requests.decide(world.caller('isaiah', 'approver'), operationId, {
    kind: 'approve',
  });
  expect(decided.ok).toBe(true);
  const operation = await world.store.operations.get(world.tenantId, operationId);
  expect(operation?.value.state).toBe('approved');
  return { instance, user, owner, schedule, operationId };
}

describe('a one-time schedule', () => {
  it('runs nothing before its time, then starts its approved request, which succeeds', async () => {
    const { instance, user, schedule, operationId } = await transferAt1001({ approve: true });

    world.clock.set('2026-12-07T10:00:30.000Z');
    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
    expect(world.runs).toHaveLength(0);
    expect((await world.store.operations.get(world.tenantId, operationId))?.value.state).toBe(
      'approved',
    );
    expect(world.skusOf(user.id)).toContain(E3);

    world.clock.set('2026-12-07T10:01:05.000Z');
    const pass = await instance.schedules.runDue([world.tenantId]);
    expect(pass.ran).toHaveLength(1);
    expect(pass.ran[0]).toMatchObject({
      dueAt: '2026-12-07T10:01:00.000Z',
      result: 'started',
      operationId,
    });
    await world.runsSettled();

    expect((await world.store.operations.get(world.tenantId, operationId))?.value.state).toBe(
      'succeeded',
    );
    expect(world.skusOf(user.id)).toContain(E5);
    expect(world.skusOf(user.id)).not.toContain(E3);
    const after = await instance.schedules.find(world.tenantId, schedule.id);
    expect(after).toMatchObject({ state: 'done', runCount: 1, lastRun: { result: 'started' } });
    expect(after?.nextDueAt).toBeUndefined();
    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
  }, 60_000);

  it('cancelled by its owner before its time, ends with its request cancelled', async () => {
    // Cancelled while its request waits for an approver.
    const { instance, user, owner, schedule, operationId } = await transferAt1001({
      approve: false,
    });
    expect((await world.store.operations.get(world.tenantId, operationId))?.value.state).toBe(
      'pending',
    );

    const cancelled = await instance.schedules.decide(owner, schedule.id, { kind: 'cancel' });
    expect(cancelled.ok).toBe(true);
    if (!cancelled.ok) {
      return;
    }
    expect(cancelled.schedule.state).toBe('cancelled');
    expect((await world.store.operations.get(world.tenantId, operationId))?.value.state).toBe(
      'cancelled',
    );

    world.clock.set('2026-12-07T10:01:05.000Z');
    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
    expect(world.runs).toHaveLength(0);
    expect(world.skusOf(user.id)).toContain(E3);
    expect(world.skusOf(user.id)).not.toContain(E5);
    expect((await instance.schedules.find(world.tenantId, schedule.id))?.state).toBe('cancelled');
  }, 60_000);

  it('keeps an approved request from starting before its time, whoever tries', async () => {
    const { instance, user, operationId } = await transferAt1001({ approve: true });
    world.clock.set('2026-12-07T10:00:10.000Z');
    expect(await instance.runs.run(world.tenantId, operationId)).toBeUndefined();
    await instance.runs.resume([world.tenantId], { approvedGraceMs: 0 });
    const operation = (await world.store.operations.get(world.tenantId, operationId))!.value;
    expect(operation).toMatchObject({ state: 'approved', startAt: '2026-12-07T10:01:00.000Z' });
    expect(world.skusOf(user.id)).toContain(E3);
    expect(world.skusOf(user.id)).not.toContain(E5);
  }, 60_000);

  it('cancelled on its request after approval, before its time: nothing changes and the schedule ends', async () => {
    const { instance, user, owner, schedule, operationId } = await transferAt1001({
      approve: true,
    });
    world.clock.set('2026-12-07T10:00:20.000Z');
    const cancelled = await instance.requests.decide(owner, operationId, { kind: 'cancel' });
    expect(cancelled.ok).toBe(true);
    expect((await world.store.operations.get(world.tenantId, operationId))?.value).toMatchObject({
      state: 'cancelled',
      cancelRequested: { by: { userId: owner.userId } },
    });
    // `schedules` reads it ended before its time, without waiting for the time to come.
    const listed = (await instance.schedules.list(world.tenantId)).find(
      (s) => s.id === schedule.id,
    );
    expect(listed).toMatchObject({
      state: 'cancelled',
      lastRun: {
        result: 'problem',
        message: 'Not started: its request was cancelled before its time.',
      },
    });
    world.clock.set('2026-12-07T10:01:05.000Z');
    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
    expect(world.skusOf(user.id)).toContain(E3);
    expect(world.skusOf(user.id)).not.toContain(E5);
  }, 60_000);

  it('takes a group license change too: stored for approval now, started at its time', async () => {
    const started: string[] = [];
    const instance = world.instance('instance-g', {
      start: (_tenantId, id) => {
        started.push(id);
      },
    });
    const parsed = parseGroupLicenseCommand(
      'license',
      `group "${GROUP}" with Power BI Pro at 2026-12-07 10:01 because the team reports`,
    );
    if (!parsed.ok || parsed.value.when === undefined) {
      throw new Error(`not read: ${JSON.stringify(parsed)}`);
    }
    const asked = await instance.schedules.askGroup(world.caller('megan', 'approver'), {
      command: parsed.value,
      when: parsed.value.when,
    });
    if (asked.kind !== 'scheduledOnce') {
      throw new Error(`not scheduled once: ${JSON.stringify(asked)}`);
    }
    const operationId = asked.schedule.value.operationId!;
    expect(asked.request.kind).toBe('pending');
    expect(asked.schedule.value).toMatchObject({
      state: 'active',
      nextDueAt: '2026-12-07T10:01:00.000Z',
    });
    const approved = await instance.requests.decide(
      world.caller('isaiah', 'approver'),
      operationId,
      { kind: 'approve' },
    );
    expect(approved.ok).toBe(true);
    const operation = (await world.store.operations.get(world.tenantId, operationId))!.value;
    expect(operation).toMatchObject({
      state: 'approved',
      startAt: '2026-12-07T10:01:00.000Z',
      group: { displayName: GROUP },
      schedule: { scheduleId: asked.schedule.value.id, dueAt: '2026-12-07T10:01:00.000Z' },
    });

    world.clock.set('2026-12-07T10:00:30.000Z');
    expect(await instance.runs.run(world.tenantId, operationId)).toBeUndefined();
    expect(await instance.schedules.runDue([world.tenantId])).toMatchObject({ ran: [] });
    expect(started).toEqual([]);

    world.clock.set('2026-12-07T10:01:05.000Z');
    const pass = await instance.schedules.runDue([world.tenantId]);
    expect(pass.ran).toMatchObject([{ result: 'started', operationId }]);
    expect(started).toEqual([operationId]);
    expect((await instance.schedules.find(world.tenantId, asked.schedule.value.id))?.state).toBe(
      'done',
    );
  }, 60_000);

  it('refuses a group license on a recurring rule, saying to schedule it once', () => {
    const parsed = parseGroupLicenseCommand(
      'license',
      `group "${GROUP}" with E5 every night at 02:00`,
    );
    expect(parsed).toMatchObject({ ok: false, message: expect.stringContaining('once') });
  });
});
