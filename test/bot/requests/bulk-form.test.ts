import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SKUS } from '../../../src/simulator/seed/demo-skus.ts';
import { seededTenant, transitiveUsers } from '../support/seeded-tenant.ts';
import { ALEX_WILBER, type TestStack } from '../../support/stack.ts';
import { buttonsOf, cardOf, executeValue, invokedCard, shownOn } from '../support/replies.ts';
import { approvalCardsPosted, startRequestStack } from '../support/request-stack.ts';

const tenant = seededTenant;

type Card = Record<string, unknown>;
interface Element {
  type: string;
  id?: string;
  value?: string;
  choices?: { title: string; value: string }[];
}

let stack: TestStack;
const shown = (card: unknown) => shownOn(card).join('\n');
const operationIdOf = (card: Card): string =>
  (card.refresh as { action: { data: { operationId: string } } }).action.data.operationId;

function inputsOf(card: unknown): Element[] {
  if (Array.isArray(card)) {
    return card.flatMap(inputsOf);
  }
  if (card && typeof card === 'object') {
    const record = card as Record<string, unknown>;
    const own =
      typeof record.type === 'string' && record.type.startsWith('Input.')
        ? [record as unknown as Element]
        : [];
    return [...own, ...Object.values(record).flatMap(inputsOf)];
  }
  return [];
}

const input = (card: Card, id: string) => inputsOf(card).find((element) => element.id === id);

/** Clicks a card's button as Teams posts it: its data, plus the inputs when it sends them. */
async function click(card: Card, title: string, typed: Record<string, string> = {}) {
  const button = (
    card.actions as {
      title: string;
      verb: string;
      associatedInputs?: string;
      data?: Record<string, unknown>;
    }[]
  ).find((b) => b.title === title);
  if (!button) {
    throw new Error(`no "${title}" on ${shown(card)}`);
  }
  const inputs =
    button.associatedInputs === 'none'
      ? {}
      : Object.fromEntries(inputsOf(card).map((element) => [element.id!, element.value ?? '']));
  return invokedCard(
    await stack.invoke(
      'adaptiveCard/action',
      executeValue(button.verb, { ...button.data, ...inputs, ...typed }),
      ALEX_WILBER,
    ),
  );
}

/** The method buttons of step 1 ("By group", "By filter"…), clicked. */
async function pickMethod(card: Card, title: string): Promise<Card> {
  const set = (
    card.body as {
      type: string;
      actions?: { title: string; verb: string; data: Record<string, unknown> }[];
    }[]
  ).find((element) => element.type === 'ActionSet')!;
  const button = set.actions!.find((action) => action.title === title)!;
  return invokedCard(
    await stack.invoke('adaptiveCard/action', executeValue(button.verb, button.data), ALEX_WILBER),
  );
}

const choiceFor = (card: Card, id: string, title: RegExp): string => {
  const found = input(card, id)!.choices!.find((choice) => title.test(choice.title));
  if (!found) {
    throw new Error(`no ${id} choice like ${title}`);
  }
  return found.value;
};

const openForm = async (): Promise<Card> =>
  cardOf(await stack.personalMessage('bulk', ALEX_WILBER));

async function itemsOf(operationId: string) {
  const page = await stack.desk.store.operationItems.listByState(
    stack.tenantId,
    operationId,
    'planned',
  );
  return page.items
    .map((item) => ({ userId: item.value.userId, body: item.value.body }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
}

beforeAll(async () => {
  stack = await startRequestStack({ env: { SIMULATOR_SEED: '1' } });
  // Enough Power BI Pro seats for every selection below.
  await fetch(`${stack.simulator.url}/_simulator/skus/${SKUS.POWER_BI_PRO}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepaidUnits: { enabled: 1000 } }),
  });
});

afterEach(() => stack.settle());

afterAll(async () => {
  await stack?.close();
});

describe('the bulk form', () => {
  it('walks a group from the count to a submitted request whose approval card reaches the approvers, the same operation as typed', async () => {
    const sales = transitiveUsers('Sales');
    const form = await openForm();
    expect(input(form, 'who')).toMatchObject({ type: 'Input.Text', value: '' });
    expect(buttonsOf(form).map((b) => b.title)).toEqual(['Count']);

    const empty = await click(form, 'Count');
    expect(shown(empty)).toContain('Name a group.');

    const what = await click(form, 'Count', { who: 'Sales' });
    expect(shown(what)).toContain(`${sales.size} users match group "Sales"`);
    expect(buttonsOf(what).map((b) => b.title)).toEqual(['Preview', 'Back']);
    const picked = {
      operation: 'assign',
      license: choiceFor(what, 'license', /^Product: Power BI Pro ·/),
      justification: 'quarterly reporting',
    };

    // A forgotten reason is said on the card, with the count still there.
    const noReason = await click(what, 'Preview', { ...picked, justification: '' });
    expect(shown(noReason)).toContain('Say why: the approvers read this.');
    expect(shown(noReason)).toContain(`${sales.size} users match group "Sales"`);

    const review = await click(what, 'Preview', picked);
    const text = shown(review);
    expect(text).toContain('Assign Power BI Pro');
    expect(text).toContain(`${sales.size} users match group "Sales"`);
    expect(text).toMatch(/Power BI Pro: \d+ → \d+ of 1000 seats used/);
    expect(text).toMatch(/Needs (an approver|2 different approvers)/);
    const typed = /Typed, this is: (.*)/.exec(text)![1]!;
    expect(typed).toMatch(
      /^assign POWER_BI_PRO to group "Sales"( location [A-Z]{2})? because quarterly reporting$/,
    );
    expect(buttonsOf(review).map((b) => b.title)).toEqual(['Submit for approval', 'Back']);
    // Nothing is stored by counting and previewing.
    expect(
      (await stack.desk.store.operations.listByState(stack.tenantId, 'pending')).items,
    ).toHaveLength(0);

    const back = await click(review, 'Back');
    expect(input(back, 'license')!.value).toBe(picked.license);
    expect(input(back, 'justification')!.value).toBe('quarterly reporting');

    const submitted = await click(review, 'Submit for approval');
    expect(shown(submitted)).toContain('Waiting for an approver');
    const operationId = operationIdOf(submitted);
    await stack.waitForCalls(() => approvalCardsPosted(stack, operationId).length > 0);
    const approval = (
      approvalCardsPosted(stack, operationId)[0]!.activity.attachments as { content: Card }[]
    )[0]!.content;
    expect(shown(approval)).toContain(`${sales.size} users match group "Sales"`);
    expect(shown(approval)).toContain('quarterly reporting');

    // Typed in the admin's own words, the same operation.
    const location = / location ([A-Z]{2})/.exec(typed)?.[1];
    const asTyped = cardOf(
      await stack.personalMessage(
        `assign Power BI Pro to group "Sales"${location ? ` location ${location}` : ''} because quarterly reporting`,
        ALEX_WILBER,
      ),
    );
    const typedId = operationIdOf(asTyped);
    expect(typedId).not.toBe(operationId);
    const [fromForm, fromChat] = await Promise.all(
      [operationId, typedId].map((id) => stack.desk.store.operations.get(stack.tenantId, id)),
    );
    const [asked, chat] = [fromForm!.value, fromChat!.value];
    expect(chat.kind).toBe(asked.kind);
    expect(chat.summary).toBe(asked.summary);
    expect(chat.justification).toBe(asked.justification);
    expect(chat.selection).toEqual(asked.selection);
    expect(await itemsOf(typedId)).toEqual(await itemsOf(operationId));
  });

  it('takes a When: a grace period makes it a one-time schedule that many days out, and a time it cannot read is said on the card', async () => {
    const what = await click(await openForm(), 'Count', { who: 'Sales' });
    const picked = {
      operation: 'assign',
      license: choiceFor(what, 'license', /^Product: Power BI Pro ·/),
      justification: 'reports from next month',
    };
    const unreadable = await click(what, 'Preview', { ...picked, when: 'in a while' });
    expect(shown(unreadable)).toContain('I can\'t read "in a while" as a time');

    const review = await click(what, 'Preview', { ...picked, when: 'in 30 days' });
    const typed = /Typed, this is: (.*)/.exec(shown(review))![1]!;
    expect(typed).toMatch(
      /^assign POWER_BI_PRO to group "Sales"( location [A-Z]{2})? in 30 days because reports from next month$/,
    );
    const asked = Date.now();
    const submitted = await click(review, 'Submit for approval');
    expect(shown(submitted)).toMatch(
      /Scheduled: starts \w{3} \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC, not before\./,
    );
    const operationId = operationIdOf(submitted);
    const operation = (await stack.desk.store.operations.get(stack.tenantId, operationId))!.value;
    const startsIn = Date.parse(operation.startAt!) - asked;
    expect(startsIn).toBeGreaterThan(30 * 86_400_000 - 60_000);
    expect(startsIn).toBeLessThan(30 * 86_400_000 + 120_000);
    const schedule = (await stack.desk.store.schedules.list(stack.tenantId))
      .map((entry) => entry.value)
      .find((entry) => entry.operationId === operationId);
    expect(schedule).toMatchObject({
      state: 'active',
      nextDueAt: operation.startAt,
      timing: { kind: 'once', phrase: 'in 30 days' },
    });
  });

  it('is in help, in admin words', async () => {
    const help = shown(cardOf(await stack.personalMessage('help', ALEX_WILBER)));
    expect(help).toContain('a form to change many people’s licenses at once');
  });

  it('says on the card where a filter went wrong, keeping what was typed', async () => {
    const filter = await pickMethod(await openForm(), 'By filter');
    expect(shown(filter)).toContain('department eq "Sales" and not has E5');
    const bad = await click(filter, 'Count', { who: 'department eq Sales' });
    expect(shown(bad)).toMatch(/I can't read that filter\. At character \d+/);
    expect(input(bad, 'who')!.value).toBe('department eq Sales');
    const good = await click(bad, 'Count', { who: 'department eq "Finance"' });
    expect(shown(good)).toMatch(/\d+ users? match users where department eq "Finance"/);
  });

  it('counts a pasted CSV, names the bad row by line, and submits the good rows as a file', async () => {
    const legal = tenant.users.filter((user) => user.department === 'Legal');
    const csv = [
      'UserPrincipalName,LicenseSKU,DisabledPlans',
      ...legal.map((user) => `${user.userPrincipalName},POWER_BI_PRO,`),
      'nobody@contoso.onmicrosoft.com,POWER_BI_PRO,',
    ].join('\n');
    const form = await pickMethod(await openForm(), 'Paste a CSV');
    expect(shown(form)).toContain('UserPrincipalName,LicenseSKU,DisabledPlans');
    const what = await click(form, 'Count', { who: csv });
    const badLine = legal.length + 2;
    expect(shown(what)).toMatch(
      new RegExp(`${legal.length} users match the users in the file \\(.*1 row left out\\)`),
    );
    expect(shown(what)).toContain(`Line ${badLine} (unknown user)`);

    // The rows name their license: none is picked on the form.
    const review = await click(what, 'Preview', {
      operation: 'assign',
      license: '',
      justification: 'legal reporting',
    });
    expect(shown(review)).toContain(`Line ${badLine} (unknown user)`);
    // A usage location for whoever has none: the organisation's country unless changed.
    expect(shown(review)).toContain('1 will get a usage location first');
    expect(shown(review)).toContain(
      'Typed, this is: assign from this file location US because legal reporting (with the CSV sent as a file)',
    );

    const submitted = await click(review, 'Submit for approval');
    const operationId = operationIdOf(submitted);
    expect(shown(submitted)).toContain('Waiting for an approver');
    const items = await itemsOf(operationId);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(legal.length);
  });
});
