import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, startTestStack, type TestStack } from '../../support/stack.ts';
import { clickOnForm } from '../support/form-clicks.ts';
import { cardOf, invokedCard, shownOn } from '../support/replies.ts';

const MEGAN = '00000000-0000-0000-0000-0000000000021'; // License Approvers
const ISAIAH = 'isaiahl@contoso.onmicrosoft.com';
const FORM_MESSAGE = 'form-message-1';

type Card = Record<string, unknown>;

let stack: TestStack;

/** Clicks a button on the form message, as Teams posts it (the message's id as `replyToId`). */
const click = (card: Card, title: string, typed: Record<string, string> = {}) =>
  clickOnForm(stack, ALEX_WILBER, FORM_MESSAGE, card, title, typed);

beforeAll(async () => {
  stack = await startTestStack();
  await stack.installationUpdate(MEGAN);
  await stack.installationUpdate(ALEX_WILBER);
});

// Background work of one test (redraws, notices) must not land in the next test's turns.
afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('a request saved while Teams refuses the line that says so', () => {
  it('is answered with its card, not an error, and its approvers still get theirs', async () => {
    const form = cardOf(await stack.personalMessage('request', ALEX_WILBER));
    const license = (JSON.stringify(form).match(/"value":"(sku:06ebc4ee[^"]*)"/) ?? [])[1] ?? '';
    expect(license).not.toBe('');
    const plans = invokedCard(
      await click(form, 'Next', { users: ISAIAH, license, justification: 'Joins security' }),
    );
    // The "sent to the approvers" line is refused for good (403: sending again cannot help).
    stack.connector.refuseNext({ kind: 'reply', status: 403, times: 1 });
    const shown = invokedCard(await click(plans, 'Send request'));
    expect(shownOn(shown).join('\n')).toContain('Waiting for an approver');
    expect(
      stack.connector.refused.map((call) => JSON.stringify(call.activity)).join('\n'),
    ).toContain('This needs an approver');

    const [request] = (
      await stack.desk.store.operations.listByRequester(stack.tenantId, ALEX_WILBER)
    ).items;
    expect(request?.state).toBe('pending');
    await stack.waitForCalls(
      (call) =>
        call.conversationId === `a:personal-${MEGAN}` &&
        JSON.stringify(call.activity).includes(request!.id),
    );
  });
});
