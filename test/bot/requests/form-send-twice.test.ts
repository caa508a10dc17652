import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { clickOnForm } from '../support/form-clicks.ts';
import { buttonsOf, cardOf, invokedCard, shownOn } from '../support/replies.ts';
import { approvalCardsPosted, startRequestStack } from '../support/request-stack.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const PATTI = '00000000-0000-0000-0000-0000000000024'; // License Approvers
const ISAIAH = 'isaiahl@contoso.onmicrosoft.com';
const FORM_MESSAGE = 'form-message-1';

let stack: TestStack;

type Card = Record<string, unknown>;

const personal = (userId: string) => `a:personal-${userId}`;
const operationIdOf = (card: Card): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

/** Clicks a button on the form message, as Teams posts it (the message's id as `replyToId`). */
const click = (card: Card, title: string, typed: Record<string, string> = {}) =>
  clickOnForm(stack, ALEX_WILBER, FORM_MESSAGE, card, title, typed);

const approvalCardsFor = (operationId: string) => approvalCardsPosted(stack, operationId);

beforeAll(async () => {
  stack = await startRequestStack();
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe("the form's Send clicked twice", () => {
  it('makes one request and one set of approval cards; each click shows that request', async () => {
    const form = cardOf(await stack.personalMessage('request', ALEX_WILBER));
    const license = (
      (JSON.stringify(form).match(/"value":"(sku:06ebc4ee[^"]*)"/) ?? [])[1] ?? ''
    ).toString();
    expect(license).not.toBe('');
    const plans = invokedCard(
      await click(form, 'Next', {
        users: ISAIAH,
        license,
        justification: 'Joins the security team',
      }),
    );
    expect(buttonsOf(plans).map((b) => b.title)).toContain('Send request');

    // Teams was slow to answer the first click: the requester clicked again at once.
    const [first, second] = await Promise.all([
      click(plans, 'Send request'),
      click(plans, 'Send request'),
    ]);
    const shownFirst = invokedCard(first);
    const shownSecond = invokedCard(second);
    const operationId = operationIdOf(shownFirst);
    expect(operationIdOf(shownSecond)).toBe(operationId);
    expect(shownOn(shownSecond).join('\n')).toContain('Waiting for an approver');

    const mine = await stack.desk.store.operations.listByRequester(stack.tenantId, ALEX_WILBER);
    expect(mine.items.map((operation) => operation.id)).toEqual([operationId]);

    // The approvers' copies come after the answer: one each.
    await stack.waitForCalls((call) => approvalCardsFor(operationId).includes(call), { count: 2 });
    const later = invokedCard(await click(plans, 'Send request'));
    expect(operationIdOf(later)).toBe(operationId);
    // Whatever the late click set going has been sent before counting the copies.
    await stack.settle();
    expect(
      approvalCardsFor(operationId)
        .map((call) => call.conversationId)
        .sort(),
    ).toEqual([personal(MEGAN), personal(PATTI)].sort());
    const copies = await stack.desk.store.requestCards.list(stack.tenantId, operationId);
    expect(copies.filter((copy) => copy.audience === 'approvers')).toHaveLength(2);
  });
});
