import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { cardOf } from '../support/replies.ts';
import { approvalCardsPosted, PATTI, startRequestStack } from '../support/request-stack.ts';

let stack: TestStack;

type Card = Record<string, unknown>;

const operationIdOf = (card: Card): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

/** The approval card's "Why" fact. */
const whyOf = (card: Card): unknown =>
  ((card.body as Card[]).find((element) => element.type === 'FactSet')?.facts as Card[]).find(
    (fact) => fact.title === 'Why',
  )?.value;

beforeAll(async () => {
  stack = await startRequestStack();
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('a justification written as Markdown', () => {
  it('reaches the approvers’ card as typed: no link, no bold, no mention', async () => {
    // Teams sends a typed "<at>" as entities; the command text decodes them.
    const reason = '[Approve](https://evil.example) **urgent** <at>Megan</at> _x_';
    const turn = await stack.personalMessage(
      'assign Power BI Pro to pattif@contoso.onmicrosoft.com because ' +
        '[Approve](https://evil.example) **urgent** &lt;at&gt;Megan&lt;/at&gt; _x_',
      ALEX_WILBER,
    );
    const operationId = operationIdOf(cardOf(turn));
    const stored = await stack.desk.store.operations.get(stack.tenantId, operationId);
    expect(stored?.value.justification).toBe(reason);

    await stack.waitForCalls(() => approvalCardsPosted(stack, operationId).length >= 2);
    const posted = approvalCardsPosted(stack, operationId);
    const cards = posted.map(
      (call) => (call.activity.attachments as { content: Card }[])[0]!.content,
    );
    expect(posted.map((call) => call.conversationId)).toContain(`a:personal-${PATTI}`);
    for (const card of cards) {
      expect(whyOf(card)).toBe(
        '\\[Approve\\](https://evil.example) \\*\\*urgent\\*\\* \\<at\\>Megan\\</at\\> \\_x\\_',
      );
    }
  });
});
