import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../../src/app/ports/clock.ts';
import { systemClock } from '../../../src/graph/index.ts';
import { EXPIRY_JOB } from '../../../src/server/license-desk.ts';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { buttonsOf, executeValue, invokedCard, shownOn } from '../support/replies.ts';
import { startRequestStack } from '../support/request-stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const HOUR = 3_600_000;

// License Desk's clock: real time, moved forward when a test needs a request to be old.
let ahead = 0;
const clock: Clock = {
  now: () => new Date(Date.now() + ahead),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

let stack: TestStack;

const personal = (userId: string) => `a:personal-${userId}`;
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const cardIn = (call: ConnectorCall): Record<string, unknown> | undefined =>
  ((call.activity.attachments ?? []) as { content: Record<string, unknown> }[])[0]?.content;
const shown = (call: ConnectorCall) => shownOn(cardIn(call)).join('\n');
const operationIdOf = (card: Record<string, unknown> | undefined): string | undefined =>
  (card?.refresh as { action?: { data?: { operationId?: string } } } | undefined)?.action?.data
    ?.operationId;

/** One request's cards as posted: the requester's and each approver's, by conversation. */
interface Posted {
  operationId: string;
  requester: ConnectorCall;
  approvers: Map<string, ConnectorCall>;
}

/** Alex asks in his chat; the status card and the two approvers' copies, with their ids. */
async function ask(text: string): Promise<Posted> {
  const turn = await stack.personalMessage(text, ALEX_WILBER);
  const requester = turn.replies.find((call) => call.method === 'POST' && cardIn(call));
  const operationId = operationIdOf(cardIn(requester!));
  expect(operationId).toBeDefined();
  const posted = await stack.waitForCalls(
    (call) =>
      call.method === 'POST' &&
      [personal(MEGAN), personal(PATTI)].includes(call.conversationId) &&
      operationIdOf(cardIn(call)) === operationId,
    { count: 2 },
  );
  return {
    operationId: operationId!,
    requester: requester!,
    approvers: new Map(posted.map((call) => [call.conversationId, call])),
  };
}

/** An approver's click on their own copy, in their own chat. */
function click(verb: string, data: Record<string, unknown>, as: string, on: ConnectorCall) {
  return stack.invoke('adaptiveCard/action', executeValue(verb, data), as, {
    replyToId: on.sentId!,
  });
}

/** Waits for a redraw of one posted copy that shows `text`. */
async function redrawn(copy: ConnectorCall, text: string): Promise<ConnectorCall> {
  const [update] = await stack.waitForCalls(
    (call) =>
      call.kind === 'update' &&
      call.conversationId === copy.conversationId &&
      call.activityId === copy.sentId &&
      shown(call).includes(text),
  );
  return update!;
}

const toldAlex = (text: string) =>
  stack.waitForCalls(
    (call) =>
      call.method === 'POST' &&
      call.conversationId === personal(ALEX_WILBER) &&
      said(call).includes(text),
  );

beforeAll(async () => {
  // No approvers' channel: the card goes to each approver's personal chat.
  stack = await startRequestStack({ clock });
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('every copy of a request card follows the request', () => {
  it("an approval in Megan's chat redraws Patti's copy and Alex's card, up to done, and Alex hears each step", async () => {
    const posted = await ask('assign Power BI Pro to adelev@contoso.onmicrosoft.com');
    const megans = posted.approvers.get(personal(MEGAN))!;
    const pattis = posted.approvers.get(personal(PATTI))!;
    expect(shown(posted.requester)).toContain('Waiting for an approver');
    expect(buttonsOf(cardIn(pattis)!).map((b) => b.title)).toEqual(['Approve', 'Reject']);

    await click('request-approve', { operationId: posted.operationId }, MEGAN, megans);

    // The impact planned with the request is on every copy drawn after it, not only the first.
    const impact = [/Power BI Pro: \d+ → \d+ of \d+ seats used/, /Monthly cost: .* → .*\(\+/];
    for (const line of impact) {
      expect(shown(pattis)).toMatch(line);
    }
    const approved = await redrawn(pattis, 'Approved by Megan Bowen');
    expect(buttonsOf(cardIn(approved)!)).toEqual([]);
    for (const line of impact) {
      expect(shown(approved)).toMatch(line);
    }
    expect((cardIn(approved)!.refresh as { userIds: string[] }).userIds).toEqual(
      (cardIn(pattis)!.refresh as { userIds: string[] }).userIds,
    );
    await redrawn(posted.requester, 'Approved by Megan Bowen');
    for (const copy of [pattis, megans, posted.requester]) {
      const done = await redrawn(copy, 'Done');
      for (const line of impact) {
        expect(shown(done)).toMatch(line);
      }
    }
    // The per-viewer refresh of a finished request draws it from the store alone.
    const view = await click('request-view', { operationId: posted.operationId }, PATTI, pattis);
    const viewed = shownOn(invokedCard(view)).join('\n');
    expect(viewed).toContain('Done');
    for (const line of impact) {
      expect(viewed).toMatch(line);
    }
    const [approvedNotice] = await toldAlex('was approved by Megan Bowen');
    const [doneNotice] = await toldAlex('Done: "Assign Power BI Pro');
    expect(approvedNotice!.receivedAt).toBeLessThanOrEqual(doneNotice!.receivedAt);
  });

  it('a rejection redraws every copy with the reason, and Alex reads it', async () => {
    const posted = await ask('assign Microsoft 365 E5 to adelev@contoso.onmicrosoft.com');
    const pattis = posted.approvers.get(personal(PATTI))!;
    await click(
      'request-reject',
      { operationId: posted.operationId, reason: 'E3 is enough for this role' },
      PATTI,
      pattis,
    );
    for (const copy of [posted.approvers.get(personal(MEGAN))!, posted.requester]) {
      const update = await redrawn(copy, 'Rejected by Patti Fernandez: E3 is enough for this role');
      expect(buttonsOf(cardIn(update)!)).toEqual([]);
    }
    await toldAlex('was rejected by Patti Fernandez: E3 is enough for this role');
  });

  it('a request nobody decides on expires: every copy says so, Alex is told, history keeps it, a late click is refused', async () => {
    const posted = await ask(
      'assign Microsoft 365 E5 to lynner@contoso.onmicrosoft.com location US',
    );
    ahead = 73 * HOUR;
    try {
      expect(await stack.desk.jobs.runNow(EXPIRY_JOB)).toBe(true);
      for (const copy of [...posted.approvers.values(), posted.requester]) {
        const update = await redrawn(copy, 'Expired before anyone decided');
        expect(buttonsOf(cardIn(update)!)).toEqual([]);
      }
      await toldAlex('expired: no approver decided on it in time');
      const stored = await stack.desk.store.operations.get(stack.tenantId, posted.operationId);
      expect(stored?.value.state).toBe('expired');
      const history = await stack.desk.store.history.query(stack.tenantId, {});
      expect(
        history.items.filter((e) => e.operationId === posted.operationId).map((e) => e.change),
      ).toEqual(['expired']);

      const late = await click(
        'request-approve',
        { operationId: posted.operationId },
        MEGAN,
        posted.approvers.get(personal(MEGAN))!,
      );
      expect(JSON.stringify(late.body)).toContain('expired before anyone approved it');
    } finally {
      ahead = 0;
    }
  });

  it('a busy connector (429 twice) does not lose a redraw', async () => {
    const posted = await ask('assign Power BI Pro to lynner@contoso.onmicrosoft.com location US');
    const pattis = posted.approvers.get(personal(PATTI))!;
    const before = stack.connector.refused.length;
    stack.connector.refuseNext({ kind: 'update', status: 429, times: 2 });
    await click('request-approve', { operationId: posted.operationId }, MEGAN, pattis);
    for (const copy of [pattis, posted.requester]) {
      await redrawn(copy, 'Done');
    }
    const refused = stack.connector.refused.slice(before);
    expect(refused.map((call) => call.kind)).toEqual(['update', 'update']);
    // License Desk's own retries, not the HTTP client's: each waited, then tried again.
    const retries = stack.logs.filter(
      (line) => line.message === 'could not redraw a card yet: trying again',
    );
    expect(retries.map((line) => line.fields.status)).toEqual([429, 429]);
    // The refused redraw is the first one sent, and the same one lands after.
    const first = refused[0]!;
    await stack.waitForCalls(
      (call) =>
        call.kind === 'update' &&
        call.activityId === first.activityId &&
        shown(call) === shownOn(cardIn(first)).join('\n'),
    );
  });
});
