import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../support/connector.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { cardOf, executeValue, invokedCard, shownOn, textOf } from '../support/replies.ts';
import {
  approvalCardsPosted,
  assignLicenseWrites,
  startRequestStack,
} from '../support/request-stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';
const ASK = 'assign Power BI Pro to adelev@contoso.onmicrosoft.com because she builds the reports';

let stack: TestStack;

type Card = Record<string, unknown>;

const personal = (userId: string) => `a:personal-${userId}`;
const said = (call: ConnectorCall): string =>
  typeof call.activity.text === 'string' ? call.activity.text : '';
const cardsIn = (call: ConnectorCall) =>
  ((call.activity.attachments ?? []) as { content: Card }[]).map((a) => a.content);
const operationIdOf = (card: Card): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

/** A message in the sender's personal chat, as Teams posts it; `id` as given (or none). */
const message = (text: string, as: string, id: string | undefined) =>
  stack.send({ type: 'message', text, id }, { aadObjectId: as, tenantId: stack.tenantId });

/** The request a typed message's answer shows (its status card, posted as a new message). */
function askedIn(turn: Awaited<ReturnType<typeof message>>): string {
  return operationIdOf(
    cardOf({ ...turn, replies: turn.replies.filter((c) => c.kind !== 'update') }),
  );
}

/** A card button asking for `command` as typed, clicked on the message `cardMessageId`. */
const clickCommand = (command: string, partial: { id?: string; replyToId?: string }) =>
  stack.invoke('adaptiveCard/action', executeValue('request-command', { command }), ALEX_WILBER, {
    ...partial,
  });

async function operationIdsOf(requester: string): Promise<string[]> {
  const page = await stack.desk.store.operations.listByRequester(stack.tenantId, requester);
  return page.items.map((operation) => operation.id);
}

const approvalCardsFor = (operationId: string) => approvalCardsPosted(stack, operationId);

beforeAll(async () => {
  stack = await startRequestStack();
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('a typed request Teams delivers twice (same activity id)', () => {
  it('stores one request, sends the approvers one copy each, and shows that request both times', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const first = await message(ASK, ALEX_WILBER, '1700000001001');
    const operationId = askedIn(first);
    expect(textOf(first)).toContain('This needs an approver');
    await stack.waitForCalls((call) => approvalCardsFor(operationId).includes(call), { count: 2 });

    const again = await message(ASK, ALEX_WILBER, '1700000001001');
    expect(askedIn(again)).toBe(operationId);
    expect(textOf(again)).toContain('I have this request already');
    expect(shownOn(cardOf(again)).join('\n')).toContain('Waiting for an approver');

    await stack.settle();
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 1);
    expect(
      approvalCardsFor(operationId)
        .map((call) => call.conversationId)
        .sort(),
    ).toEqual([personal(MEGAN), personal(PATTI)].sort());
    const copies = await stack.desk.store.requestCards.list(stack.tenantId, operationId);
    expect(copies.filter((copy) => copy.audience === 'approvers')).toHaveLength(2);
    // Both of the requester's cards are kept, so a decision redraws both.
    expect(copies.filter((copy) => copy.audience === 'requester')).toHaveLength(2);
  });

  it('stores one request when both deliveries arrive at once', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const from = stack.replies.length;
    await Promise.all([
      message(ASK, ALEX_WILBER, '1700000002002'),
      message(ASK, ALEX_WILBER, '1700000002002'),
    ]);
    // Each delivery is answered with a card of one and the same request.
    const shown = stack.replies
      .slice(from)
      .filter((call) => call.conversationId === personal(ALEX_WILBER) && call.kind !== 'update')
      .flatMap(cardsIn)
      .map(operationIdOf);
    expect(shown).toHaveLength(2);
    const operationId = shown[0]!;
    expect(shown[1]).toBe(operationId);
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 1);
    await stack.waitForCalls((call) => approvalCardsFor(operationId).includes(call), { count: 2 });
    await stack.settle();
    expect(approvalCardsFor(operationId)).toHaveLength(2);
  });

  it("runs an approver's own request once and writes its history once", async () => {
    const ask = 'assign Power BI Pro to lynner@contoso.onmicrosoft.com location GB';
    const writes = await assignLicenseWrites(stack);
    const first = await message(ask, MEGAN, '1700000003003');
    const operationId = askedIn(first);
    expect(textOf(first)).toContain("I'm doing it now");
    const again = await message(ask, MEGAN, '1700000003003');
    expect(askedIn(again)).toBe(operationId);
    expect(textOf(again)).not.toContain("I'm doing it now");

    await stack.waitForCalls(
      (call) => call.conversationId === personal(MEGAN) && /^(Done|Not done)/.test(said(call)),
    );
    await stack.settle();
    expect(await assignLicenseWrites(stack)).toBe(writes + 1);
    expect(await operationIdsOf(MEGAN)).toEqual([operationId]);
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.state).toBe('succeeded');
    const history = await stack.desk.store.history.query(stack.tenantId, { skuId: POWER_BI_PRO });
    expect(history.items.filter((event) => event.operationId === operationId)).toHaveLength(1);
    const done = stack.replies.filter(
      (call) => call.conversationId === personal(MEGAN) && /^(Done|Not done)/.test(said(call)),
    );
    expect(done).toHaveLength(1);
  });
});

describe('requests that only look alike', () => {
  it('two messages with the same text make two requests', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const first = askedIn(await message(ASK, ALEX_WILBER, '1700000004004'));
    const second = askedIn(await message(ASK, ALEX_WILBER, '1700000004005'));
    expect(second).not.toBe(first);
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 2);
  });

  it('a message without an id (Teams always sends one) gets a new request each time', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const first = askedIn(await message(ASK, ALEX_WILBER, undefined));
    const second = askedIn(await message(ASK, ALEX_WILBER, undefined));
    expect(second).not.toBe(first);
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 2);
  });
});

describe('a button that asks for a request as typed', () => {
  it('clicked twice on the same card shows the first request; its other buttons make their own', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const card = { replyToId: 'choice-card-1' };
    const first = operationIdOf(invokedCard(await clickCommand(ASK, card)));
    const second = operationIdOf(invokedCard(await clickCommand(ASK, card)));
    expect(second).toBe(first);
    const other = operationIdOf(
      invokedCard(
        await clickCommand(
          'assign Microsoft 365 E5 to isaiahl@contoso.onmicrosoft.com because he joins security',
          card,
        ),
      ),
    );
    expect(other).not.toBe(first);
    // The same button on another card is another request.
    const elsewhere = operationIdOf(
      invokedCard(await clickCommand(ASK, { replyToId: 'choice-card-2' })),
    );
    expect([first, other]).not.toContain(elsewhere);
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 3);
  });

  it('a click Teams delivers twice without the card it came from is still one request', async () => {
    const before = await operationIdsOf(ALEX_WILBER);
    const first = operationIdOf(invokedCard(await clickCommand(ASK, { id: 'f:click-1' })));
    const again = operationIdOf(invokedCard(await clickCommand(ASK, { id: 'f:click-1' })));
    expect(again).toBe(first);
    expect(await operationIdsOf(ALEX_WILBER)).toHaveLength(before.length + 1);
  });
});
