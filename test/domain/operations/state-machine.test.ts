import { describe, expect, it } from 'vitest';
import { newOperation } from '../../../src/domain/operations/new-operation.ts';
import type {
  Actor,
  Operation,
  OperationItem,
  TransitionEvent,
} from '../../../src/domain/operations/operation.ts';
import {
  finalState,
  stoppedRunNote,
  transition,
} from '../../../src/domain/operations/state-machine.ts';

const now = new Date('2026-11-23T10:00:00.000Z');
const later = new Date('2026-11-23T10:05:00.000Z');
const afterExpiry = new Date('2026-11-26T10:00:00.000Z');

const requester: Actor = {
  kind: 'user',
  userId: 'u-megan',
  displayName: 'Megan Bowen',
  isApprover: false,
};
const approver: Actor = {
  kind: 'user',
  userId: 'u-adele',
  displayName: 'Adele Vance',
  isApprover: true,
};
const otherApprover: Actor = {
  kind: 'user',
  userId: 'u-isaiah',
  displayName: 'Isaiah Langer',
  isApprover: true,
};
const stranger: Actor = {
  kind: 'user',
  userId: 'u-lynne',
  displayName: 'Lynne Robbins',
  isApprover: false,
};
const system: Actor = { kind: 'system' };

const body = { addLicenses: [{ skuId: 'sku-e3', disabledPlans: [] }], removeLicenses: [] };

function pending(requestedBy: Actor = requester): Operation {
  return pendingWithItems(requestedBy).operation;
}

function pendingWithItems(requestedBy: Actor = requester) {
  const person = requestedBy.kind === 'user' ? requestedBy : { userId: 'x', displayName: 'x' };
  return newOperation({
    id: 'op-1',
    tenantId: 't-1',
    kind: 'assign',
    requester: { userId: person.userId, displayName: person.displayName },
    summary: 'Assign Microsoft 365 E3 to 2 users',
    justification: '  new starters ',
    items: [
      {
        userId: 'u-1',
        userPrincipalName: 'a@contoso.com',
        displayName: 'A',
        body,
        setUsageLocation: 'FR',
      },
      {
        userId: 'u-2',
        userPrincipalName: 'b@contoso.com',
        displayName: 'B',
        body,
        skipReason: 'already has it',
      },
    ],
    now,
    expiresAfterMs: 72 * 3600_000,
  });
}

function step(operation: Operation, event: TransitionEvent, actor: Actor, at = later): Operation {
  const result = transition(operation, event, actor, at);
  if (!result.ok) {
    throw new Error(result.failure.message);
  }
  return result.value;
}

function refusal(operation: Operation, event: TransitionEvent, actor: Actor, at = later) {
  const result = transition(operation, event, actor, at);
  if (result.ok) {
    throw new Error(`expected ${event.type} to be refused`);
  }
  return result.failure;
}

/** The finish of a run whose users ended in `states`. */
function finish(states: OperationItem['state'][]): TransitionEvent {
  const counts = { planned: 0, sent: 0, done: 0, failed: 0, skipped: 0, cancelled: 0 };
  for (const state of states) {
    counts[state] += 1;
  }
  return {
    type: 'finish',
    outcome: {
      counts,
      notReached: counts.cancelled,
      failures: [],
      skips: [],
      otherFailures: 0,
      firstResults: [],
    },
  };
}

describe('newOperation', () => {
  it('starts pending, with an item per user (kept apart) and an expiry', () => {
    const { operation, items } = pendingWithItems();
    expect(operation.state).toBe('pending');
    expect(operation.expiresAt).toBe('2026-11-26T10:00:00.000Z');
    expect(operation.justification).toBe('new starters');
    expect(operation.userCount).toBe(2);
    expect(operation.firstUsers).toEqual([
      { userId: 'u-1', userPrincipalName: 'a@contoso.com', displayName: 'A' },
      { userId: 'u-2', userPrincipalName: 'b@contoso.com', displayName: 'B' },
    ]);
    expect(operation).not.toHaveProperty('items');
    expect(
      items.map((item) => [item.itemId, item.state, item.setUsageLocation, item.note]),
    ).toEqual([
      ['u-1', 'planned', 'FR', undefined],
      ['u-2', 'skipped', undefined, 'already has it'],
    ]);
  });

  it('keeps no blank justification', () => {
    const { operation } = newOperation({ ...pendingInput(), justification: '  ' });
    expect(operation.justification).toBeUndefined();
  });

  it('copies the time a scheduled request may start and the schedule that made it', () => {
    const schedule = {
      scheduleId: 'schedule-1',
      timing: 'at 2026-11-23 23:00 (Europe/Berlin)',
      timeZone: 'Europe/Berlin',
      dueAt: '2026-11-23T22:00:00.000Z',
    };
    const { operation } = newOperation({
      ...pendingInput(),
      startAt: new Date('2026-11-23T22:00:00.000Z'),
      schedule,
    });
    expect(operation.startAt).toBe('2026-11-23T22:00:00.000Z');
    expect(operation.schedule).toEqual(schedule);
    expect(pending()).not.toHaveProperty('startAt');
    expect(pending()).not.toHaveProperty('schedule');
  });

  it('keeps the REST request fingerprint an Idempotency-Key is bound to', () => {
    const { operation } = newOperation({ ...pendingInput(), requestFingerprint: 'sha256:abc' });
    expect(operation.requestFingerprint).toBe('sha256:abc');
    expect(pending()).not.toHaveProperty('requestFingerprint');
  });
});

function pendingInput() {
  return {
    id: 'op-2',
    tenantId: 't-1',
    kind: 'remove' as const,
    requester: { userId: 'u-megan', displayName: 'Megan Bowen' },
    summary: 's',
    items: [],
    now,
    expiresAfterMs: 1000,
  };
}

describe('approve', () => {
  it('moves a pending request to approved, recording who and when', () => {
    const approved = step(pending(), { type: 'approve' }, approver);
    expect(approved.state).toBe('approved');
    expect(approved.decidedBy).toEqual({ userId: 'u-adele', displayName: 'Adele Vance' });
    expect(approved.decidedAt).toBe(later.toISOString());
    expect(approved.events).toEqual([
      {
        type: 'approve',
        from: 'pending',
        to: 'approved',
        by: approved.decidedBy,
        at: later.toISOString(),
      },
    ]);
  });

  it('refuses the requester approving their own request, even as an approver', () => {
    expect(refusal(pending(approver), { type: 'approve' }, approver).code).toBe('SELF_APPROVAL');
  });

  it('refuses someone who is not an approver', () => {
    expect(refusal(pending(), { type: 'approve' }, stranger).code).toBe('NOT_AN_APPROVER');
  });

  it('answers a second click with who approved it', () => {
    const approved = step(pending(), { type: 'approve' }, approver);
    expect(refusal(approved, { type: 'approve' }, otherApprover)).toEqual({
      code: 'ALREADY_APPROVED',
      message: 'This request was already approved by Adele Vance.',
    });
  });

  it('refuses after the expiry time', () => {
    expect(refusal(pending(), { type: 'approve' }, approver, afterExpiry).code).toBe('EXPIRED');
  });

  it('needs a person', () => {
    expect(refusal(pending(), { type: 'approve' }, system).code).toBe('NOT_ALLOWED');
  });
});

describe('autoApprove', () => {
  it('approves at once for License Desk itself, saying so on a later click', () => {
    const approved = step(pending(approver), { type: 'autoApprove' }, system);
    expect(approved).toMatchObject({ state: 'approved', autoApproved: true });
    expect(approved.events[0]!.by).toBe('system');
    expect(refusal(approved, { type: 'approve' }, otherApprover).message).toContain(
      'automatically',
    );
  });

  it('cannot be triggered by a person', () => {
    expect(refusal(pending(approver), { type: 'autoApprove' }, approver).code).toBe('NOT_ALLOWED');
  });
});

describe('reject', () => {
  it('needs a reason, and keeps it', () => {
    expect(refusal(pending(), { type: 'reject', reason: '  ' }, approver).code).toBe(
      'REASON_REQUIRED',
    );
    const rejected = step(pending(), { type: 'reject', reason: ' no budget ' }, approver);
    expect(rejected).toMatchObject({
      state: 'rejected',
      rejectionReason: 'no budget',
      decidedBy: { displayName: 'Adele Vance' },
    });
    expect(rejected.events[0]!.reason).toBe('no budget');
  });

  it('answers a later approval with the rejection and its reason', () => {
    const rejected = step(pending(), { type: 'reject', reason: 'no budget' }, approver);
    expect(refusal(rejected, { type: 'approve' }, otherApprover)).toEqual({
      code: 'ALREADY_DECIDED',
      message: 'This request was already rejected by Adele Vance: no budget.',
    });
  });

  it('refuses after the expiry time', () => {
    expect(refusal(pending(), { type: 'reject', reason: 'late' }, approver, afterExpiry).code).toBe(
      'EXPIRED',
    );
  });
});

describe('cancel', () => {
  it('lets the requester cancel a pending request', () => {
    expect(step(pending(), { type: 'cancel' }, requester).state).toBe('cancelled');
  });

  it('refuses anyone else', () => {
    expect(refusal(pending(), { type: 'cancel' }, approver).code).toBe('NOT_THE_REQUESTER');
  });

  it('says a cancelled request can no longer be approved', () => {
    const cancelled = step(pending(), { type: 'cancel' }, requester);
    expect(refusal(cancelled, { type: 'approve' }, approver)).toMatchObject({
      code: 'ALREADY_DECIDED',
      message: 'This request was cancelled by the requester.',
    });
  });
});

describe('expire', () => {
  it('expires a pending request once its time has come', () => {
    const expired = step(pending(), { type: 'expire' }, system, afterExpiry);
    expect(expired.state).toBe('expired');
    expect(refusal(expired, { type: 'approve' }, approver).code).toBe('EXPIRED');
  });

  it('does not expire early', () => {
    expect(refusal(pending(), { type: 'expire' }, system).code).toBe('NOT_ALLOWED');
  });

  it('leaves a decided request alone', () => {
    const approved = step(pending(), { type: 'approve' }, approver);
    expect(refusal(approved, { type: 'expire' }, system, afterExpiry).code).toBe(
      'ALREADY_APPROVED',
    );
  });
});

describe('start and finish', () => {
  it('runs an approved request and finishes it as succeeded when every user is done or skipped', () => {
    const running = step(step(pending(), { type: 'approve' }, approver), { type: 'start' }, system);
    expect(running).toMatchObject({ state: 'running', startedAt: later.toISOString() });
    const finished = step(running, finish(['done', 'skipped']), system);
    expect(finished).toMatchObject({ state: 'succeeded', finishedAt: later.toISOString() });
    expect(refusal(finished, { type: 'start' }, system).code).toBe('ALREADY_FINISHED');
  });

  it('only starts an approved request, once', () => {
    expect(refusal(pending(), { type: 'start' }, system).code).toBe('NOT_ALLOWED');
    const running = step(step(pending(), { type: 'approve' }, approver), { type: 'start' }, system);
    expect(refusal(running, { type: 'start' }, system).code).toBe('ALREADY_RUNNING');
    expect(refusal(running, { type: 'approve' }, otherApprover).code).toBe('ALREADY_RUNNING');
    const rejected = step(pending(), { type: 'reject', reason: 'no' }, approver);
    expect(refusal(rejected, { type: 'start' }, system).code).toBe('ALREADY_DECIDED');
  });

  it('is not for people', () => {
    const approved = step(pending(), { type: 'approve' }, approver);
    expect(refusal(approved, { type: 'start' }, approver).code).toBe('NOT_ALLOWED');
  });

  it('finishes only a running request whose users are all settled', () => {
    const approved = step(pending(), { type: 'approve' }, approver);
    expect(refusal(approved, finish(['done']), system).code).toBe('NOT_ALLOWED');
    const running = step(approved, { type: 'start' }, system);
    expect(refusal(running, finish(['done', 'sent']), system).message).toBe(
      'Some users have not been processed yet.',
    );
  });

  it('ends partially failed or failed by the users’ results', () => {
    const running = step(step(pending(), { type: 'approve' }, approver), { type: 'start' }, system);
    expect(step(running, finish(['done', 'failed']), system).state).toBe('partiallyFailed');
    expect(step(running, finish(['failed', 'skipped']), system).state).toBe('failed');
  });
});

describe('stopping a run', () => {
  const running = () =>
    step(step(pending(), { type: 'approve' }, approver), { type: 'start' }, system);

  it('lets the requester or any approver stop it: it keeps running, marked, until the run ends it', () => {
    for (const actor of [requester, otherApprover]) {
      const stopping = step(running(), { type: 'cancel' }, actor);
      expect(stopping.state).toBe('running');
      expect(stopping.cancelRequested).toEqual({
        by: {
          userId: (actor as { userId: string }).userId,
          displayName: (actor as { displayName: string }).displayName,
        },
        at: later.toISOString(),
      });
      expect(stopping.events.at(-1)).toMatchObject({
        type: 'cancel',
        from: 'running',
        to: 'running',
      });
    }
  });

  it('refuses someone who neither asked nor approves, and a second stop', () => {
    expect(refusal(running(), { type: 'cancel' }, stranger).code).toBe('NOT_THE_REQUESTER');
    const stopping = step(running(), { type: 'cancel' }, requester);
    expect(refusal(stopping, { type: 'cancel' }, otherApprover)).toEqual({
      code: 'ALREADY_STOPPING',
      message: 'Megan Bowen already stopped this run: it is ending.',
    });
  });

  it('ends cancelled when users were left out, as the run would have ended when the stop came too late', () => {
    const stopping = step(running(), { type: 'cancel' }, approver);
    const by = { userId: 'u-adele', displayName: 'Adele Vance' };
    expect(step(stopping, finish(['done', 'cancelled']), system)).toMatchObject({
      state: 'cancelled',
    });
    // Users skipped for other reasons (already had it) do not make a stopped run cancelled.
    expect(step(stopping, finish(['done', 'skipped']), system).state).toBe('succeeded');
    expect(step(stopping, finish(['done', 'done']), system).state).toBe('succeeded');
    expect(stoppedRunNote(by)).toBe(
      'Not done: Adele Vance stopped the run before it reached this user.',
    );
  });

  it('says a pending request is still only cancelled by its requester', () => {
    expect(refusal(pending(), { type: 'cancel' }, approver).code).toBe('NOT_THE_REQUESTER');
  });
});

describe('refusals from stored state', () => {
  it('still answer when an older record lacks who decided or why', () => {
    expect(
      refusal({ ...pending(), state: 'approved' }, { type: 'approve' }, approver).message,
    ).toBe('This request was already approved by an approver.');
    expect(
      refusal({ ...pending(), state: 'rejected' }, { type: 'approve' }, approver).message,
    ).toBe('This request was already rejected by an approver: no reason given.');
  });
});

describe('finalState', () => {
  it('is undefined while a user is planned or sent, succeeded for no users', () => {
    const outcome = (states: OperationItem['state'][]) =>
      (finish(states) as Extract<TransitionEvent, { type: 'finish' }>).outcome;
    expect(finalState(outcome(['planned']), false)).toBeUndefined();
    expect(finalState(outcome(['sent']), true)).toBeUndefined();
    expect(finalState(outcome([]), false)).toBe('succeeded');
  });
});

describe('an operation that needs two approvers', () => {
  const needsTwo = (): Operation => {
    const made = newOperation({
      id: 'op-2',
      tenantId: 't-1',
      kind: 'assign',
      requester: { userId: 'u-megan', displayName: 'Megan Bowen' },
      summary: 'Assign Microsoft 365 E5 to 1,200 users',
      items: [{ userId: 'u-1', userPrincipalName: 'a@x', displayName: 'A', body }],
      now,
      expiresAfterMs: 3_600_000,
      selection: { label: 'group "Sales"', counted: '1,200 users match group "Sales"' },
      approversNeeded: 2,
    });
    expect(made.operation.selection?.label).toBe('group "Sales"');
    return made.operation;
  };

  it('stays pending after the first approval, then is approved by a different second one', () => {
    const first = transition(needsTwo(), { type: 'approve' }, approver, later);
    expect(first.ok && first.value.state).toBe('pending');
    expect(first.ok && first.value.approvals).toEqual([
      { by: { userId: 'u-adele', displayName: 'Adele Vance' }, at: later.toISOString() },
    ]);
    if (!first.ok) {
      return;
    }
    const again = transition(first.value, { type: 'approve' }, approver, later);
    expect(!again.ok && again.failure.code).toBe('ALREADY_APPROVED');
    const second = transition(first.value, { type: 'approve' }, otherApprover, later);
    expect(second.ok && second.value.state).toBe('approved');
    expect(second.ok && second.value.decidedBy?.displayName).toBe('Isaiah Langer');
  });
});

describe('a pilot', () => {
  const runningPilot = (): Operation => {
    const made = newOperation({
      id: 'op-3',
      tenantId: 't-1',
      kind: 'assign',
      requester: { userId: 'u-megan', displayName: 'Megan Bowen' },
      summary: 'Assign Microsoft 365 E5 to 500 users',
      items: [{ userId: 'u-1', userPrincipalName: 'a@x', displayName: 'A', body }],
      now,
      expiresAfterMs: 3_600_000,
      pilotSize: 20,
    });
    const approved = transition(made.operation, { type: 'approve' }, approver, now);
    const started = approved.ok && transition(approved.value, { type: 'start' }, system, now);
    if (!started || !started.ok) {
      throw new Error('not started');
    }
    return started.value;
  };

  it('pauses once its users are done, and an approver other than the requester continues it', () => {
    const paused = transition(runningPilot(), { type: 'pause' }, system, later);
    expect(paused.ok && paused.value.state).toBe('paused');
    if (!paused.ok) {
      return;
    }
    const approve = transition(paused.value, { type: 'approve' }, otherApprover, later);
    expect(!approve.ok && approve.failure.code).toBe('PILOT_DONE');
    const bySelf = transition(paused.value, { type: 'continue' }, requester, later);
    expect(!bySelf.ok && bySelf.failure.code).toBe('SELF_APPROVAL');
    const continued = transition(paused.value, { type: 'continue' }, otherApprover, later);
    expect(continued.ok && continued.value.state).toBe('approved');
    expect(continued.ok && continued.value.pilot?.continuedBy?.displayName).toBe('Isaiah Langer');
  });

  it('is stopped from its pause by the requester or an approver: one more run ends the rest', () => {
    const paused = transition(runningPilot(), { type: 'pause' }, system, later);
    if (!paused.ok) {
      throw new Error('not paused');
    }
    const stopped = transition(paused.value, { type: 'cancel' }, otherApprover, later);
    expect(stopped.ok && stopped.value.state).toBe('approved');
    expect(stopped.ok && stopped.value.cancelRequested?.by.displayName).toBe('Isaiah Langer');
    const byStranger = transition(paused.value, { type: 'cancel' }, stranger, later);
    expect(!byStranger.ok && byStranger.failure.code).toBe('NOT_THE_REQUESTER');
  });

  it('cannot pause what is not a running pilot, nor continue what is not paused', () => {
    const pausedTwice = transition(pending(), { type: 'pause' }, system, later);
    expect(!pausedTwice.ok && pausedTwice.failure.code).toBe('NOT_ALLOWED');
    const continuedEarly = transition(runningPilot(), { type: 'continue' }, otherApprover, later);
    expect(continuedEarly.ok).toBe(false);
  });
});

describe('a request approved to start at a later time', () => {
  const startAt = new Date('2026-11-23T22:00:00.000Z');
  const afterStart = new Date('2026-11-23T22:00:01.000Z');
  const approvedForLater = (): Operation =>
    step(
      newOperation({ ...pendingInput(), expiresAfterMs: 72 * 3600_000, startAt }).operation,
      { type: 'approve' },
      approver,
    );

  it('may not start before its time', () => {
    expect(refusal(approvedForLater(), { type: 'start' }, system, later)).toEqual({
      code: 'NOT_YET',
      message: 'It is scheduled to start at 2026-11-23T22:00:00.000Z.',
    });
  });

  it.each([
    ['at its time', startAt],
    ['after its time', afterStart],
  ])('starts %s', (_case, at) => {
    expect(step(approvedForLater(), { type: 'start' }, system, at)).toMatchObject({
      state: 'running',
      startedAt: at.toISOString(),
    });
  });

  it.each([
    ['its requester', requester],
    ['an approver', otherApprover],
  ])('is cancelled before it starts by %s: it simply ends, nothing was sent', (_case, actor) => {
    const person = actor as { userId: string; displayName: string };
    const cancelled = step(approvedForLater(), { type: 'cancel' }, actor, later);
    expect(cancelled).toMatchObject({
      state: 'cancelled',
      cancelRequested: {
        by: { userId: person.userId, displayName: person.displayName },
        at: later.toISOString(),
      },
    });
    expect(cancelled.events.at(-1)).toMatchObject({
      type: 'cancel',
      from: 'approved',
      to: 'cancelled',
    });
    expect(refusal(cancelled, { type: 'start' }, system, afterStart).code).toBe('ALREADY_DECIDED');
  });

  it('may not be cancelled by someone who neither asked nor approves', () => {
    expect(refusal(approvedForLater(), { type: 'cancel' }, stranger, later)).toEqual({
      code: 'NOT_THE_REQUESTER',
      message: 'Only the person who asked can cancel this request.',
    });
  });

  it('is no longer simply cancelled once its time has come: it is about to run', () => {
    expect(refusal(approvedForLater(), { type: 'cancel' }, requester, afterStart).code).toBe(
      'ALREADY_APPROVED',
    );
  });
});
